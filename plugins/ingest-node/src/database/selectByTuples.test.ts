import { TestDatabases } from '@backstage/backend-test-utils';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import { selectByTuples, tupleKey } from './selectByTuples';

const databases = TestDatabases.create({ ids: testDatabaseIds() });

jest.setTimeout(60_000);

describe('selectByTuples', () => {
  it.each(databases.eachSupportedId())(
    'finds the rows matching any of many tuples on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('releases', table => {
        table.string('service', 64).notNullable();
        table.string('environment', 64).notNullable();
        table.string('version', 64).notNullable();
        table.text('notes');
        table.primary(['service', 'environment', 'version']);
      });
      await knex.batchInsert(
        'releases',
        Array.from({ length: 700 }, (_, i) => ({
          service: `svc-${i % 7}`,
          environment: i % 2 ? 'staging' : 'production',
          version: `1.0.${i}`,
          notes: `n${i}`,
        })),
        100,
      );
      const wanted = Array.from({ length: 650 }, (_, i) => [
        `svc-${i % 7}`,
        i % 2 ? 'staging' : 'production',
        `1.0.${i}`,
      ]);
      const found = await selectByTuples<{ notes: string }>(
        knex,
        'releases',
        ['service', 'environment', 'version'],
        [...wanted, ['svc-0', 'production', 'missing']],
      );
      expect(found.size).toBe(650);
      expect(
        found.get(tupleKey(['svc-3', 'staging', '1.0.10'])),
      ).toBeUndefined();
      expect(found.get(tupleKey(['svc-3', 'staging', '1.0.3']))?.notes).toBe(
        'n3',
      );
    },
  );

  it('takes plain identifiers only', async () => {
    await expect(
      selectByTuples({} as any, 'releases; drop table x', ['a'], [['1']]),
    ).rejects.toThrow("'releases; drop table x' is not a plain identifier");
  });
});
