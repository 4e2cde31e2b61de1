// Prints the major version of the PostgreSQL server at the given URL, or
// exits non-zero when none answers within a few seconds.
import { createRequire } from 'node:module';

const require = createRequire(
  new URL('../packages/backend/package.json', import.meta.url),
);
const { Client } = require('pg');

const client = new Client({
  connectionString: process.argv[2],
  connectionTimeoutMillis: 3000,
});
try {
  await client.connect();
  const { rows } = await client.query(
    "select current_setting('server_version_num') as v",
  );
  console.log(Math.floor(Number(rows[0].v) / 10000));
  await client.end();
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
