import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { Knex } from 'knex';
import { IdempotencyStore } from './IdempotencyStore';

const databases = TestDatabases.create({ ids: testDatabaseIds() });

jest.setTimeout(60_000);

const claim = async (
  knex: Knex,
  store: IdempotencyStore,
  scope: string,
  keys: string[],
) => [...(await knex.transaction(trx => store.claimMany(trx, scope, keys)))];

describe('IdempotencyStore', () => {
  it.each(databases.eachSupportedId())(
    'claims each key once per scope on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create({ knex });
      expect(await claim(knex, store, 'events', ['k1'])).toEqual(['k1']);
      expect(await claim(knex, store, 'events', ['k1'])).toEqual([]);
      expect(await claim(knex, store, 'github', ['k1'])).toEqual(['k1']);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims many keys at once, each once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create({ knex });
      await claim(knex, store, 'events', ['seen']);
      const keys = [
        'a',
        'seen',
        'b',
        'a',
        ...Array.from({ length: 700 }, (_, i) => `k${i}`),
      ];
      const claimed = await knex.transaction(trx =>
        store.claimMany(trx, 'events', keys),
      );
      expect(claimed.has('seen')).toBe(false);
      expect(claimed.has('a')).toBe(true);
      expect(claimed.size).toBe(702);
    },
  );

  it.each(databases.eachSupportedId())(
    "forgets a claim whose feature's transaction rolled back on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create({ knex });
      await expect(
        knex.transaction(async trx => {
          await store.claimMany(trx, 'events', ['k2']);
          throw new Error('the feature write failed');
        }),
      ).rejects.toThrow('the feature write failed');
      expect(await claim(knex, store, 'events', ['k2'])).toEqual(['k2']);
    },
  );

  it.each(databases.eachSupportedId())(
    'purges old keys on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const store = await IdempotencyStore.create({ knex, clock: () => now });
      await claim(knex, store, 'events', ['old-1', 'old-2']);
      now = new Date('2026-02-01T00:00:00Z');
      await claim(knex, store, 'events', ['new']);

      expect(await store.purgeOlderThan(new Date('2026-01-15T00:00:00Z'))).toBe(
        2,
      );
      expect(await claim(knex, store, 'events', ['old-1', 'new'])).toEqual([
        'old-1',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await IdempotencyStore.create({ knex });
      const config = {
        directory: `${__dirname}/../../migrations`,
        tableName: 'ingest_node_knex_migrations',
      };
      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(false);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await IdempotencyStore.create({ knex, skipMigrations: true });
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(false);
    },
  );
});
