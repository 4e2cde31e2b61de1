import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { IdempotencyStore } from './IdempotencyStore';

const databases = TestDatabases.create({ ids: testDatabaseIds() });

describe('IdempotencyStore', () => {
  it.each(databases.eachSupportedId())(
    'claims each key once per scope on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create(knex);

      const first = await knex.transaction(trx =>
        store.claim(trx, 'events', 'k1'),
      );
      const again = await knex.transaction(trx =>
        store.claim(trx, 'events', 'k1'),
      );
      const otherScope = await knex.transaction(trx =>
        store.claim(trx, 'github', 'k1'),
      );
      expect([first, again, otherScope]).toEqual([true, false, true]);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims many keys at once, each once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create(knex);
      await knex.transaction(trx => store.claim(trx, 'events', 'seen'));
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
    'forgets a claim whose transaction rolled back on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await IdempotencyStore.create(knex);

      await expect(
        knex.transaction(async trx => {
          await store.claim(trx, 'events', 'k2');
          throw new Error('the feature write failed');
        }),
      ).rejects.toThrow('the feature write failed');
      const retry = await knex.transaction(trx =>
        store.claim(trx, 'events', 'k2'),
      );
      expect(retry).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'purges old keys on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const store = await IdempotencyStore.create(knex, { clock: () => now });
      await knex.transaction(trx => store.claim(trx, 'events', 'old'));
      now = new Date('2026-02-01T00:00:00Z');
      await knex.transaction(trx => store.claim(trx, 'events', 'new'));

      const purged = await store.purgeOlderThan(
        knex,
        new Date('2026-01-15T00:00:00Z'),
      );
      expect(purged).toBe(1);
      expect(
        await knex.transaction(trx => store.claim(trx, 'events', 'old')),
      ).toBe(true);
      expect(
        await knex.transaction(trx => store.claim(trx, 'events', 'new')),
      ).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'purges keys claimed in bulk like single ones on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const store = await IdempotencyStore.create(knex, { clock: () => now });
      await knex.transaction(trx =>
        store.claimMany(trx, 'events', ['old-1', 'old-2']),
      );
      await knex.transaction(trx => store.claim(trx, 'events', 'old-3'));
      now = new Date('2026-02-01T00:00:00Z');
      await knex.transaction(trx => store.claimMany(trx, 'events', ['new']));

      expect(
        await store.purgeOlderThan(knex, new Date('2026-01-15T00:00:00Z')),
      ).toBe(3);
      const again = await knex.transaction(trx =>
        store.claimMany(trx, 'events', ['old-1', 'new']),
      );
      expect([...again]).toEqual(['old-1']);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await IdempotencyStore.create(knex);
      const config = {
        directory: `${__dirname}/../migrations`,
        tableName: 'ingest_node_knex_migrations',
      };
      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(false);
      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('ingest_idempotency_keys')).toBe(true);
    },
  );
});
