import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { IdempotencyStore } from './IdempotencyStore';
import {
  readIdempotencyRetentionDays,
  scheduleIdempotencyKeyPurge,
} from './idempotencyRetention';

jest.setTimeout(60_000);

describe('idempotency key retention', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'purges keys older than the retention every hour on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-01-01T00:00:00Z');
      const clock = () => now;
      const store = await IdempotencyStore.create(knex, { clock });
      await knex.transaction(trx => store.claimMany(trx, 'events', ['old']));
      now = new Date('2026-01-25T00:00:00Z');
      await knex.transaction(trx => store.claimMany(trx, 'events', ['recent']));

      const tasks: Array<
        SchedulerServiceTaskScheduleDefinition &
          SchedulerServiceTaskInvocationDefinition
      > = [];
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task);
        },
      });
      await scheduleIdempotencyKeyPurge({
        knex,
        store,
        scheduler,
        logger: mockServices.logger.mock(),
        retentionDays: 20,
        clock,
      });
      expect(tasks.map(t => [t.id, t.frequency])).toEqual([
        ['purge-idempotency-keys', { hours: 1 }],
      ]);

      await tasks[0].fn(new AbortController().signal);
      const again = await knex.transaction(trx =>
        store.claimMany(trx, 'events', ['old', 'recent']),
      );
      // 'old' was forgotten, so it can be claimed again; 'recent' was kept.
      expect([...again]).toEqual(['old']);
    },
  );

  it('reads the retention, 30 days unless set, and refuses nonsense', () => {
    const read = (days?: unknown) =>
      readIdempotencyRetentionDays(
        new ConfigReader(
          days === undefined
            ? {}
            : { flightdeck: { ingest: { idempotencyKeyRetentionDays: days } } },
        ),
      );
    expect(read()).toBe(30);
    expect(read(7)).toBe(7);
    expect(() => read(0)).toThrow(
      'flightdeck.ingest.idempotencyKeyRetentionDays must be a whole number of days, at least 1; got 0',
    );
  });
});
