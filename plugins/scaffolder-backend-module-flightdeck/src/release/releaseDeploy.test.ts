import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { DefaultDeploymentsService } from '@flightdeck/plugin-deployments-node';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createReleaseDeployAction } from './releaseDeploy';
import { examples } from './releaseDeploy.examples';

const API = 'http://localhost:0/api/deployments';
const priya = mockCredentials.user('user:default/priya.raman');

describe('flightdeck:release:deploy', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createReleaseDeployAction({
    deployments: new DefaultDeploymentsService({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    }),
  });
  const input = {
    entityRef: 'component:default/payments-ledger',
    environment: 'staging',
    version: 'v1.3.0',
  };
  const run = async (extra: Record<string, unknown> = {}) => {
    const ctx = {
      ...createMockActionContext({
        input,
        task: { id: 'task-1' },
        // The action never reads the workspace.
        workspacePath: '/nowhere',
      }),
      checkpoint: jest.fn(async (opts: { fn: () => unknown }) => opts.fn()),
      getInitiatorCredentials: async () => priya,
      ...extra,
    };
    await action.handler(ctx as any);
    return {
      ctx,
      outputs: Object.fromEntries(jest.mocked(ctx.output).mock.calls),
    };
  };

  it('asks the deployments plugin on behalf of the user, once per task', async () => {
    const received: Array<{ auth: string | null; body: any }> = [];
    server.use(
      http.post(`${API}/deployments`, async ({ request }) => {
        received.push({
          auth: request.headers.get('authorization'),
          body: await request.json(),
        });
        return HttpResponse.json(
          {
            deployment: { id: 'd-77', status: 'started' },
            provider: 'webhook',
            url: null,
          },
          { status: 202 },
        );
      }),
    );
    const { ctx, outputs } = await run();
    expect(outputs).toEqual({ deploymentId: 'd-77', provider: 'webhook' });
    expect(received).toEqual([
      {
        auth: expect.stringContaining('Bearer '),
        body: {
          ...input,
          reason: 'Release v1.3.0',
          changes: [],
          requestId: 'scaffolder-task-1-staging',
        },
      },
    ]);
    // The token is the user's, passed on to the deployments plugin.
    expect(received[0].auth).toContain('user:default/priya.raman');
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'release.deploy.component:default/payments-ledger.staging.v1.3.0',
      }),
    );
  });

  it('does not ask again when the task is retried after the checkpoint', async () => {
    const { outputs } = await run({
      checkpoint: jest.fn(async () => ({
        deploymentId: 'd-77',
        provider: 'github-actions',
        url: 'https://github.com/skyhop/payments-ledger/actions/workflows/release.yml',
      })),
    });
    expect(outputs).toEqual({
      deploymentId: 'd-77',
      provider: 'github-actions',
      url: 'https://github.com/skyhop/payments-ledger/actions/workflows/release.yml',
    });
  });

  it('passes on why the deployments plugin refused', async () => {
    server.use(
      http.post(`${API}/deployments`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'Only the owners of component:default/payments-ledger and admins may deploy it',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(run()).rejects.toThrow(
      'Only the owners of component:default/payments-ledger and admins may deploy it',
    );
  });

  it('calls nothing in a dry run', async () => {
    const { outputs } = await run({ isDryRun: true });
    expect(outputs).toEqual({});
  });

  describe('examples', () => {
    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Deploy what the release step tagged',
      ]);
    });

    it('deploys what the release step tagged', async () => {
      const commitSha = 'c0ffee0000000000000000000000000000000001';
      const received: unknown[] = [];
      server.use(
        http.post(`${API}/deployments`, async ({ request }) => {
          received.push(await request.json());
          return HttpResponse.json(
            {
              deployment: { id: 'd-78', status: 'started' },
              provider: 'webhook',
              url: null,
            },
            { status: 202 },
          );
        }),
      );
      const { outputs } = await run({
        input: exampleInput(examples[0], action.id, {
          'parameters.service': 'component:default/payments-ledger',
          'steps.release.output.tag': 'v1.4.0',
          'steps.release.output.commitHash': commitSha,
          'steps.release.output.changes': [
            { sha: commitSha, committedAt: '2026-12-01T09:30:00.000Z' },
          ],
        }),
      });
      expect(received).toEqual([
        {
          entityRef: 'component:default/payments-ledger',
          environment: 'staging',
          version: 'v1.4.0',
          commitSha,
          reason: 'Release v1.4.0',
          changes: [
            { sha: commitSha, committedAt: '2026-12-01T09:30:00.000Z' },
          ],
          requestId: 'scaffolder-task-1-staging',
        },
      ]);
      expect(outputs).toEqual({ deploymentId: 'd-78', provider: 'webhook' });
    });
  });
});
