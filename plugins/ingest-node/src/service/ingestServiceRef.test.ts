import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { Knex } from 'knex';
import { IngestService } from './IngestService';
import { ingestServiceRef } from './ingestServiceRef';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

/** A feature plugin that only takes the door, as a feature backend does. */
function featureTakingTheDoor(seen: { ingest?: IngestService }) {
  return createBackendPlugin({
    pluginId: 'feature',
    register(env) {
      env.registerInit({
        deps: { ingest: ingestServiceRef },
        async init({ ingest }) {
          seen.ingest = ingest;
        },
      });
    },
  });
}

async function start(knex: Knex, options: { skipMigrations: boolean }) {
  const seen: { ingest?: IngestService } = {};
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      featureTakingTheDoor(seen),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.database.factory({
        knex,
        migrations: { skip: options.skipMigrations },
      }),
      scheduler.factory,
      mockServices.rootConfig.factory({
        data: {
          flightdeck: {
            environments: [{ name: 'qa' }, { name: 'live', production: true }],
          },
        },
      }),
    ],
  });
  return { backend, ingest: seen.ingest!, scheduler };
}

describe('ingestServiceRef', () => {
  it.each(databases.eachSupportedId())(
    "migrates the feature's database and schedules its janitor on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, ingest, scheduler } = await start(knex, {
        skipMigrations: false,
      });
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(true);
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'purge-idempotency-keys' }),
      );
      expect(ingest.environments.names).toEqual(['qa', 'live']);
      expect(
        await knex.transaction(trx =>
          ingest.idempotency.claimMany(trx, 'events', ['k']),
        ),
      ).toEqual(new Set(['k']));
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend } = await start(knex, { skipMigrations: true });
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(false);
      await backend.stop();
    },
  );

  it('is one instance per plugin', async () => {
    const seen: IngestService[] = [];
    const plugin = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: { ingest: ingestServiceRef, db: coreServices.database },
            async init({ ingest }) {
              seen.push(ingest);
            },
          });
        },
      });
    const backend = await startTestBackend({
      features: [
        plugin('one'),
        plugin('two'),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    await backend.stop();
  });
});
