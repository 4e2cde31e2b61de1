import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DefaultDeploymentsService } from './DefaultDeploymentsService';

const server = setupServer();
registerMswTestHooks(server);

const base = 'http://localhost:0/api/deployments';
const deployment = {
  id: 'd-1',
  entityRef: 'component:default/payments-api',
  environment: 'staging',
  version: 'v2.6.0',
  status: 'started',
  strategy: 'rolling',
  startedAt: '2026-12-07T10:00:00.000Z',
  steps: [],
};

const service = new DefaultDeploymentsService({
  discovery: mockServices.discovery(),
  auth: mockServices.auth(),
});

describe('DefaultDeploymentsService', () => {
  it("deploys on the user's behalf, with the user's token", async () => {
    let seen: { auth: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${base}/deployments`, async ({ request }) => {
        seen = {
          auth: request.headers.get('authorization'),
          body: await request.json(),
        };
        return HttpResponse.json(
          { deployment, provider: 'webhook', url: null },
          { status: 202 },
        );
      }),
    );
    const answer = await service.deploy(
      {
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        version: 'v2.6.0',
        reason: 'Release v2.6.0',
      },
      { onBehalfOf: mockCredentials.user('user:default/priya.raman') },
    );
    expect(answer.deployment.id).toBe('d-1');
    expect(seen?.body).toMatchObject({ version: 'v2.6.0' });
    expect(seen?.auth).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user('user:default/priya.raman'),
        targetPluginId: 'deployments',
      }),
    );
  });

  it('reads with its own credentials unless told otherwise', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${base}/deployments/:id`, ({ request, params }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ ...deployment, id: params.id });
      }),
    );
    expect((await service.getDeployment('d-9')).id).toBe('d-9');
    expect(auth).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:test'),
        targetPluginId: 'deployments',
      }),
    );
  });

  it('asks for pages and support with their query', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${base}/deployments`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({ items: [deployment] });
      }),
      http.get(`${base}/deploy-support`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          allowed: true,
          provider: 'webhook',
          missing: null,
        });
      }),
    );
    const page = await service.listDeployments({
      entityRef: 'component:default/payments-api',
      limit: 5,
    });
    expect(page.items).toHaveLength(1);
    const support = await service.getDeploySupport(
      'component:default/payments-api',
      { onBehalfOf: mockCredentials.user() },
    );
    expect(support.allowed).toBe(true);
    expect(asked).toEqual([
      '?entityRef=component%3Adefault%2Fpayments-api&limit=5',
      '?entityRef=component%3Adefault%2Fpayments-api',
    ]);
  });

  it("passes on the plugin's own reason when it refuses", async () => {
    server.use(
      http.post(`${base}/deployments`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'Only the owners of component:default/payments-api and admins may deploy it',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(
      service.deploy(
        {
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          version: 'v2.6.0',
          reason: 'Release v2.6.0',
        },
        { onBehalfOf: mockCredentials.user() },
      ),
    ).rejects.toThrow(
      'The deployments plugin answered 403: Only the owners of component:default/payments-api and admins may deploy it',
    );
  });
});
