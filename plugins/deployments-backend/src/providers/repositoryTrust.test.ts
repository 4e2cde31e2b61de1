import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { resolve } from 'node:path';
import request from 'supertest';
import { registeredComponent } from '../__testUtils__/registeredComponent';
import { deploymentsPlugin } from '../plugin';

const ADMIN_LOCATION = '../../catalog/all.yaml';
const OUTSIDE =
  'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml';

const service = (
  name: string,
  registeredFrom: string,
  annotations: Record<string, string>,
) =>
  registeredComponent(
    name,
    registeredFrom,
    {
      'flightdeck.io/deploy-provider': 'github-actions',
      'flightdeck.io/deploy-workflow': 'deploy.yml',
      ...annotations,
    },
    'user:default/mallory',
  );

const payments = { 'github.com/project-slug': 'skyhop/payments-api' };
const entities = [
  service('payments-api', `file:${resolve(ADMIN_LOCATION)}`, payments),
  service('mallory-payments', OUTSIDE, payments),
  service(
    'checkout',
    'url:https://github.com/skyhop/checkout/blob/main/catalog-info.yaml',
    { 'github.com/project-slug': 'skyhop/checkout' },
  ),
  service('granted', OUTSIDE, payments),
  service('granted-other-workflow', OUTSIDE, {
    ...payments,
    'flightdeck.io/deploy-workflow': 'wipe.yml',
  }),
];

describe('deploys and rollbacks act only on repositories an entity may claim', () => {
  const github = setupServer();
  const dispatched: string[] = [];
  beforeAll(() =>
    github.listen({
      onUnhandledRequest: (req, print) => {
        if (!/^(127\.0\.0\.1|localhost)$/.test(new URL(req.url).hostname)) {
          print.error();
        }
      },
    }),
  );
  beforeEach(() => {
    dispatched.length = 0;
    github.use(
      http.post(
        'https://api.github.com/repos/:owner/:repo/actions/workflows/:workflow/dispatches',
        ({ params }) => {
          dispatched.push(`${params.owner}/${params.repo} ${params.workflow}`);
          return new HttpResponse(null, { status: 204 });
        },
      ),
    );
  });
  afterEach(() => github.resetHandlers());
  afterAll(() => github.close());

  async function start() {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
    const backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_test' }],
            },
            catalog: { locations: [{ type: 'file', target: ADMIN_LOCATION }] },
            flightdeck: {
              trust: {
                repositories: [
                  {
                    repository: 'skyhop/payments-api',
                    entities: [
                      'granted',
                      'component:default/granted-other-workflow',
                    ],
                    workflows: ['deploy.yml'],
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const deploy = (name: string) =>
      request(backend.server)
        .post('/api/deployments/deployments')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/mallory'),
        )
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            entityRef: `component:default/${name}`,
            environment: 'production',
            version: 'v9.9.9',
            reason: 'because',
          }),
        );
    const support = (name: string) =>
      request(backend.server)
        .get(
          `/api/deployments/deploy-support?entityRef=component:default/${name}`,
        )
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/mallory'),
        );
    return { backend, deploy, support };
  }

  it('deploys entities from administrator locations, from their own repository, and granted ones', async () => {
    const { backend, deploy } = await start();
    for (const name of ['payments-api', 'checkout', 'granted']) {
      expect((await deploy(name)).status).toBe(202);
    }
    expect(dispatched).toEqual([
      'skyhop/payments-api deploy.yml',
      'skyhop/checkout deploy.yml',
      'skyhop/payments-api deploy.yml',
    ]);
    await backend.stop();
  });

  it("refuses to deploy another team's repository from an entity registered elsewhere, saying why", async () => {
    const { backend, deploy, support } = await start();
    const res = await deploy('mallory-payments');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `component:default/mallory-payments may not act on skyhop/payments-api: it was registered from ${OUTSIDE}, which is neither an administrator location nor inside skyhop/payments-api; an administrator can grant it in flightdeck.trust.repositories`,
    );
    expect(dispatched).toEqual([]);
    const history = await request(backend.server)
      .get(
        '/api/deployments/deployments?entityRef=component:default/mallory-payments',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(history.body.items).toEqual([]);
    expect((await support('mallory-payments')).body).toEqual({
      allowed: true,
      provider: null,
      missing: res.body.error.message,
    });
    await backend.stop();
  });

  it('refuses a workflow the grant does not list', async () => {
    const { backend, deploy } = await start();
    const res = await deploy('granted-other-workflow');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('not the workflow wipe.yml');
    expect(dispatched).toEqual([]);
    await backend.stop();
  });

  it('refuses to roll back through an entity registered elsewhere', async () => {
    const { backend } = await start();
    const reported = await request(backend.server)
      .post('/api/deployments/events')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          service: 'mallory-payments',
          environment: 'production',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: '2026-11-20T10:00:00Z',
          finishedAt: '2026-11-20T10:05:00Z',
          idempotencyKey: 'mallory-1',
        }),
      );
    const id = reported.body.results[0].deploymentId;
    const res = await request(backend.server)
      .post(`/api/deployments/deployments/${id}/rollback`)
      .set('Authorization', mockCredentials.user.header('user:default/mallory'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ reason: 'because' }));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'component:default/mallory-payments may not act on skyhop/payments-api',
    );
    expect(dispatched).toEqual([]);
    await backend.stop();
  });
});
