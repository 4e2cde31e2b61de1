import type { TestDatabaseId } from '@backstage/backend-test-utils';

const KNOWN_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * The database engines backend tests run on.
 *
 * `./flightdeck test` sets `FLIGHTDECK_TEST_DATABASES` (e.g.
 * `SQLITE_3,POSTGRES_15`) after checking which PostgreSQL server is
 * reachable, together with Backstage's connection string variable for it.
 * Without it, tests run on SQLite alone, as on a laptop with no PostgreSQL.
 *
 * @public
 */
export function testDatabaseIds(
  env: NodeJS.ProcessEnv = process.env,
): TestDatabaseId[] {
  const requested = (env.FLIGHTDECK_TEST_DATABASES ?? 'SQLITE_3')
    .split(',')
    .map(id => id.trim())
    .filter(Boolean);
  const unknown = requested.filter(
    id => !KNOWN_IDS.includes(id as TestDatabaseId),
  );
  if (unknown.length > 0) {
    throw new Error(
      `FLIGHTDECK_TEST_DATABASES names unknown engines: ${unknown.join(', ')}`,
    );
  }
  return requested as TestDatabaseId[];
}
