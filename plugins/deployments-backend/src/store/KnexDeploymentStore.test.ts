import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import {
  DeploymentEvent,
  deploymentEventSchema,
} from '@flightdeck/plugin-deployments-common';
import { testStore } from '../__testUtils__/testStore';

const databases = TestDatabases.create({ ids: testDatabaseIds() });
jest.setTimeout(60_000);

const service = 'component:default/payments-api';

function event(overrides: Partial<Record<keyof DeploymentEvent, unknown>>) {
  return {
    event: deploymentEventSchema.parse({
      entityRef: service,
      environment: 'production',
      version: '1.0.0',
      status: 'started',
      startedAt: '2026-11-20T10:00:00Z',
      idempotencyKey: `key-${Math.random()}`,
      ...overrides,
    }),
    entityRef: service,
    ownerRef: 'group:default/payments',
  };
}

async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await testStore(knex);
  return { knex, store };
}

describe('KnexDeploymentStore', () => {
  it.each(databases.eachSupportedId())(
    'merges the events of one deployment into one record on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      await store.record([event({ deploymentId: 'run-7', status: 'started' })]);
      await store.record([
        event({
          deploymentId: 'run-7',
          status: 'succeeded',
          finishedAt: '2026-11-20T10:03:00Z',
          url: 'https://ci.example/runs/7',
        }),
      ]);
      // A late, out-of-order "started" must not reopen it.
      await store.record([event({ deploymentId: 'run-7', status: 'started' })]);

      const { items } = await store.list({ entityRef: service, limit: 10 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        status: 'succeeded',
        finishedAt: '2026-11-20T10:03:00.000Z',
        durationSeconds: 180,
        url: 'https://ci.example/runs/7',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'merges the events of one deployment sent in one batch on %p',
    async databaseId => {
      const { store, knex } = await storeOn(databaseId);
      const change = { sha: 'abcdef1', committedAt: '2026-11-20T08:00:00Z' };
      const outcomes = await store.record([
        event({
          deploymentId: 'run-9',
          status: 'started',
          idempotencyKey: 'a',
        }),
        event({
          deploymentId: 'run-9',
          status: 'succeeded',
          finishedAt: '2026-11-20T10:05:00Z',
          idempotencyKey: 'b',
          changes: [change],
        }),
        event({
          deploymentId: 'run-9',
          status: 'started',
          idempotencyKey: 'a',
        }),
        event({
          deploymentId: 'run-8',
          version: '0.9.0',
          status: 'succeeded',
          startedAt: '2026-11-20T09:00:00Z',
          finishedAt: '2026-11-20T09:10:00Z',
          idempotencyKey: 'c',
          changes: [change],
        }),
      ]);
      expect(outcomes.map(o => o.duplicate)).toEqual([
        false,
        false,
        true,
        false,
      ]);
      expect(outcomes[0].deploymentId).toBe(outcomes[1].deploymentId);

      const { items } = await store.list({ limit: 10 });
      expect(items.map(d => [d.version, d.status])).toEqual([
        ['1.0.0', 'succeeded'],
        ['0.9.0', 'succeeded'],
      ]);
      const [row] = await knex('deployment_changes').select();
      expect(Number(row.lead_time_seconds)).toBe(70 * 60);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a delivery once however often it arrives on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const once = event({ idempotencyKey: 'delivery-1' });
      const [first] = await store.record([once]);
      const [second, third] = await store.record([once, once]);
      expect(first.duplicate).toBe(false);
      expect([second.duplicate, third.duplicate]).toEqual([true, true]);
      expect((await store.list({ limit: 10 })).items).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the newest reported outcome whatever order the reports arrive in on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const reports: Array<[string, string]> = [
        ['started', '2026-11-20T10:01:00Z'],
        ['failed', '2026-11-20T10:02:00Z'],
        ['succeeded', '2026-11-20T10:03:00Z'],
        ['started', '2026-11-20T10:04:00Z'],
      ];
      const orders = [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [2, 1, 0, 3],
        [3, 0, 1, 2],
        [1, 3, 2, 0],
      ];
      for (const [n, order] of orders.entries()) {
        for (const [status, at] of order.map(i => reports[i])) {
          await store.record([
            {
              ...event({
                deploymentId: `run-${n}`,
                status,
                finishedAt: status === 'started' ? undefined : at,
              }),
              reportedAt: at,
            },
          ]);
        }
        expect(
          await store.getByKey(service, 'production', `run-${n}`),
        ).toMatchObject({
          status: 'succeeded',
          finishedAt: '2026-11-20T10:03:00.000Z',
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "keeps each source's idempotency keys apart on %p",
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const key = 'github-deployment-status-9912001';
      const [squatted] = await store.record([event({ idempotencyKey: key })]);
      const [fromGithub] = await store.record([
        { ...event({ idempotencyKey: key }), source: 'github' },
      ]);
      expect([squatted.duplicate, fromGithub.duplicate]).toEqual([
        false,
        false,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'fixes lead time at the earliest successful deployment of a change on %p',
    async databaseId => {
      const { store, knex } = await storeOn(databaseId);
      const change = { sha: 'abcdef1', committedAt: '2026-11-20T08:00:00Z' };
      // The later deployment is reported first.
      await store.record([
        event({
          version: '1.0.1',
          status: 'succeeded',
          startedAt: '2026-11-20T12:00:00Z',
          finishedAt: '2026-11-20T12:10:00Z',
          changes: [change],
        }),
      ]);
      await store.record([
        event({
          version: '1.0.0',
          status: 'succeeded',
          startedAt: '2026-11-20T09:00:00Z',
          finishedAt: '2026-11-20T09:30:00Z',
          changes: [change],
        }),
      ]);
      // A failed deployment does not count.
      await store.record([
        event({
          version: '0.9.0',
          status: 'failed',
          startedAt: '2026-11-20T08:30:00Z',
          finishedAt: '2026-11-20T08:35:00Z',
          changes: [change],
        }),
      ]);
      const rows = await knex('deployment_changes').select();
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].lead_time_seconds)).toBe(90 * 60);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages newest first without gaps or repeats on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const start = Date.parse('2026-11-01T00:00:00Z');
      const events = Array.from({ length: 120 }, (_, i) =>
        event({
          version: `1.0.${i}`,
          // Pairs share a start time, so the id breaks ties.
          startedAt: new Date(start + Math.floor(i / 2) * 60_000).toISOString(),
          environment: i % 3 === 0 ? 'staging' : 'production',
        }),
      );
      await store.record(events);

      const seen: string[] = [];
      let cursor: string | undefined;
      const sizes: number[] = [];
      do {
        const page = await store.list({ limit: 50, cursor });
        sizes.push(page.items.length);
        seen.push(...page.items.map(d => `${d.startedAt}|${d.version}`));
        cursor = page.nextCursor;
      } while (cursor);

      expect(sizes).toEqual([50, 50, 20]);
      expect(new Set(seen).size).toBe(120);
      const starts = seen.map(s => s.split('|')[0]);
      expect([...starts].sort().reverse()).toEqual(starts);

      const staging = await store.list({ environment: 'staging', limit: 200 });
      expect(staging.items).toHaveLength(40);
      expect(staging.nextCursor).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'tells per environment what runs and the newest attempt on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const at = (hour: number) => `2026-11-20T${hour}:00:00Z`;
      const finished = (hour: number) => `2026-11-20T${hour}:05:00Z`;
      const other = 'component:default/billing';
      await store.record([
        event({
          version: '1',
          status: 'succeeded',
          startedAt: at(10),
          finishedAt: finished(10),
        }),
        event({
          version: '2',
          status: 'succeeded',
          startedAt: at(11),
          finishedAt: finished(11),
        }),
        event({
          version: '3',
          status: 'failed',
          startedAt: at(12),
          finishedAt: finished(12),
        }),
        event({ version: '3', environment: 'staging', startedAt: at(12) }),
        // Another service, newer everywhere, changes nothing for this one.
        ...['development', 'staging', 'production'].map(environment => ({
          ...event({
            version: '9',
            environment,
            status: 'succeeded',
            startedAt: at(13),
            finishedAt: finished(13),
          }),
          entityRef: other,
        })),
      ]);

      const states = await store.environmentStates(service, [
        'development',
        'staging',
        'production',
      ]);
      expect(
        states.map(s => [s.environment, s.current?.version, s.latest?.version]),
      ).toEqual([
        ['development', undefined, undefined],
        ['staging', undefined, '3'],
        ['production', '2', '3'],
      ]);
      const [billing] = await store.environmentStates(other, ['production']);
      // The newest attempt is the running one: told once, as current.
      expect([billing.current?.version, billing.latest]).toEqual([
        '9',
        undefined,
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs nothing in an environment the service was removed from on %p',
    async databaseId => {
      const { store } = await storeOn(databaseId);
      const at = (hour: number) => `2026-11-21T${hour}:00:00Z`;
      await store.record([
        event({
          version: '1',
          status: 'succeeded',
          startedAt: at(10),
          finishedAt: at(10),
        }),
        event({
          version: '1',
          status: 'removed',
          startedAt: at(11),
          finishedAt: at(11),
        }),
        event({
          version: '2',
          status: 'succeeded',
          startedAt: at(10),
          finishedAt: at(10),
          environment: 'staging',
        }),
        event({
          version: '2',
          status: 'removed',
          startedAt: at(11),
          finishedAt: at(11),
          environment: 'staging',
        }),
        event({
          version: '3',
          status: 'succeeded',
          startedAt: at(12),
          finishedAt: at(12),
          environment: 'staging',
        }),
      ]);

      const states = await store.environmentStates(service, [
        'staging',
        'production',
      ]);
      expect(states.map(s => [s.current?.version, s.latest?.status])).toEqual([
        ['3', undefined],
        [undefined, 'removed'],
      ]);
      expect(await store.latestSettled(service, 'production')).toMatchObject({
        version: '1',
        status: 'removed',
      });
      expect(await store.latestSettled(service, 'development')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again on %p',
    async databaseId => {
      const { knex } = await storeOn(databaseId);
      const directory = `${__dirname}/../../migrations`;
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('deployments')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('deployments')).toBe(true);
    },
  );
});
