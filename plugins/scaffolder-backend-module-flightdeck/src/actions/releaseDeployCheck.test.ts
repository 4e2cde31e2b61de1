import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeploymentsClient } from '../deployments/DeploymentsClient';
import { mockActionContext } from '../testing/mockActionContext';
import { createReleaseDeployCheckAction } from './releaseDeployCheck';

const SUPPORT = 'http://localhost:0/api/deployments/deploy-support';

describe('flightdeck:release:deploy-check', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createReleaseDeployCheckAction({
    deployments: new DeploymentsClient(
      mockServices.discovery(),
      mockServices.auth(),
    ),
  });
  const check = async (answer: object) => {
    let asked: URL | undefined;
    server.use(
      http.get(SUPPORT, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(answer);
      }),
    );
    const ctx = mockActionContext({
      input: { entityRef: 'component:default/payments-ledger' },
      workspacePath: '/nowhere',
      getInitiatorCredentials: jest.fn(async () =>
        mockCredentials.user('user:default/priya.raman'),
      ),
    });
    await action.handler(ctx as any);
    expect(asked?.searchParams.get('entityRef')).toBe(
      'component:default/payments-ledger',
    );
    return Object.fromEntries(ctx.output.mock.calls);
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
});
