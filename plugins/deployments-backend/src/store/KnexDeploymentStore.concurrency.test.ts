import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import {
  CatalogEntityResolver,
  Environments,
  IdempotencyStore,
} from '@flightdeck/ingest-node';
import {
  DeploymentEvent,
  deploymentEventSchema,
} from '@flightdeck/plugin-deployments-common';
import { DeploymentIngestor } from '../ingestion/DeploymentIngestor';
import { lockWaiters } from '../__testUtils__/lockWaiters';
import { KnexDeploymentStore } from './KnexDeploymentStore';

const databases = TestDatabases.create({ ids: testDatabaseIds() });
jest.setTimeout(60_000);

const service = 'component:default/payments-api';
const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

function event(
  overrides: Partial<Record<keyof DeploymentEvent, unknown>>,
): DeploymentEvent {
  return deploymentEventSchema.parse({
    entityRef: service,
    environment: 'production',
    version: '1.0.0',
    status: 'started',
    startedAt: '2026-11-20T10:00:00Z',
    idempotencyKey: `key-${Math.random()}`,
    ...overrides,
  });
}

const succeeded = (deploymentId: string) =>
  event({
    deploymentId,
    status: 'succeeded',
    finishedAt: '2026-11-20T10:03:00Z',
  });

const resolved = (e: DeploymentEvent) => ({ event: e, entityRef: service });

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const idempotency = await IdempotencyStore.create({ knex });
  const store = await KnexDeploymentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
    idempotency,
  });
  const ingestor = new DeploymentIngestor(store, {
    environments: Environments.fromConfig(new ConfigReader({})),
    entities: new CatalogEntityResolver(
      catalogServiceMock({ entities: [paymentsApi] }),
      mockServices.auth(),
    ),
  });
  return { knex, store, ingestor, idempotency };
}

// Line-ups of waiting sessions need PostgreSQL: SQLite has one writer at a time.
const postgresIds = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));
const describeOnPostgres = postgresIds.length ? describe : describe.skip;
const onPostgres = postgresIds.length
  ? postgresIds
  : [['POSTGRES_16' as TestDatabaseId]];

describe('KnexDeploymentStore under concurrent events', () => {
  describeOnPostgres('with sessions lined up on PostgreSQL', () => {
    // SQLite has one writer at a time: only PostgreSQL can interleave them.
    it.each(onPostgres)(
      'ends succeeded with its finish time whatever order the events of one deployment land in on %p',
      async databaseId => {
        const { ingestor, store } = await setUp(databaseId);
        const deployments = ['run-1', 'run-2', 'run-3', 'run-4', 'run-5'];
        const events = deployments.flatMap(deploymentId => {
          const started = Array.from({ length: 12 }, () =>
            event({ deploymentId }),
          );
          return [
            ...started.slice(0, 6),
            succeeded(deploymentId),
            ...started.slice(6),
          ];
        });

        await Promise.all(events.map(e => ingestor.ingest([e])));

        for (const deploymentId of deployments) {
          expect(
            await store.getByKey(service, 'production', deploymentId),
          ).toMatchObject({
            status: 'succeeded',
            finishedAt: '2026-11-20T10:03:00.000Z',
          });
        }
      },
    );

    it.each(onPostgres)(
      'merges into what a concurrent writer committed, not into what it read before on %p',
      async databaseId => {
        const { knex, store } = await setUp(databaseId);
        await store.record([resolved(event({ deploymentId: 'run-7' }))]);

        // A third session holds the row, so both events are in flight at once.
        const holder = await knex.transaction();
        await holder('deployments')
          .where({ deployment_key: 'run-7' })
          .forUpdate()
          .select('id');
        const success = store.record([resolved(succeeded('run-7'))]);
        await lockWaiters(knex, 1);
        const lateStart = store.record([
          resolved(event({ deploymentId: 'run-7' })),
        ]);
        await lockWaiters(knex, 2);
        await holder.commit();
        await Promise.all([success, lateStart]);

        expect(
          await store.getByKey(service, 'production', 'run-7'),
        ).toMatchObject({
          status: 'succeeded',
          finishedAt: '2026-11-20T10:03:00.000Z',
        });
      },
    );

    it.each(onPostgres)(
      'claims overlapping batches in opposite key order without a deadlock on %p',
      async databaseId => {
        const { knex, store, idempotency } = await setUp(databaseId);
        const batch = ['a', 'm', 'z'].map(key =>
          resolved(event({ deploymentId: `run-${key}`, idempotencyKey: key })),
        );

        // Another delivery holds the middle key until both batches wait.
        const holder = await knex.transaction();
        await idempotency.claimMany(holder, 'deployment-event', ['m']);
        const forwards = store.record(batch);
        await lockWaiters(knex, 1);
        const backwards = store.record([...batch].reverse());
        await lockWaiters(knex, 2);
        await holder.rollback();

        const outcomes = (await Promise.all([forwards, backwards])).flat();
        expect(outcomes.filter(o => !o.duplicate)).toHaveLength(3);
      },
    );

    it.each(onPostgres)(
      'merges overlapping batches of stored deployments in opposite order without a deadlock on %p',
      async databaseId => {
        const { knex, store } = await setUp(databaseId);
        const keys = ['run-a', 'run-m', 'run-z'];
        await store.record(
          keys.map(deploymentId => resolved(event({ deploymentId }))),
        );

        const holder = await knex.transaction();
        await holder('deployments')
          .where({ deployment_key: 'run-m' })
          .forUpdate()
          .select('id');
        const forwards = store.record(keys.map(k => resolved(succeeded(k))));
        await lockWaiters(knex, 1);
        const backwards = store.record(
          [...keys].reverse().map(k => resolved(succeeded(k))),
        );
        await lockWaiters(knex, 2);
        await holder.commit();
        await Promise.all([forwards, backwards]);

        for (const key of keys) {
          expect(
            (await store.getByKey(service, 'production', key))?.status,
          ).toBe('succeeded');
        }
      },
    );
  });
});
