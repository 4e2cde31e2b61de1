// Drops the portal's PostgreSQL databases (one per plugin, named
// flightdeck_<plugin id>, see app-config.postgres.yaml) on the server named by
// POSTGRES_HOST and friends, so that `./flightdeck reset` starts both engines
// from nothing.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../packages/backend/package.json', import.meta.url));
const { Client } = require('pg');

const client = new Client({
  host: process.env.POSTGRES_HOST,
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? '',
  database: 'postgres',
  connectionTimeoutMillis: 5000,
});

const prefix = process.env.FLIGHTDECK_DB_PREFIX ?? 'flightdeck_';
if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`unusable database prefix '${prefix}'`);

await client.connect();
try {
  const { rows } = await client.query(
    "select datname from pg_database where datname like $1 || '%' order by datname",
    [prefix.replace(/_/g, '\\_')],
  );
  for (const { datname } of rows) {
    await client.query(`drop database "${datname.replace(/"/g, '""')}" with (force)`);
    console.log(`dropped database ${datname}`);
  }
  if (rows.length === 0) console.log('no Flightdeck databases to drop');
} finally {
  await client.end();
}
