import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { deploymentsPlugin } from '../plugin';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const bookingWeb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'booking-web', namespace: 'default' },
  spec: {
    type: 'website',
    owner: 'group:default/web',
    lifecycle: 'production',
  },
};

const event = (overrides: object = {}) => ({
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.1',
  status: 'succeeded',
  strategy: 'canary',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:04:00Z',
  idempotencyKey: `k-${Math.random()}`,
  steps: [
    { name: 'canary 10%', weight: 10, status: 'succeeded' },
    { name: 'full', weight: 100, status: 'succeeded' },
  ],
  ...overrides,
});

describe('deployments router', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const asService = mockCredentials.service.header();
  const asUser = mockCredentials.user.header('user:default/guest');

  beforeEach(async () => {
    backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities: [paymentsApi, bookingWeb] }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
  });
  afterEach(() => backend.stop());

  const post = (body: unknown, auth = asService) =>
    request(backend.server)
      .post('/api/deployments/events')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const list = (query = '') =>
    request(backend.server)
      .get(`/api/deployments/deployments${query}`)
      .set('Authorization', asUser);

  it('ingests an event and serves it back', async () => {
    const res = await post(
      event({ service: 'payments-api', entityRef: undefined }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });

    const page = await list('?entityRef=component:default/payments-api');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        version: '2.4.1',
        strategy: 'canary',
        durationSeconds: 240,
        steps: [
          { name: 'canary 10%', weight: 10, status: 'succeeded' },
          { name: 'full', weight: 100, status: 'succeeded' },
        ],
      }),
    ]);
  });

  it('takes batches and answers duplicates without writing them again', async () => {
    const same = event({ idempotencyKey: 'dup' });
    const res = await post({
      events: [same, event({ version: '2.4.2' }), same],
    });
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 1 });
    const retry = await post({ events: [same] });
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await list()).body.items).toHaveLength(2);
  });

  it('writes nothing of a batch with one bad event', async () => {
    const res = await post({
      events: [event(), event({ environment: 'prod' })],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "events[1].environment: 'prod' is not a configured environment (development, staging, production)",
    );
    expect((await list()).body.items).toHaveLength(0);
  });

  it.each([
    [
      'an unknown service',
      event({ entityRef: 'component:default/ghost' }),
      422,
      "No entity 'component:default/ghost' in the catalog",
    ],
    [
      'a missing field',
      event({ version: undefined }),
      400,
      'Invalid deployment event: version',
    ],
    [
      'a timestamp in the future',
      event({ finishedAt: '2099-01-01T00:00:00Z' }),
      400,
      'finishedAt: 2099-01-01T00:00:00Z is in the future',
    ],
    ['malformed JSON', '{"entityRef":', 400, 'not valid JSON'],
    [
      'an empty batch',
      { events: [] },
      400,
      'Invalid deployment events: events',
    ],
  ])('refuses %s', async (_, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('takes events only from services holding a token', async () => {
    const anonymous = await post(event(), mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const fromUser = await post(event(), asUser);
    expect(fromUser.status).toBe(403);
  });

  it("lists a team's deployments across its services", async () => {
    await post({
      events: [
        event({ version: '1' }),
        event({ version: '2', entityRef: 'component:default/booking-web' }),
      ],
    });
    const versions = async (query: string) =>
      (await list(query)).body.items.map((d: { version: string }) => d.version);
    expect(await versions('?owner=payments')).toEqual(['1']);
    expect(await versions('?owner=group:default/web')).toEqual(['2']);
    expect((await versions('')).sort()).toEqual(['1', '2']);
    const bad = await list('?owner=group:default/');
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      "Invalid query: owner: 'group:default/' is not a group reference",
    ]);
  });

  it('validates list queries', async () => {
    expect((await list('?status=exploded')).status).toBe(400);
    expect((await list('?limit=5000')).status).toBe(400);
    expect((await list('?cursor=garbage')).body.error.message).toBe(
      'cursor is not one this API handed out',
    );
    const anonymous = await request(backend.server)
      .get('/api/deployments/deployments')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('tells what runs in each environment and what is in flight', async () => {
    await post({
      events: [
        event({
          version: '2.4.0',
          startedAt: '2026-11-19T10:00:00Z',
          finishedAt: '2026-11-19T10:05:00Z',
        }),
        event({ version: '2.4.1', status: 'started', finishedAt: undefined }),
        event({ version: '2.4.1', environment: 'staging' }),
      ],
    });
    const res = await request(backend.server)
      .get(
        '/api/deployments/environment-states?entityRef=component:default/payments-api',
      )
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((s: any) => [
        s.environment,
        s.current?.version,
        s.latest?.version,
      ]),
    ).toEqual([
      ['development', undefined, undefined],
      ['staging', '2.4.1', undefined],
      ['production', '2.4.0', '2.4.1'],
    ]);
  });

  it('answers DORA metrics for production over the last 30 days by default', async () => {
    await post(
      event({
        startedAt: new Date(Date.now() - 3600_000).toISOString(),
        finishedAt: new Date().toISOString(),
      }),
    );
    const res = await request(backend.server)
      .get('/api/deployments/dora?entityRef=component:default/payments-api')
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    expect(res.body.scope.environment).toBe('production');
    const days =
      (Date.parse(res.body.scope.to) - Date.parse(res.body.scope.from)) /
      86400_000;
    expect(days).toBe(30);
    expect(res.body.deploymentFrequency.total).toBe(1);
    // UTC calendar days touching the window: the first and last are partial.
    expect(res.body.series).toHaveLength(31);
  });

  it.each([
    ['?entityRef=a&owner=b', 'give entityRef or owner, not both'],
    [
      '?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z',
      'from: must be before to',
    ],
    ['?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'at most 366 days'],
    ['?environment=moon', "'moon' is not a configured environment"],
    ['?from=last-week', 'from: expected an ISO 8601 timestamp'],
  ])('refuses the DORA query %s', async (query, message) => {
    const res = await request(backend.server)
      .get(`/api/deployments/dora${query}`)
      .set('Authorization', asUser);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it("compares several teams' DORA metrics in one request", async () => {
    await post({
      events: [
        event({
          startedAt: new Date(Date.now() - 7200_000).toISOString(),
          finishedAt: new Date(Date.now() - 3600_000).toISOString(),
        }),
        event({
          entityRef: 'component:default/booking-web',
          status: 'failed',
          startedAt: new Date(Date.now() - 7200_000).toISOString(),
          finishedAt: new Date(Date.now() - 3600_000).toISOString(),
        }),
      ],
    });
    const res = await request(backend.server)
      .get(
        '/api/deployments/dora/by-owner?owner=web&owner=payments&owner=ghosts',
      )
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((item: any) => [
        item.owner,
        item.metrics.deploymentFrequency.total,
        item.metrics.changeFailures.failed,
      ]),
    ).toEqual([
      ['group:default/web', 0, 1],
      ['group:default/payments', 1, 0],
      ['group:default/ghosts', 0, 0],
    ]);
    const none = await request(backend.server)
      .get('/api/deployments/dora/by-owner')
      .set('Authorization', asUser);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('owner');
  });

  it('takes environment names in any case and answers them as configured', async () => {
    const res = await post(event({ environment: 'Production' }));
    expect(res.status).toBe(200);
    expect((await list('?environment=PRODUCTION')).body.items).toEqual([
      expect.objectContaining({ environment: 'production' }),
    ]);
    const unknown = await list('?environment=moon');
    expect(unknown.body.error.message).toBe(
      "environment: 'moon' is not a configured environment (development, staging, production)",
    );
  });

  it('serves its OpenAPI document to signed-in callers', async () => {
    const res = await request(backend.server)
      .get('/api/deployments/openapi.json')
      .set('Authorization', asUser);
    expect(res.status).toBe(200);
    expect(res.body.paths['/dora/by-owner'].get.operationId).toBe(
      'GetDoraMetricsByOwner',
    );
  });

  it('lists the configured environments in promotion order', async () => {
    const res = await request(backend.server)
      .get('/api/deployments/environments')
      .set('Authorization', asUser);
    expect(res.body.items.map((e: { name: string }) => e.name)).toEqual([
      'development',
      'staging',
      'production',
    ]);
  });
});
