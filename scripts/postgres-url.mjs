// The postgresql:// URL of the server that POSTGRES_HOST, POSTGRES_PORT,
// POSTGRES_USER and POSTGRES_PASSWORD name, with the defaults .env.example
// shows. The .mjs scripts import postgresUrl(); the shell's postgres_url
// (scripts/lib/environment.sh) runs this file, which prints the server's URL.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The server's URL, or with a database name the URL of that database. */
export function postgresUrl(database) {
  // An empty variable counts as unset, as everywhere in .env.example.
  const host = process.env.POSTGRES_HOST || '127.0.0.1';
  const port = process.env.POSTGRES_PORT || '5432';
  const user = process.env.POSTGRES_USER || 'postgres';
  const password = process.env.POSTGRES_PASSWORD || '';

  const credentials = password
    ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
    : encodeURIComponent(user);
  // pg reads a percent-encoded host as a Unix socket folder.
  let server = host;
  if (host.startsWith('/')) server = encodeURIComponent(host);
  else if (host.includes(':')) server = `[${host}]`;
  const path = database ? `/${encodeURIComponent(database)}` : '';
  return `postgresql://${credentials}@${server}:${port}${path}`;
}

if (
  process.argv[1] &&
  realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  console.log(postgresUrl());
}
