// Batch ingestion through the HTTP API against a raw knex batch insert of the
// same rows into the same database, in the same run.
//
//   node bench/deployments-ingest.mjs <portal-url> <events>
//
// Needs a running portal (./flightdeck bench starts one), FLIGHTDECK_INGEST_TOKEN,
// and the database the portal uses: FLIGHTDECK_DATA_DIR for SQLite, or
// POSTGRES_HOST and friends for PostgreSQL.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(new URL('../packages/backend/package.json', import.meta.url));
const knexFactory = require('knex');

const baseUrl = process.argv[2] ?? 'http://localhost:7067';
const total = Number(process.argv[3] ?? 20000);
const BATCH = 1000;
const token = process.env.FLIGHTDECK_INGEST_TOKEN;
const services = ['search-service', 'booking-service', 'payments-api', 'identity-service'];

function events(runId) {
  const start = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: total }, (_, i) => {
    const startedAt = new Date(start + i * 60_000);
    return {
      entityRef: `component:default/${services[i % services.length]}`,
      environment: i % 3 === 0 ? 'staging' : 'production',
      version: `9.${Math.floor(i / 100)}.${i % 100}`,
      status: i % 10 === 0 ? 'failed' : 'succeeded',
      strategy: 'rolling',
      deploymentId: `bench-${runId}-${i}`,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 120_000).toISOString(),
      commitSha: (i * 2654435761 >>> 0).toString(16).padStart(8, '0'),
      changes: [{ sha: `${(i * 40503 >>> 0).toString(16).padStart(8, '0')}aa`, committedAt: new Date(startedAt.getTime() - 3600_000).toISOString() }],
      url: `https://ci.example/runs/${i}`,
      actor: 'bench',
      idempotencyKey: `bench-${runId}-${i}`,
      steps: [],
    };
  });
}

async function viaHttp(list) {
  const started = performance.now();
  for (let i = 0; i < list.length; i += BATCH) {
    const response = await fetch(`${baseUrl}/api/deployments/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: list.slice(i, i + BATCH) }),
    });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  }
  return performance.now() - started;
}

// The same rows the store writes (deployment and lead-time rows), inserted in
// batches of the same size into copies of the tables, in one transaction per batch.
async function viaKnex(list) {
  const knex = process.env.POSTGRES_HOST
    ? knexFactory({
        client: 'pg',
        connection: {
          host: process.env.POSTGRES_HOST,
          port: Number(process.env.POSTGRES_PORT ?? 5432),
          user: process.env.POSTGRES_USER ?? 'postgres',
          password: process.env.POSTGRES_PASSWORD ?? '',
          database: `${process.env.FLIGHTDECK_DB_PREFIX ?? 'flightdeck_'}deployments`,
        },
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(process.env.FLIGHTDECK_DATA_DIR, 'sqlite', 'deployments.sqlite') },
        useNullAsDefault: true,
      });
  try {
    for (const table of ['bench_deployments', 'bench_changes']) await knex.schema.dropTableIfExists(table);
    await knex.raw('create table bench_deployments as select * from deployments where 1 = 0');
    await knex.raw('create table bench_changes as select * from deployment_changes where 1 = 0');
    const started = performance.now();
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      await knex.transaction(async trx => {
        await trx.batchInsert(
          'bench_deployments',
          batch.map((e, j) => ({
            id: `${i + j}`,
            entity_ref: e.entityRef,
            owner_ref: 'group:default/bench',
            environment: e.environment,
            deployment_key: e.deploymentId,
            version: e.version,
            status: e.status,
            strategy: e.strategy,
            started_at: e.startedAt,
            finished_at: e.finishedAt,
            commit_sha: e.commitSha,
            url: e.url,
            actor: e.actor,
            steps: null,
          })),
          250,
        );
        await trx.batchInsert(
          'bench_changes',
          batch
            .filter(e => e.status === 'succeeded')
            .map(e => ({
              entity_ref: e.entityRef,
              owner_ref: 'group:default/bench',
              environment: e.environment,
              sha: e.changes[0].sha,
              committed_at: e.changes[0].committedAt,
              deployed_at: e.finishedAt,
              lead_time_seconds: 3720,
              deployment_id: e.deploymentId,
            })),
          250,
        );
      });
    }
    const elapsed = performance.now() - started;
    for (const table of ['bench_deployments', 'bench_changes']) await knex.schema.dropTableIfExists(table);
    return elapsed;
  } finally {
    await knex.destroy();
  }
}

// Right after start the catalog is still ingesting the demo organisation.
for (let attempt = 0; ; attempt++) {
  const response = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=100&fields=metadata.name`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const names = response.ok ? (await response.json()).items.map(e => e.metadata.name) : [];
  if (services.every(s => names.includes(s))) break;
  if (attempt > 120) throw new Error('the catalog never listed the benchmark services');
  await new Promise(resolve => setTimeout(resolve, 500));
}

const runId = Date.now().toString(36);
const list = events(runId);
const raw = await viaKnex(list);
const http = await viaHttp(list);
const perSecond = ms => Math.round((list.length / ms) * 1000);
const engine = process.env.POSTGRES_HOST ? 'PostgreSQL' : 'SQLite';
console.log(`${engine}: ${list.length} events in batches of ${BATCH}`);
console.log(`  raw knex batch insert: ${perSecond(raw)} rows/s (${Math.round(raw)} ms)`);
console.log(`  HTTP ingestion API:    ${perSecond(http)} events/s (${Math.round(http)} ms)`);
console.log(`  ratio HTTP / raw:      ${(raw / http).toFixed(2)} (target >= 0.50)`);
