import { serializeError } from '@backstage/errors';
import { providerFailure } from './providerFailure';

/** What fetch throws when the CD system's host does not answer. */
const unreachable = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 10.20.30.40:8443'), {
      code: 'ECONNREFUSED',
    }),
  });
const refused = (status: number) =>
  Object.assign(
    new Error(
      `The deploy webhook at https://cd.internal.skyhop:8443/deploy answered ${status}`,
    ),
    { status },
  );

/** The answer's body as the error middleware sends it without stack traces. */
const answered = (error: Error) =>
  JSON.stringify(serializeError(error, { includeStack: false }));

describe('providerFailure', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  describe('in production', () => {
    beforeEach(() => {
      process.env.NODE_ENV = 'production';
    });

    it.each([
      [
        refused(422),
        'BadGatewayError',
        'The webhook provider refused the deploy (it answered 422)',
      ],
      [
        refused(503),
        'ServiceUnavailableError',
        'The webhook provider is unavailable for the deploy (it answered 503)',
      ],
      [
        unreachable(),
        'ServiceUnavailableError',
        'The webhook provider could not be reached for the deploy',
      ],
    ])(
      'tells the caller the provider and the status, not the host, port or error text (%#)',
      (cause, name, message) => {
        const error = providerFailure('webhook', 'deploy', cause);
        expect(error).toMatchObject({ name, message });
        const body = answered(error);
        for (const detail of [
          'cd.internal.skyhop',
          '10.20.30.40',
          '8443',
          'ECONNREFUSED',
          'fetch failed',
        ]) {
          expect(body).not.toContain(detail);
        }
      },
    );

    it('keeps the cause in the stack, which the error middleware logs', () => {
      const error = providerFailure('webhook', 'rollback', unreachable());
      expect(error.stack).toContain('fetch failed');
      expect(error.stack).toContain('connect ECONNREFUSED 10.20.30.40:8443');
    });
  });

  it('outside production, tells the caller the cause as well', () => {
    process.env.NODE_ENV = 'development';
    const error = providerFailure('webhook', 'deploy', refused(422));
    expect(error.message).toBe(
      'The webhook provider refused the deploy; caused by Error: The deploy webhook at https://cd.internal.skyhop:8443/deploy answered 422',
    );
    expect(answered(error)).toContain('cd.internal.skyhop');
  });
});
