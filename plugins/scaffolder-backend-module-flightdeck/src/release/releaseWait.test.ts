import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { DefaultDeploymentsService } from '@flightdeck/plugin-deployments-node';
import { exampleInput } from '../__testUtils__/exampleInput';
import { fakeSleep } from '../__testUtils__/fakeSleep';
import { createReleaseWaitAction } from './releaseWait';
import { examples } from './releaseWait.examples';

const API = 'http://localhost:0/api/deployments';

const deployment = (status: string, extra: object = {}) => ({
  id: 'd-77',
  entityRef: 'component:default/payments-ledger',
  environment: 'staging',
  version: 'v1.3.0',
  status,
  strategy: 'rolling',
  startedAt: '2026-11-29T09:00:00.000Z',
  steps: [],
  ...extra,
});

describe('flightdeck:release:wait', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  /** Answers the statuses in turn, then the last one forever. */
  const statuses = (...answers: object[]) => {
    let calls = 0;
    server.use(
      http.get(`${API}/deployments/d-77`, () =>
        HttpResponse.json(answers[Math.min(calls++, answers.length - 1)]),
      ),
    );
    return () => calls;
  };

  const { pauses, sleep } = fakeSleep();
  const action = createReleaseWaitAction({
    deployments: new DefaultDeploymentsService({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    }),
    sleep,
  });

  const run = async (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      input: { deploymentId: 'd-77', ...input },
      // The action never reads the workspace.
      workspacePath: '/nowhere',
    });
    await action.handler(ctx as any);
    return Object.fromEntries(jest.mocked(ctx.output).mock.calls);
  };

  it('follows the deployment until it finishes and outputs how it ended', async () => {
    const calls = statuses(
      deployment('started'),
      deployment('started'),
      deployment('succeeded', {
        durationSeconds: 95,
        url: 'https://ci.skyhop.example/runs/812',
      }),
    );
    expect(await run({ pollSeconds: 5 })).toEqual({
      conclusion: 'succeeded',
      status: 'succeeded',
      durationSeconds: 95,
      url: 'https://ci.skyhop.example/runs/812',
    });
    expect(calls()).toBe(3);
    expect(pauses).toEqual([2000, 4000]);
  });

  it('outputs a failure, and fails the step only when asked to', async () => {
    statuses(deployment('failed'));
    expect(await run({})).toMatchObject({ conclusion: 'failed' });
    await expect(run({ failOnFailure: true })).rejects.toThrow(
      'The deployment of v1.3.0 to staging failed',
    );
  });

  it('gives up at the timeout with timed_out', async () => {
    const calls = statuses(deployment('started'));
    expect(await run({ timeoutMinutes: 1, pollSeconds: 25 })).toEqual({
      conclusion: 'timed_out',
      status: 'started',
    });
    // 2, 4, 8 and 16 s, then 25 s, then the 5 s left of the minute.
    expect(pauses).toEqual([2000, 4000, 8000, 16_000, 25_000, 5000]);
    expect(calls()).toBe(7);
    await expect(
      run({ timeoutMinutes: 1, pollSeconds: 30, failOnFailure: true }),
    ).rejects.toThrow('had not finished after 1 minutes');
  });

  it('looks again after a server error, but not forever', async () => {
    const unavailable = {
      error: { name: 'ServiceUnavailableError', message: 'restarting' },
      response: { statusCode: 503 },
    };
    let calls = 0;
    server.use(
      http.get(`${API}/deployments/d-77`, () =>
        calls++ === 0
          ? HttpResponse.json(unavailable, { status: 503 })
          : HttpResponse.json(deployment('succeeded')),
      ),
    );
    expect(await run({})).toMatchObject({ conclusion: 'succeeded' });
    expect(calls).toBe(2);

    server.use(
      http.get(`${API}/deployments/d-77`, () =>
        HttpResponse.json(unavailable, { status: 503 }),
      ),
    );
    await expect(run({})).rejects.toThrow(
      'The deployments plugin answered 503: restarting',
    );
  });

  it('names a deployment that does not exist', async () => {
    server.use(
      http.get(`${API}/deployments/d-77`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No deployment d-77' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(run({})).rejects.toThrow('No deployment d-77');
  });

  describe('examples', () => {
    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Wait up to 20 minutes and show how it ended',
      ]);
    });

    it('waits for the deployment and shows how it ended', async () => {
      statuses(
        deployment('started'),
        deployment('succeeded', { durationSeconds: 42 }),
      );
      expect(
        await run(
          exampleInput(examples[0], action.id, {
            'steps.deploy.output.deploymentId': 'd-77',
          }),
        ),
      ).toEqual({
        conclusion: 'succeeded',
        status: 'succeeded',
        durationSeconds: 42,
      });
      expect(pauses).toEqual([2000]);
    });
  });
});
