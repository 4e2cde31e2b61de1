import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { IdempotencyKeyJanitor } from './IdempotencyKeyJanitor';
import { IdempotencyStore } from './IdempotencyStore';

jest.setTimeout(60_000);

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

describe('IdempotencyKeyJanitor', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'purges keys older than the retention, once an hour for all replicas, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const clock = () => now;
      const store = await IdempotencyStore.create({ knex, clock });
      await knex.transaction(trx => store.claimMany(trx, 'events', ['old']));
      now = new Date('2026-01-25T00:00:00Z');
      await knex.transaction(trx => store.claimMany(trx, 'events', ['recent']));

      const tasks: Task[] = [];
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task);
        },
      });
      const janitor = IdempotencyKeyJanitor.fromConfig(
        new ConfigReader({
          flightdeck: { ingest: { idempotencyKeyRetentionDays: 20 } },
        }),
        { store, scheduler, logger: mockServices.logger.mock(), clock },
      );
      await janitor.start();
      expect(tasks.map(t => [t.id, t.frequency, t.scope])).toEqual([
        ['purge-idempotency-keys', { hours: 1 }, 'global'],
      ]);

      await tasks[0].fn(new AbortController().signal);
      const again = await knex.transaction(trx =>
        store.claimMany(trx, 'events', ['old', 'recent']),
      );
      // 'old' was forgotten, so it can be claimed again; 'recent' was kept.
      expect([...again]).toEqual(['old']);
    },
  );

  it.each(databases.eachSupportedId())(
    'purges in bounded batches until none is left on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const clock = () => now;
      const store = await IdempotencyStore.create({ knex, clock });
      const expired = ['e1', 'e2', 'e3', 'e4', 'e5'];
      await knex.transaction(trx => store.claimMany(trx, 'events', expired));
      now = new Date('2026-01-25T00:00:00Z');
      await knex.transaction(trx =>
        store.claimMany(trx, 'events', ['kept-1', 'kept-2']),
      );
      const deletes: string[] = [];
      knex.on('query', ({ sql }: { sql: string }) => {
        if (/^\s*delete/i.test(sql)) deletes.push(sql);
      });

      const janitor = IdempotencyKeyJanitor.fromConfig(
        new ConfigReader({
          flightdeck: { ingest: { idempotencyKeyRetentionDays: 20 } },
        }),
        {
          store,
          scheduler: mockServices.scheduler.mock(),
          logger: mockServices.logger.mock(),
          clock,
          purgeBatchSize: 2,
        },
      );
      expect(await janitor.purge()).toBe(5);

      // 2 + 2 + 1: the short batch shows nothing is left.
      expect(deletes).toHaveLength(3);
      const remaining = await knex('ingest_idempotency_keys')
        .orderBy('idempotency_key')
        .pluck('idempotency_key');
      expect(remaining).toEqual(['kept-1', 'kept-2']);
    },
  );

  it('reads the retention, 30 days unless set, and refuses nonsense', () => {
    const janitorWith = (days?: unknown) =>
      IdempotencyKeyJanitor.fromConfig(
        new ConfigReader(
          days === undefined
            ? {}
            : { flightdeck: { ingest: { idempotencyKeyRetentionDays: days } } },
        ),
        {
          store: {} as IdempotencyStore,
          scheduler: mockServices.scheduler.mock(),
          logger: mockServices.logger.mock(),
        },
      );
    expect(janitorWith().retentionDays).toBe(30);
    expect(janitorWith(7).retentionDays).toBe(7);
    expect(() => janitorWith(0)).toThrow(
      'flightdeck.ingest.idempotencyKeyRetentionDays must be a whole number of days, at least 1; got 0',
    );
  });
});
