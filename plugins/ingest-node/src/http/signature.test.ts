import { signHmacSha256, verifyHmacSha256Signature } from './signature';

const body = Buffer.from('{"action":"created"}');
const verify = (header: string | undefined, secrets: string[]) =>
  verifyHmacSha256Signature({
    header,
    body,
    secrets,
    headerName: 'X-Hub-Signature-256',
  });

describe('verifyHmacSha256Signature', () => {
  it('accepts a signature made with the configured secret', () => {
    expect(() =>
      verify(signHmacSha256(body, 'current'), ['current']),
    ).not.toThrow();
  });

  it('accepts the old and the new secret while one is rotated', () => {
    const secrets = ['new-secret', 'old-secret'];
    expect(() =>
      verify(signHmacSha256(body, 'old-secret'), secrets),
    ).not.toThrow();
    expect(() =>
      verify(signHmacSha256(body, 'new-secret'), secrets),
    ).not.toThrow();
  });

  it('accepts upper-case hex digits', () => {
    const hex = signHmacSha256(body, 's').slice('sha256='.length);
    expect(() => verify(`sha256=${hex.toUpperCase()}`, ['s'])).not.toThrow();
  });

  it('rejects a signature over a different body', () => {
    const header = signHmacSha256('{"action":"deleted"}', 'current');
    expect(() => verify(header, ['current'])).toThrow(
      'The X-Hub-Signature-256 signature does not match the request body',
    );
  });

  it('rejects a missing header, a malformed one and a truncated one', () => {
    expect(() => verify(undefined, ['s'])).toThrow(
      'Missing X-Hub-Signature-256 header',
    );
    expect(() => verify('md5=abc', ['s'])).toThrow(
      'Malformed X-Hub-Signature-256 header',
    );
    const truncated = signHmacSha256(body, 's').slice(0, -2);
    expect(() => verify(truncated, ['s'])).toThrow('Malformed');
  });

  it('refuses everything when no secret is configured', () => {
    expect(() => verify(signHmacSha256(body, ''), [])).toThrow(
      'no secret is configured',
    );
  });

  it('answers 401', () => {
    expect(() => verify(undefined, ['s'])).toThrow(
      expect.objectContaining({ name: 'AuthenticationError' }),
    );
  });
});
