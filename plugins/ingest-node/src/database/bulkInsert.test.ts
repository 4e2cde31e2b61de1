import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';

const databases = TestDatabases.create({ ids: testDatabaseIds() });

async function createTable(knex: Knex) {
  await knex.schema.createTable('releases', table => {
    table.string('service', 64).notNullable();
    table.string('sha', 64).notNullable();
    table.string('released_at', 32).notNullable();
    table.bigInteger('seconds').notNullable();
    table.text('notes').nullable();
    table.timestamp('received_at', { useTz: true }).nullable();
    table.primary(['service', 'sha']);
  });
}

const rowsOf = (knex: Knex) =>
  knex('releases')
    .orderBy(['service', 'sha'])
    .select('service', 'sha', 'released_at', 'notes');

describe('bulkInsert', () => {
  it.each(databases.eachSupportedId())(
    'stores a thousand rows as a plain insert would on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      const receivedAt = new Date('2026-03-01T12:00:00.000Z');
      const rows = Array.from({ length: 1000 }, (_, i) => ({
        service: `svc-${i % 3}`,
        sha: `sha-${i}`,
        released_at: '2026-03-01T10:00:00.000Z',
        seconds: i * 60,
        notes: i % 2 ? `it's "quoted" \u00e9 ${i}` : null,
        received_at: receivedAt,
      }));

      const returned = await bulkInsert<{ sha: string }>(
        knex,
        'releases',
        rows,
        {
          returning: ['sha'],
        },
      );
      expect(returned.map(r => r.sha).sort()).toEqual(
        rows.map(r => r.sha).sort(),
      );

      await knex('releases').insert({ ...rows[1], sha: 'via-knex' });
      const [viaBulk, viaKnex] = await Promise.all(
        ['sha-1', 'via-knex'].map(sha =>
          knex('releases').where({ sha }).first(),
        ),
      );
      expect({ ...viaBulk, sha: 'via-knex' }).toEqual(viaKnex);
      expect(Number(viaBulk.seconds)).toBe(60);
      expect(viaBulk.notes).toBe(`it's "quoted" \u00e9 1`);
      // Dates compare as dates bound by knex do, on either engine.
      const count = async (query: Knex.QueryBuilder) =>
        Number((await query.count({ n: '*' }))[0].n);
      expect(
        await count(knex('releases').where('received_at', '<', receivedAt)),
      ).toBe(0);
      expect(
        await count(knex('releases').where('received_at', '=', receivedAt)),
      ).toBe(1001);
    },
  );

  it.each(databases.eachSupportedId())(
    'skips rows that collide, and returns only the inserted ones, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      const row = (sha: string, releasedAt: string) => ({
        service: 'api',
        sha,
        released_at: releasedAt,
        seconds: 1,
        notes: null,
      });
      await bulkInsert(knex, 'releases', [row('a', '2026-01-02')]);

      const returned = await bulkInsert<{ sha: string }>(
        knex,
        'releases',
        [row('a', '2026-01-01'), row('b', '2026-01-01')],
        { onConflict: ['service', 'sha'], returning: ['sha'] },
      );

      expect(returned).toEqual([{ sha: 'b' }]);
      expect(await rowsOf(knex)).toEqual([
        { service: 'api', sha: 'a', released_at: '2026-01-02', notes: null },
        { service: 'api', sha: 'b', released_at: '2026-01-01', notes: null },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'merges colliding rows only where the condition holds on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      const row = (sha: string, releasedAt: string, notes: string) => ({
        service: 'api',
        sha,
        released_at: releasedAt,
        seconds: 1,
        notes,
      });
      await bulkInsert(knex, 'releases', [
        row('a', '2026-01-05', 'first a'),
        row('b', '2026-01-05', 'first b'),
      ]);

      await bulkInsert(
        knex,
        'releases',
        [
          row('a', '2026-01-01', 'earlier a'),
          row('b', '2026-01-09', 'later b'),
          row('c', '2026-01-09', 'new c'),
        ],
        {
          onConflict: ['service', 'sha'],
          merge: ['released_at', 'notes'],
          mergeWhen: { column: 'released_at', incoming: '<' },
        },
      );

      expect(await rowsOf(knex)).toEqual([
        {
          service: 'api',
          sha: 'a',
          released_at: '2026-01-01',
          notes: 'earlier a',
        },
        {
          service: 'api',
          sha: 'b',
          released_at: '2026-01-05',
          notes: 'first b',
        },
        { service: 'api', sha: 'c', released_at: '2026-01-09', notes: 'new c' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing for no rows, and refuses odd column names, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      await expect(bulkInsert(knex, 'releases', [])).resolves.toEqual([]);
      await expect(
        bulkInsert(knex, 'releases', [{ 'sha") --': 'x' }]),
      ).rejects.toThrow(`'sha") --' is not a plain column name`);
    },
  );
});
