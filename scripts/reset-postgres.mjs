// Drops the portal's PostgreSQL databases (one per plugin, named
// flightdeck_<plugin id>, see app-config.postgres.yaml) on the server named by
// POSTGRES_HOST and friends, so that `./flightdeck reset` starts both engines
// from nothing.
import { createRequire } from 'node:module';
import { postgresUrl } from './postgres-url.mjs';

const require = createRequire(
  new URL('../packages/backend/package.json', import.meta.url),
);
const { Client } = require('pg');

const server = {
  connectionString: postgresUrl('postgres'),
  connectionTimeoutMillis: 5000,
};
const client = new Client(server);

const prefix = process.env.FLIGHTDECK_DB_PREFIX ?? 'flightdeck_';
if (!/^[a-z][a-z0-9_]*$/.test(prefix))
  throw new Error(`unusable database prefix '${prefix}'`);

await client.connect();
try {
  const { rows } = await client.query(
    "select datname from pg_database where datname like $1 || '%' order by datname",
    [prefix.replace(/_/g, '\\_')],
  );
  // Each drop waits for a checkpoint (0.5 to 1.5 s here); drops at the same
  // time share one: 13 databases took 20 s one by one, 0.4 s together.
  await Promise.all(rows.map(({ datname }) => drop(datname)));
  if (rows.length === 0) console.log(`no databases named ${prefix}* to drop`);
} finally {
  await client.end();
}

async function drop(datname) {
  const connection = new Client(server);
  await connection.connect();
  try {
    await connection.query(
      `drop database "${datname.replace(/"/g, '""')}" with (force)`,
    );
    console.log(`dropped database ${datname}`);
  } finally {
    await connection.end();
  }
}
