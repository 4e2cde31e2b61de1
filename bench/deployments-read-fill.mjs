// Fills the deployments tables with a year of history for the read benchmark,
// directly in the database (a million events through the HTTP API would take
// many minutes), and skips the fill when a marker says the same data is
// already there.
//
// The history is generated, deterministic for a given size, in the order a
// real portal would have ingested it (oldest first): services deploy at rates
// that differ by an order of magnitude, to three environments (one in ten
// never to development), with a status mix of about 10% failed or rolled
// back in production; every successful deployment ships one to four changes
// with their lead time precomputed, as the store does at ingest.
import fs from 'node:fs';
import path from 'node:path';
import { rowsOf } from './deployments-database.mjs';

const DAY_MS = 24 * 3600 * 1000;
const BATCH = 10_000;
const ENVIRONMENTS = ['development', 'staging', 'production'];
/** Share of deployments per environment, and each one's status mix. */
const ENVIRONMENT_SHARE = [0.4, 0.3, 0.3];
const STATUS_MIX = {
  development: [
    ['succeeded', 0.8],
    ['failed', 0.12],
    ['rolled_back', 0.02],
    ['cancelled', 0.06],
  ],
  staging: [
    ['succeeded', 0.85],
    ['failed', 0.09],
    ['rolled_back', 0.02],
    ['cancelled', 0.04],
  ],
  production: [
    ['succeeded', 0.88],
    ['failed', 0.065],
    ['rolled_back', 0.035],
    ['cancelled', 0.02],
  ],
};

const DEPLOYMENT_COLUMNS = [
  'id',
  'entity_ref',
  'owner_ref',
  'environment',
  'deployment_key',
  'version',
  'status',
  'strategy',
  'started_at',
  'finished_at',
  'commit_sha',
  'url',
  'actor',
];
const CHANGE_COLUMNS = [
  'entity_ref',
  'owner_ref',
  'environment',
  'sha',
  'committed_at',
  'deployed_at',
  'lead_time_seconds',
  'deployment_id',
];

export function fillSpec(deployments) {
  return { version: 2, deployments, services: 2_000, owners: 40, days: 395 };
}

/** One service in ten never deploys to development: a tab with an empty environment. */
const skipsDevelopment = service => service % 10 === 9;

export const serviceRef = i =>
  `component:default/svc-${String(i).padStart(4, '0')}`;
export const ownerRef = (spec, service) =>
  `group:default/team-${String(service % spec.owners).padStart(2, '0')}`;

/** mulberry32: small, fast and good enough to make up data. */
function prng(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* history(spec, anchor) {
  const random = prng(20261128);
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const hex = words => {
    let out = '';
    for (let i = 0; i < words; i++)
      out += Math.floor(random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return out;
  };
  const uuid = () => {
    const h = hex(4);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
      17,
      20,
    )}-${h.slice(20, 32)}`;
  };
  const pick = mix => {
    let r = random();
    for (const [value, share] of mix) if ((r -= share) < 0) return value;
    return mix[mix.length - 1][0];
  };
  const iso = ms => new Date(ms).toISOString();

  // Log-normal rates: a few busy services, a long tail of quiet ones.
  const cumulative = new Float64Array(spec.services);
  let sum = 0;
  for (let s = 0; s < spec.services; s++)
    cumulative[s] = sum += Math.exp(0.9 * normal());
  const pickService = () => {
    const target = random() * sum;
    let lo = 0;
    let hi = spec.services - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Start times as a Poisson process over the span, so they come out sorted.
  const gaps = new Float64Array(spec.deployments);
  let total = 0;
  for (let k = 0; k < spec.deployments; k++)
    total += gaps[k] = -Math.log(1 - random());
  const span = spec.days * DAY_MS;
  let clock = anchor - span;
  const releases = new Uint32Array(spec.services);

  for (let k = 0; k < spec.deployments; k++) {
    clock += (gaps[k] / total) * span;
    const startedMs = Math.floor(clock / 1000) * 1000;
    const service = pickService();
    let environment = ENVIRONMENTS[pickEnvironment(random())];
    if (environment === 'development' && skipsDevelopment(service))
      environment = 'staging';
    const inProgress = anchor - startedMs < 20 * 60_000;
    const status = inProgress ? 'started' : pick(STATUS_MIX[environment]);
    const finishedMs = inProgress
      ? null
      : startedMs +
        (60 + Math.floor(random() * (status === 'rolled_back' ? 1800 : 840))) *
          1000;
    const release = releases[service]++;
    const entity = serviceRef(service);
    const owner = ownerRef(spec, service);
    const id = uuid();
    const deployment = {
      id,
      entity_ref: entity,
      owner_ref: owner,
      environment,
      deployment_key: `bench-${k}`,
      version: `1.${Math.floor(release / 100)}.${release % 100}`,
      status,
      strategy:
        environment === 'production'
          ? pick([
              ['rolling', 0.6],
              ['canary', 0.25],
              ['blue-green', 0.15],
            ])
          : 'rolling',
      started_at: iso(startedMs),
      finished_at: finishedMs === null ? null : iso(finishedMs),
      commit_sha: hex(5),
      url: `https://ci.example/svc-${String(service).padStart(
        4,
        '0',
      )}/runs/${k}`,
      actor: `user-${Math.floor(random() * 300)}`,
    };
    const changes = [];
    if (status === 'succeeded') {
      const count = 1 + Math.floor(random() * 4);
      for (let c = 0; c < count; c++) {
        // Median about 18 hours, from minutes to weeks; 0.5% committed
        // "after" their deployment (clock skew), which DORA leaves out.
        const lead =
          random() < 0.005
            ? -(60 + Math.floor(random() * 7200))
            : Math.min(
                (60 * DAY_MS) / 1000,
                Math.max(
                  60,
                  Math.round(Math.exp(Math.log(18 * 3600) + 1.2 * normal())),
                ),
              );
        changes.push({
          entity_ref: entity,
          owner_ref: owner,
          environment,
          sha: hex(5),
          committed_at: iso(finishedMs - lead * 1000),
          deployed_at: iso(finishedMs),
          lead_time_seconds: lead,
          deployment_id: id,
        });
      }
    }
    yield { deployment, changes };
  }
}

function pickEnvironment(r) {
  let rest = r;
  for (let i = 0; i < ENVIRONMENT_SHARE.length; i++)
    if ((rest -= ENVIRONMENT_SHARE[i]) < 0) return i;
  return ENVIRONMENT_SHARE.length - 1;
}

/**
 * Bulk inserts: one unnest() statement per batch on PostgreSQL, prepared
 * statements in one transaction per batch on SQLite.
 */
async function writerFor(knex) {
  const connection = await knex.client.acquireConnection();
  const release = () => knex.client.releaseConnection(connection);
  if (knex.client.config.client === 'pg') {
    await connection.query('set synchronous_commit = off');
    const insert = (table, columns, types) => {
      const sql = `insert into ${table} (${columns.join(
        ', ',
      )}) select * from unnest(${columns
        .map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`)
        .join(', ')})`;
      return rows =>
        connection.query(
          sql,
          columns.map(c => rows.map(r => r[c])),
        );
    };
    const tables = ['deployments', 'deployment_changes'];
    return {
      clear: () => connection.query(`truncate ${tables.join(', ')}`),
      deployments: insert('deployments', DEPLOYMENT_COLUMNS, {}),
      changes: insert('deployment_changes', CHANGE_COLUMNS, {
        lead_time_seconds: 'bigint',
      }),
      // Autovacuum runs after every fifth or so of a table has been inserted,
      // so on a live portal the last weeks are usually not vacuumed yet (no
      // index-only scans there): vacuum all but the last month, as it would
      // have, and only analyze at the end.
      settle: async () => {
        for (const table of tables)
          await connection.query(`vacuum analyze ${table}`);
      },
      finish: async () => {
        for (const table of tables) await connection.query(`analyze ${table}`);
      },
      release,
    };
  }
  // better-sqlite3 is synchronous: a transaction per batch is as fast as it gets.
  connection.pragma('synchronous = off');
  const insert = (table, columns) => {
    const statement = connection.prepare(
      `insert into ${table} (${columns.join(', ')}) values (${columns
        .map(c => `@${c}`)
        .join(', ')})`,
    );
    return connection.transaction(rows => {
      for (const row of rows) statement.run(row);
    });
  };
  return {
    clear: () =>
      connection.exec(
        'delete from deployment_changes; delete from deployments;',
      ),
    deployments: insert('deployments', DEPLOYMENT_COLUMNS),
    changes: insert('deployment_changes', CHANGE_COLUMNS),
    settle: async () => {},
    // A portal never runs ANALYZE on SQLite, so neither does the benchmark.
    finish: async () => {},
    release: () => {
      connection.pragma('synchronous = full');
      release();
    },
  };
}

async function countRows(knex) {
  const [d] = rowsOf(await knex.raw('select count(*) as n from deployments'));
  const [c] = rowsOf(
    await knex.raw('select count(*) as n from deployment_changes'),
  );
  return { deployments: Number(d.n), changes: Number(c.n) };
}

/**
 * Makes sure the tables hold the history of `spec`, filling them when the
 * marker in `dataDir` or the row counts say otherwise. Returns the marker:
 * the spec, the instant the history ends at, the row counts and how long the
 * fill took.
 */
export async function ensureFilled(knex, dataDir, spec, log = console.log) {
  const markerFile = path.join(dataDir, '.deployments-read-fill.json');
  const marker = fs.existsSync(markerFile)
    ? JSON.parse(fs.readFileSync(markerFile, 'utf8'))
    : undefined;
  if (marker && JSON.stringify(marker.spec) === JSON.stringify(spec)) {
    const counts = await countRows(knex);
    if (
      counts.deployments === marker.deployments &&
      counts.changes === marker.changes
    ) {
      log(
        `  already filled on ${marker.filledAt} in ${marker.seconds}s (${markerFile})`,
      );
      return marker;
    }
  }
  fs.rmSync(markerFile, { force: true });

  // The history ends at the top of the hour of the fill.
  const anchor = Math.floor(Date.now() / 3600_000) * 3600_000;
  log(
    `  filling ${spec.deployments} deployments of ${spec.services} services over ${spec.days} days ...`,
  );
  const started = performance.now();
  const writer = await writerFor(knex);
  const settleBefore = new Date(anchor - 31 * DAY_MS).toISOString();
  let settled = false;
  let deployments = [];
  let changes = [];
  let written = 0;
  let nextReport = 100_000;
  const flush = async () => {
    await writer.deployments(deployments);
    await writer.changes(changes);
    written += deployments.length;
    deployments = [];
    changes = [];
  };
  try {
    await writer.clear();
    for (const { deployment, changes: shipped } of history(spec, anchor)) {
      if (!settled && deployment.started_at >= settleBefore) {
        await flush();
        await writer.settle();
        settled = true;
      }
      deployments.push(deployment);
      changes.push(...shipped);
      if (deployments.length === BATCH) {
        await flush();
        if (written >= nextReport) {
          log(
            `    ${written} deployments after ${Math.round(
              (performance.now() - started) / 1000,
            )}s`,
          );
          nextReport += 100_000;
        }
      }
    }
    await flush();
    await writer.finish();
  } finally {
    writer.release();
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  const filled = {
    spec,
    anchor: new Date(anchor).toISOString(),
    ...(await countRows(knex)),
    filledAt: new Date().toISOString(),
    seconds,
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(markerFile, `${JSON.stringify(filled, null, 2)}\n`);
  log(
    `  filled ${filled.deployments} deployments and ${filled.changes} changes in ${seconds}s`,
  );
  return filled;
}
