import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { deploymentEventSchema } from '@flightdeck/plugin-deployments-common';
import { testStore } from '../__testUtils__/testStore';
import { DoraCalculator } from './DoraCalculator';
import { KnexDoraReadModel } from './KnexDoraReadModel';

const databases = TestDatabases.create({ ids: testDatabaseIds() });
jest.setTimeout(60_000);

const A = 'component:default/service-a';
const B = 'component:default/service-b';
const owners: Record<string, string> = {
  [A]: 'group:default/team-a',
  [B]: 'group:default/team-b',
};

let n = 0;
function deploy(
  entityRef: string,
  status: string,
  startedAt: string,
  finishedAt: string,
  changes: Array<[string, string]> = [],
  environment = 'production',
) {
  n += 1;
  return {
    event: deploymentEventSchema.parse({
      entityRef,
      environment,
      version: `1.0.${n}`,
      status,
      startedAt,
      finishedAt,
      changes: changes.map(([sha, committedAt]) => ({ sha, committedAt })),
      idempotencyKey: `k${n}`,
    }),
    entityRef,
    ownerRef: owners[entityRef],
  };
}

// Hand-computed scenario; see the expectations below for the arithmetic.
const history = [
  // A1: lead times 24h (c1) and 2h (c2).
  deploy(A, 'succeeded', '2026-11-02T10:00:00Z', '2026-11-02T10:10:00Z', [
    ['c1c1c1c', '2026-11-01T10:10:00Z'],
    ['c2c2c2c', '2026-11-02T08:10:00Z'],
  ]),
  // A2 fails; A3 restores it an hour later and brings c3 (30 min).
  deploy(A, 'failed', '2026-11-03T12:00:00Z', '2026-11-03T12:05:00Z'),
  deploy(A, 'succeeded', '2026-11-03T13:00:00Z', '2026-11-03T13:05:00Z', [
    ['c3c3c3c', '2026-11-03T12:35:00Z'],
  ]),
  // Cancelled: never reached users, counts nowhere.
  deploy(A, 'cancelled', '2026-11-05T09:00:00Z', '2026-11-05T09:01:00Z'),
  // A deployment "before its commit": the change is bad data and left out.
  deploy(A, 'succeeded', '2026-11-06T10:00:00Z', '2026-11-06T10:10:00Z', [
    ['c4c4c4c', '2026-11-06T12:00:00Z'],
  ]),
  // Rolled back at the end of the window, restored after it ends: 36h.
  deploy(A, 'rolled_back', '2026-11-10T20:00:00Z', '2026-11-10T20:30:00Z'),
  deploy(A, 'succeeded', '2026-11-12T08:00:00Z', '2026-11-12T08:30:00Z'),
  // Staging does not count for production metrics.
  deploy(
    A,
    'failed',
    '2026-11-04T10:00:00Z',
    '2026-11-04T10:05:00Z',
    [],
    'staging',
  ),
  // B ships d1 after 7 days, then fails and is never restored.
  deploy(B, 'succeeded', '2026-11-07T09:00:00Z', '2026-11-07T09:20:00Z', [
    ['d1d1d1d', '2026-10-31T09:20:00Z'],
  ]),
  deploy(B, 'failed', '2026-11-08T09:00:00Z', '2026-11-08T09:10:00Z'),
];

const window = {
  environment: 'production',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-11T00:00:00.000Z',
};

async function calculatorOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const store = await testStore(knex);
  await store.record(history);
  const readModel = await KnexDoraReadModel.create(database);
  return new DoraCalculator(readModel, [readModel]);
}

describe('DoraCalculator', () => {
  it.each(databases.eachSupportedId())(
    'computes the organisation metrics as worked out by hand on %p',
    async databaseId => {
      const dora = await calculatorOn(databaseId);
      const metrics = await dora.compute(window);
      // 4 successes (A1, A3, A7, B2) over 10 days.
      expect(metrics.deploymentFrequency).toEqual({
        total: 4,
        perDay: 0.4,
        level: 'high',
      });
      // Valid lead times 0.5h, 2h, 24h, 168h: median = lower middle = 2h, p90 = 24h.
      expect(metrics.leadTime).toEqual({
        medianHours: 2,
        p90Hours: 24,
        changes: 4,
        excludedChanges: 1,
        level: 'elite',
      });
      // A2, A4 and B1 failed out of 7 deployments that reached users.
      expect(metrics.changeFailures).toEqual({
        failed: 3,
        total: 7,
        level: 'low',
      });
      expect(metrics.changeFailureRate).toBe(0.429);
      // Restored after 1h (A2) and 36h (A4); B1 never.
      expect(metrics.timeToRestore).toEqual({
        medianHours: 1,
        restored: 2,
        unrestored: 1,
        level: 'high',
      });
      expect(metrics.level).toBe('low');
      expect(metrics.series).toHaveLength(10);
      expect(metrics.series.filter(p => p.deployments || p.failures)).toEqual([
        { date: '2026-11-02', deployments: 1, failures: 0 },
        { date: '2026-11-03', deployments: 1, failures: 1 },
        { date: '2026-11-06', deployments: 1, failures: 0 },
        { date: '2026-11-07', deployments: 1, failures: 0 },
        { date: '2026-11-08', deployments: 0, failures: 1 },
        { date: '2026-11-10', deployments: 0, failures: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'narrows to a team and to a service on %p',
    async databaseId => {
      const dora = await calculatorOn(databaseId);
      const team = await dora.compute({
        ...window,
        owner: 'group:default/team-a',
      });
      expect(team.deploymentFrequency.total).toBe(3);
      expect(team.changeFailures).toMatchObject({ failed: 2, total: 5 });
      expect(team.leadTime).toMatchObject({
        medianHours: 2,
        p90Hours: 2,
        changes: 3,
      });

      const b = await dora.compute({ ...window, entityRef: B });
      expect(b.deploymentFrequency).toEqual({
        total: 1,
        perDay: 0.1,
        level: 'medium',
      });
      expect(b.leadTime.medianHours).toBe(168);
      expect(b.leadTime.level).toBe('medium');
      expect(b.timeToRestore).toEqual({
        medianHours: null,
        restored: 0,
        unrestored: 1,
        level: null,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'says nothing rather than zero when there is nothing to measure on %p',
    async databaseId => {
      const dora = await calculatorOn(databaseId);
      const metrics = await dora.compute({
        ...window,
        entityRef: 'component:default/quiet',
      });
      expect(metrics).toMatchObject({
        deploymentFrequency: { total: 0, perDay: 0, level: null },
        leadTime: {
          medianHours: null,
          p90Hours: null,
          changes: 0,
          level: null,
        },
        changeFailureRate: null,
        timeToRestore: { medianHours: null, restored: 0, unrestored: 0 },
        level: null,
      });
      expect(metrics.series.every(p => p.deployments === 0)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'takes lead time percentiles by nearest rank among many changes on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await testStore(knex);
      const finishedAt = Date.parse('2026-11-02T12:00:00Z');
      // Lead times of 1, 2, ... `count` hours, and one commit "after" its deployment.
      const changes = (
        prefix: string,
        count: number,
      ): Array<[string, string]> => [
        ...Array.from({ length: count }, (_, i): [string, string] => [
          `${prefix}${String(i + 1).padStart(6, '0')}`,
          new Date(finishedAt - (i + 1) * 3600_000).toISOString(),
        ]),
        [`${prefix}ffffff`, new Date(finishedAt + 600_000).toISOString()],
      ];
      await store.record([
        deploy(
          A,
          'succeeded',
          '2026-11-02T11:50:00Z',
          '2026-11-02T12:00:00Z',
          changes('a', 11),
        ),
        deploy(
          B,
          'succeeded',
          '2026-11-02T11:50:00Z',
          '2026-11-02T12:00:00Z',
          changes('b', 10),
        ),
      ]);
      const readModel = await KnexDoraReadModel.create(database);
      const dora = new DoraCalculator(readModel, [readModel]);

      // 11 values: ranks 5 and floor(10 * 0.9) = 9.
      const a = await dora.compute({ ...window, entityRef: A });
      expect(a.leadTime).toMatchObject({
        medianHours: 6,
        p90Hours: 10,
        changes: 11,
        excludedChanges: 1,
      });
      // 10 values: the lower middle (rank 4) and floor(9 * 0.9) = 8.
      const b = await dora.compute({ ...window, entityRef: B });
      expect(b.leadTime).toMatchObject({ medianHours: 5, p90Hours: 9 });
      // All 21: ranks 10 and 18 of 1..10, 1..11 merged.
      const all = await dora.compute(window);
      expect(all.leadTime).toMatchObject({
        medianHours: 6,
        p90Hours: 10,
        changes: 21,
        excludedChanges: 2,
      });
    },
  );

  it('counts a deployment flagged by two failure sources once', async () => {
    const failure = {
      entityRef: A,
      deploymentId: 'd-1',
      failedAt: '2026-11-03T12:05:00.000Z',
      restoredAt: '2026-11-03T14:05:00.000Z',
    };
    const readModel = {
      leadTimes: async () => ({
        changes: 0,
        excludedChanges: 0,
        medianSeconds: null,
        p90Seconds: null,
      }),
      // 10 deployments reached users, one of them the failure.
      dailyCounts: async () => [
        { date: '2026-11-03', deployments: 9, failures: 1 },
      ],
      failures: async () => [failure],
    };
    const incidents = { failures: async () => [failure] };
    const metrics = await new DoraCalculator(readModel, [
      readModel,
      incidents,
    ]).compute(window);
    expect(metrics.changeFailureRate).toBe(0.1);
    expect(metrics.timeToRestore).toMatchObject({
      medianHours: 2,
      restored: 1,
    });
  });
});
