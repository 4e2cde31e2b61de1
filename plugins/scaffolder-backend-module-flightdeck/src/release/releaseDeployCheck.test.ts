import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { DefaultDeploymentsService } from '@flightdeck/plugin-deployments-node';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createReleaseDeployCheckAction } from './releaseDeployCheck';
import { examples } from './releaseDeployCheck.examples';

const SUPPORT = 'http://localhost:0/api/deployments/deploy-support';

describe('flightdeck:release:deploy-check', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createReleaseDeployCheckAction({
    deployments: new DefaultDeploymentsService({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    }),
  });
  const check = async (
    answer: object,
    input: Record<string, any> = {
      entityRef: 'component:default/payments-ledger',
    },
  ) => {
    let asked: URL | undefined;
    server.use(
      http.get(SUPPORT, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(answer);
      }),
    );
    const ctx = {
      ...createMockActionContext({
        input,
        // The action never reads the workspace.
        workspacePath: '/nowhere',
      }),
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/priya.raman'),
    };
    await action.handler(ctx as any);
    expect(asked?.searchParams.get('entityRef')).toBe(
      'component:default/payments-ledger',
    );
    return Object.fromEntries(jest.mocked(ctx.output).mock.calls);
  };

  it('passes when the user may deploy and there is a provider', async () => {
    expect(
      await check({ allowed: true, provider: 'webhook', missing: null }),
    ).toEqual({ provider: 'webhook' });
  });

  it('stops a user who may not deploy the service', async () => {
    await expect(
      check({ allowed: false, provider: 'webhook', missing: null }),
    ).rejects.toThrow(
      'Only the owners of component:default/payments-ledger and admins may deploy it',
    );
  });

  it('says what to configure when there is no provider', async () => {
    await expect(
      check({
        allowed: true,
        provider: null,
        missing: 'Set the flightdeck.io/deploy-provider annotation',
      }),
    ).rejects.toThrow(
      'cannot be deployed from Flightdeck yet: Set the flightdeck.io/deploy-provider annotation',
    );
  });

  describe('examples', () => {
    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Check before tagging',
      ]);
    });

    it('checks before tagging that the service can be deployed', async () => {
      expect(
        await check(
          { allowed: true, provider: 'github-actions', missing: null },
          exampleInput(examples[0], action.id, {
            'parameters.service': 'component:default/payments-ledger',
          }),
        ),
      ).toEqual({ provider: 'github-actions' });
    });
  });
});
