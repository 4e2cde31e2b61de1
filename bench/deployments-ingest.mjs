// Batch ingestion through the HTTP API against a raw knex batch insert of the
// same rows into the same database, in the same run.
//
//   node bench/deployments-ingest.mjs <portal-url> <events>
//
// Needs a running portal (./flightdeck bench starts one), FLIGHTDECK_INGEST_TOKEN,
// and the database the portal uses: FLIGHTDECK_DATA_DIR for SQLite, or
// POSTGRES_HOST and friends for PostgreSQL.
import { randomUUID } from 'node:crypto';
import { deploymentsDatabase, engine } from './deployments-database.mjs';

const baseUrl = process.argv[2] ?? 'http://localhost:7067';
const total = Number(process.argv[3] ?? 20000);
const BATCH = 1000;
const token = process.env.FLIGHTDECK_INGEST_TOKEN;
// The ingest token reaches the deployments API only; the catalog is read with
// the local tools' token.
const catalogToken = process.env.FLIGHTDECK_LOCAL_TOKEN;
const services = [
  'search-service',
  'booking-service',
  'payments-api',
  'identity-service',
];

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
      commitSha: ((i * 2654435761) >>> 0).toString(16).padStart(8, '0'),
      changes: [
        {
          sha: `${((i * 40503) >>> 0).toString(16).padStart(8, '0')}aa`,
          committedAt: new Date(startedAt.getTime() - 3600_000).toISOString(),
        },
      ],
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
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ events: list.slice(i, i + BATCH) }),
    });
    if (!response.ok)
      throw new Error(`${response.status} ${await response.text()}`);
  }
  return performance.now() - started;
}

// The same rows the store writes for the events (deployment, lead-time and
// idempotency-key rows), inserted with knex's batchInsert into the store's own
// tables, with their indexes, one transaction per batch; removed again after.
async function viaKnex(list) {
  const knex = deploymentsDatabase();
  const key = e => `raw-${e.deploymentId}`;
  try {
    const started = performance.now();
    for (let i = 0; i < list.length; i += BATCH) {
      const batch = list.slice(i, i + BATCH);
      await knex.transaction(async trx => {
        await trx.batchInsert(
          'ingest_idempotency_keys',
          batch.map(e => ({
            scope: 'bench-raw',
            idempotency_key: key(e),
            received_at: new Date(),
          })),
          250,
        );
        const rows = batch.map(e => ({
          id: randomUUID(),
          entity_ref: e.entityRef,
          owner_ref: 'group:default/bench',
          environment: e.environment,
          deployment_key: key(e),
          version: e.version,
          status: e.status,
          strategy: e.strategy,
          started_at: e.startedAt,
          finished_at: e.finishedAt,
          commit_sha: e.commitSha,
          url: e.url,
          actor: e.actor,
          steps: '[]',
        }));
        await trx.batchInsert('deployments', rows, 250);
        await trx.batchInsert(
          'deployment_changes',
          batch.flatMap((e, j) =>
            e.status === 'succeeded'
              ? [
                  {
                    entity_ref: e.entityRef,
                    owner_ref: 'group:default/bench',
                    environment: e.environment,
                    sha: `${e.changes[0].sha}ff`,
                    committed_at: e.changes[0].committedAt,
                    deployed_at: e.finishedAt,
                    lead_time_seconds: 3720,
                    deployment_id: rows[j].id,
                  },
                ]
              : [],
          ),
          250,
        );
      });
    }
    const elapsed = performance.now() - started;
    await knex('deployment_changes')
      .where('owner_ref', 'group:default/bench')
      .delete();
    await knex('deployments').where('deployment_key', 'like', 'raw-%').delete();
    await knex('ingest_idempotency_keys').where('scope', 'bench-raw').delete();
    return elapsed;
  } finally {
    await knex.destroy();
  }
}

// Right after start the catalog is still ingesting the demo organisation.
for (let attempt = 0; ; attempt++) {
  const response = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=100&fields=metadata.name`,
    { headers: { Authorization: `Bearer ${catalogToken}` } },
  );
  const names = response.ok
    ? (await response.json()).items.map(e => e.metadata.name)
    : [];
  if (services.every(s => names.includes(s))) break;
  if (attempt > 120)
    throw new Error('the catalog never listed the benchmark services');
  await new Promise(resolve => setTimeout(resolve, 500));
}

const runId = Date.now().toString(36);
const list = events(runId);
const raw = await viaKnex(list);
const http = await viaHttp(list);
const perSecond = ms => Math.round((list.length / ms) * 1000);
console.log(`${engine}: ${list.length} events in batches of ${BATCH}`);
console.log(
  `  raw knex batch insert: ${perSecond(raw)} rows/s (${Math.round(raw)} ms)`,
);
console.log(
  `  HTTP ingestion API:    ${perSecond(http)} events/s (${Math.round(
    http,
  )} ms)`,
);
console.log(
  `  ratio HTTP / raw:      ${(raw / http).toFixed(2)} (target >= 0.50)`,
);
