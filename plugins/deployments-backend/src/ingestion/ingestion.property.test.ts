import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signHmacSha256 } from '@flightdeck/ingest-node';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { deploymentsPlugin } from '../plugin';
import serviceDeployed from '../webhooks/cdevents/__fixtures__/service_deployed.json';
import serviceRolledback from '../webhooks/cdevents/__fixtures__/service_rolledback.json';
import statusSuccess from '../webhooks/github/__fixtures__/deployment_status.success.json';

jest.setTimeout(180_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'skyhop/payments-api' },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const validEvent = {
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.4.1',
  status: 'succeeded',
  strategy: 'canary',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:04:00Z',
  commitSha: 'abcdef1',
  changes: [{ sha: 'abcdef1', committedAt: '2026-11-19T10:00:00Z' }],
  url: 'https://ci.example/runs/1',
  actor: 'priya',
  idempotencyKey: 'k',
  steps: [{ name: 'canary', weight: 10, status: 'succeeded' }],
};
const fields = Object.keys(validEvent);

/** A valid event with one to three fields replaced by anything, or removed. */
const mutatedEvent = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(...fields, 'extra'),
        fc.option(fc.jsonValue(), { nil: undefined }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.uuid(),
  )
  .map(([mutations, key]) => {
    const event: Record<string, unknown> = {
      ...validEvent,
      idempotencyKey: key,
    };
    for (const [field, value] of mutations) {
      if (value === undefined) delete event[field];
      else event[field] = value;
    }
    return event;
  });

const body = fc.oneof(
  { weight: 4, arbitrary: mutatedEvent.map(e => JSON.stringify(e)) },
  {
    weight: 2,
    arbitrary: fc
      .array(mutatedEvent, { maxLength: 5 })
      .map(events => JSON.stringify({ events })),
  },
  { weight: 1, arbitrary: fc.jsonValue().map(v => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

const cdeventPaths = [
  'specversion',
  'type',
  'data',
  'data.context',
  'data.context.id',
  'data.context.source',
  'data.context.type',
  'data.context.timestamp',
  'data.subject',
  'data.subject.id',
  'data.subject.content',
  'data.subject.content.environment',
  'data.subject.content.environment.name',
  'data.subject.content.artifactId',
  'data.customData',
  'data.customData.flightdeck',
];

/** Sets, or with `undefined` deletes, a dotted path of a JSON object. */
function mutate(target: any, path: string, value: unknown) {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) {
    if (!node || typeof node !== 'object') return;
    node = node[key];
  }
  if (!node || typeof node !== 'object') return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** A CloudEvent from the fixtures with up to three paths replaced or removed. */
const mutatedCloudEvent = fc
  .tuple(
    fc.constantFrom(serviceDeployed, serviceRolledback),
    fc.array(
      fc.tuple(
        fc.constantFrom(...cdeventPaths),
        fc.option(fc.jsonValue(), { nil: undefined }),
      ),
      { maxLength: 3 },
    ),
    fc.uuid(),
  )
  .map(([fixture, mutations, id]) => {
    const ce = structuredClone(fixture) as any;
    ce.data.context.id = id;
    for (const [path, value] of mutations) mutate(ce, path, value);
    return ce;
  });

const cdeventsBody = fc.oneof(
  { weight: 4, arbitrary: mutatedCloudEvent },
  { weight: 2, arbitrary: mutatedCloudEvent.map(ce => ce?.data) },
  { weight: 2, arbitrary: fc.array(mutatedCloudEvent, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

describe('ingestion under random and mutated payloads', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { deployments: { github: { webhookSecret: 's3cret' } } },
        }),
      ],
    });
  });
  afterAll(() => backend.stop());

  const counts = async () => {
    const [d] = await knex('deployments').count({ n: '*' });
    const [k] = await knex('ingest_idempotency_keys').count({ n: '*' });
    return [Number(d.n), Number(k.n)];
  };

  /** A refusal is a 4xx whose message names the problem, and writes nothing. */
  const expectSuccessOrCleanRefusal = async (
    res: request.Response,
    before: number[],
  ) => {
    const refused = res.status !== 200;
    expect({
      status: refused ? Math.floor(res.status / 100) * 100 : 200,
      named: !refused || String(res.body?.error?.message ?? '').length > 5,
      counts: refused ? await counts() : before,
    }).toEqual({
      status: refused ? 400 : 200,
      named: true,
      counts: before,
    });
  };

  it('answers every /events request with success or a 4xx that names the problem, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, async raw => {
        const before = await counts();
        const res = await request(backend.server)
          .post('/api/deployments/events')
          .set('Authorization', mockCredentials.service.header())
          .set('Content-Type', 'application/json')
          .send(raw);
        await expectSuccessOrCleanRefusal(res, before);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers every /webhooks/cdevents request with success or a named 4xx, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(cdeventsBody, async payload => {
        const before = await counts();
        const res = await request(backend.server)
          .post('/api/deployments/webhooks/cdevents')
          .set('Authorization', mockCredentials.service.header())
          .set('Content-Type', 'application/cloudevents+json')
          .send(JSON.stringify(payload ?? null));
        await expectSuccessOrCleanRefusal(res, before);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers every signed GitHub delivery with success, 202 or a 4xx', async () => {
    const mutatedStatus = fc
      .tuple(
        fc.constantFrom('deployment_status', 'deployment', 'ping', 'push'),
        fc.constantFrom(
          'deployment_status',
          'deployment',
          'repository',
          'action',
        ),
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.uuid(),
      )
      .map(([event, field, value, delivery]) => {
        const payload: Record<string, unknown> = { ...statusSuccess };
        if (value === undefined) delete payload[field];
        else payload[field] = value;
        return { event, payload: JSON.stringify(payload), delivery };
      });
    await fc.assert(
      fc.asyncProperty(mutatedStatus, async ({ event, payload, delivery }) => {
        const res = await request(backend.server)
          .post('/api/deployments/webhooks/github')
          .set('Authorization', mockCredentials.none.header())
          .set('Content-Type', 'application/json')
          .set('X-GitHub-Event', event)
          .set('X-GitHub-Delivery', delivery)
          .set('X-Hub-Signature-256', signHmacSha256(payload, 's3cret'))
          .send(payload);
        expect({
          serverError: res.status >= 500,
          named:
            res.status < 400 || typeof res.body?.error?.message === 'string',
        }).toEqual({ serverError: false, named: true });
      }),
      { numRuns: 500 },
    );
  });
});
