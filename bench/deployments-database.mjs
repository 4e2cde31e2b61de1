// A knex client on the deployments plugin's own database, the one the portal
// under benchmark uses: PostgreSQL when POSTGRES_HOST is set (database
// <FLIGHTDECK_DB_PREFIX>deployments), else the SQLite file in
// FLIGHTDECK_DATA_DIR.
import { createRequire } from 'node:module';
import path from 'node:path';
import { postgresUrl } from '../scripts/postgres-url.mjs';

const require = createRequire(
  new URL('../packages/backend/package.json', import.meta.url),
);
const knexFactory = require('knex');

export const engine = process.env.POSTGRES_HOST ? 'PostgreSQL' : 'SQLite';

export function deploymentsDatabase() {
  if (process.env.POSTGRES_HOST) {
    return knexFactory({
      client: 'pg',
      connection: {
        connectionString: postgresUrl(
          `${process.env.FLIGHTDECK_DB_PREFIX ?? 'flightdeck_'}deployments`,
        ),
      },
    });
  }
  if (!process.env.FLIGHTDECK_DATA_DIR)
    throw new Error('set FLIGHTDECK_DATA_DIR or POSTGRES_HOST');
  return knexFactory({
    client: 'better-sqlite3',
    connection: {
      filename: path.join(
        process.env.FLIGHTDECK_DATA_DIR,
        'sqlite',
        'deployments.sqlite',
      ),
    },
    useNullAsDefault: true,
  });
}

/** Rows of a knex.raw result, whichever the engine. */
export const rowsOf = result => (Array.isArray(result) ? result : result.rows);
