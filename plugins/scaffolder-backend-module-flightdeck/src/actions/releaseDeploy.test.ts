import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeploymentsClient } from '../deployments/DeploymentsClient';
import { mockActionContext } from '../testing/mockActionContext';
import { createReleaseDeployAction } from './releaseDeploy';

const API = 'http://localhost:0/api/deployments';
const priya = mockCredentials.user('user:default/priya.raman');

describe('flightdeck:release:deploy', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createReleaseDeployAction({
    deployments: new DeploymentsClient(
      mockServices.discovery(),
      mockServices.auth(),
    ),
  });
  const input = {
    entityRef: 'component:default/payments-ledger',
    environment: 'staging',
    version: 'v1.3.0',
  };
  const run = async (extra: Record<string, unknown> = {}) => {
    const ctx = mockActionContext({
      input,
      workspacePath: '/nowhere',
      getInitiatorCredentials: jest.fn(async () => priya),
      ...extra,
    });
    await action.handler(ctx as any);
    return { ctx, outputs: Object.fromEntries(ctx.output.mock.calls) };
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
});
