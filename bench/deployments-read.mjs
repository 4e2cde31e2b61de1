// Read latency of the deployments plugin at scale: the service tab's first
// page and the DORA endpoint through the HTTP API, against hand-written SQL
// for the same answers on the same database, and against the floor (an
// authenticated request that reads no table), in the same run.
//
//   node bench/deployments-read.mjs <portal-url> [deployments] [iterations]
//
// Needs a running portal (./flightdeck bench read starts one),
// FLIGHTDECK_INGEST_TOKEN, FLIGHTDECK_DATA_DIR, and for PostgreSQL
// POSTGRES_HOST and friends. Fills the database first unless it already holds
// the same history (see deployments-read-fill.mjs).
import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import zlib from 'node:zlib';
import { deploymentsDatabase, engine } from './deployments-database.mjs';
import {
  ensureFilled,
  fillSpec,
  ownerRef,
  serviceRef,
} from './deployments-read-fill.mjs';
import { sqlBaseline } from './deployments-read-sql.mjs';
import { pluginReadPath } from './deployments-read-store.mjs';

const baseUrl = process.argv[2] ?? 'http://localhost:7068';
const spec = fillSpec(Number(process.argv[3] || 1_000_000));
const ITERATIONS = Number(process.argv[4] || 60);
const WARM_UP = 10;
const TARGET_MS = 300;
const TARGET_RATIO = 2;
const DAY_MS = 24 * 3600 * 1000;
const ENVIRONMENTS = ['development', 'staging', 'production'];
const token = process.env.FLIGHTDECK_INGEST_TOKEN;

function routeUrl(route, query = {}) {
  const url = new URL(`${baseUrl}/api/deployments${route}`);
  for (const [key, value] of Object.entries(query))
    url.searchParams.set(key, value);
  return url;
}

async function get(route, query = {}) {
  const url = routeUrl(route, query);
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * How an answer travels to a client that accepts gzip, as fetch (and a
 * browser over plain HTTP) does: the answer's `bytes`, their `encoding`, and
 * the bytes `sent`.
 */
function answerSize(route, query = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      routeUrl(route, query),
      {
        headers: {
          Authorization: `Bearer ${token}`,
          'Accept-Encoding': 'gzip, deflate',
        },
      },
      response => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${route}: ${response.statusCode}`));
          response.resume();
          return;
        }
        const chunks = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () => {
          const sent = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'] ?? 'identity';
          const bytes =
            encoding === 'gzip' ? zlib.gunzipSync(sent).length : sent.length;
          resolve({ bytes, encoding, sent: sent.length });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

// Services of every kind in turn: busy and quiet ones, one that never
// deployed to development (i % 10 === 9), one never deployed at all (a new
// service, i % 10 === 5); and teams in turn.
const serviceAt = i =>
  i % 10 === 5
    ? 'component:default/svc-new'
    : serviceRef((i * 761) % spec.services);
const teamAt = i => ownerRef(spec, i % spec.owners);

/** The same numbers from the endpoint's answer as the baseline computes. */
function doraFigures(metrics) {
  return {
    deployments: metrics.deploymentFrequency.total,
    reachedUsers: metrics.changeFailures.total,
    leadTime: {
      changes: metrics.leadTime.changes,
      excludedChanges: metrics.leadTime.excludedChanges,
      medianHours: metrics.leadTime.medianHours,
      p90Hours: metrics.leadTime.p90Hours,
    },
    failed: metrics.changeFailures.failed,
    restored: metrics.timeToRestore.restored,
    restoreMedianHours: metrics.timeToRestore.medianHours,
    series: metrics.series.filter(p => p.deployments || p.failures),
  };
}

const stateIds = states =>
  states.map(s => [s.environment, s.current?.id ?? null, s.latest?.id ?? null]);

function baselineStateIds(rows) {
  return ENVIRONMENTS.map(environment => {
    // A removal settles an environment with nothing running in it.
    const settled = rows.find(
      r => r.env_name === environment && Number(r.current_only) === 1,
    );
    const current = settled?.status === 'succeeded' ? settled : undefined;
    const latest = rows.find(
      r => r.env_name === environment && Number(r.current_only) === 0,
    );
    return [
      environment,
      current?.id ?? null,
      latest && latest.id !== current?.id ? latest.id : null,
    ];
  });
}

/** Fails the run when the API and the baseline disagree: a fast wrong answer is no answer. */
async function checkSameAnswers(baseline, window) {
  const problems = [];
  for (let i = 0; i < 10; i++) {
    const entityRef = serviceAt(i);
    const page = await get('/deployments', { entityRef, limit: '50' });
    const rows = await baseline.page(entityRef);
    const expected = rows.slice(0, 50).map(r => r.id);
    if (
      !isDeepStrictEqual(
        page.items.map(d => d.id),
        expected,
      ) ||
      Boolean(page.nextCursor) !== rows.length > 50
    ) {
      problems.push(`page of ${entityRef}`);
    }
    const states = await get('/environment-states', { entityRef });
    const expectedStates = baselineStateIds(
      await baseline.environmentStates(entityRef, ENVIRONMENTS),
    );
    if (!isDeepStrictEqual(stateIds(states.items), expectedStates)) {
      problems.push(`environment states of ${entityRef}`);
    }
  }
  for (const owner of [undefined, teamAt(0), teamAt(1), teamAt(2)]) {
    const scope = { ...window, ...(owner ? { owner } : {}) };
    const api = doraFigures(await get('/dora', scope));
    const sql = await baseline.dora({ environment: 'production', ...scope });
    if (!isDeepStrictEqual(api, sql)) {
      const { series: a, ...apiTotals } = api;
      const { series: b, ...sqlTotals } = sql;
      problems.push(
        `DORA of ${owner ?? 'the organisation'}: API ${JSON.stringify(
          apiTotals,
        )} (${a.length} days), SQL ${JSON.stringify(sqlTotals)} (${
          b.length
        } days)`,
      );
    }
  }
  return problems;
}

const percentile = (sorted, p) =>
  sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)];

/** The floor: authenticated like the others, reads no table, tiny answer. */
const FLOOR_ROUTE = '/environments';
const floor = () => get(FLOOR_ROUTE);

/**
 * Times the API, the floor, the baseline and the plugin's store in this
 * process in turn, so that load from elsewhere hits all alike.
 */
async function measure(name, api, sql, store, size) {
  const timed = { api, floor, sql, store };
  const times = { api: [], floor: [], sql: [], store: [] };
  for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
    for (const [kind, run] of Object.entries(timed)) {
      if (!run) continue;
      const started = performance.now();
      await run(i);
      if (i >= WARM_UP) times[kind].push(performance.now() - started);
    }
  }
  const summary = list => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted.length
      ? { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }
      : undefined;
  };
  return {
    name,
    api: summary(times.api),
    floor: summary(times.floor),
    sql: summary(times.sql),
    store: summary(times.store),
    size: await size(),
  };
}

/** `2,401`, or `26,222 → 4,555 gzip` when compressed. */
const bytesSent = ({ bytes, encoding, sent }) =>
  encoding === 'identity'
    ? bytes.toLocaleString('en')
    : `${bytes.toLocaleString('en')} → ${sent.toLocaleString(
        'en',
      )} ${encoding}`;

function printTable(results, floorSize) {
  const ms = value => (value < 10 ? value.toFixed(2) : value.toFixed(1));
  const header = [
    'operation',
    'answer bytes',
    'API p50',
    'API p95',
    'floor p50',
    'floor p95',
    'API/floor p50',
    'API/floor p95',
    'store p95',
    'SQL p50',
    'SQL p95',
    'API/SQL p95',
    'store/SQL p95',
    `API < ${TARGET_MS} ms`,
    `API <= ${TARGET_RATIO}x`,
    `store <= ${TARGET_RATIO}x`,
  ];
  const lines = results.map(r => {
    const apiRatio = r.api.p95 / r.sql.p95;
    const storeRatio = r.store.p95 / r.sql.p95;
    const verdict = ok => (ok ? 'pass' : 'FAIL');
    return [
      r.name,
      bytesSent(r.size),
      ms(r.api.p50),
      ms(r.api.p95),
      ms(r.floor.p50),
      ms(r.floor.p95),
      `${(r.api.p50 / r.floor.p50).toFixed(2)}x`,
      `${(r.api.p95 / r.floor.p95).toFixed(2)}x`,
      ms(r.store.p95),
      ms(r.sql.p50),
      ms(r.sql.p95),
      `${apiRatio.toFixed(2)}x`,
      `${storeRatio.toFixed(2)}x`,
      verdict(r.api.p95 < TARGET_MS),
      verdict(apiRatio <= TARGET_RATIO),
      verdict(storeRatio <= TARGET_RATIO),
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const row = cells =>
    `  ${cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')}`;
  console.log(row(header));
  for (const line of lines) console.log(row(line));
  console.log(
    `  Times in ms over ${ITERATIONS} runs after ${WARM_UP} warm-up runs, API, floor, SQL and store in turn;`,
  );
  console.log(
    `  floor: GET /api/deployments${FLOOR_ROUTE}, authenticated like the others, reads no table, answers ${bytesSent(
      floorSize,
    )} bytes;`,
  );
  console.log(
    "  store: the plugin's own store and DORA calculator called in this process, without HTTP;",
  );
  console.log(
    '  answer bytes: one answer of each, and what is sent to a client that accepts gzip when it is compressed.',
  );
}

const knex = deploymentsDatabase();
try {
  console.log(
    `${engine}: read path at ${spec.deployments} deployments across ${spec.services} services`,
  );
  const filled = await ensureFilled(
    knex,
    process.env.FLIGHTDECK_DATA_DIR,
    spec,
  );
  const baseline = sqlBaseline(knex);
  const plugin = await pluginReadPath(knex);
  // The default DORA window (30 days up to now), pinned to the end of the
  // filled history so that reruns on an older fill measure the same rows.
  const to = new Date(filled.anchor);
  const window = {
    from: new Date(to.getTime() - 30 * DAY_MS).toISOString(),
    to: to.toISOString(),
  };
  const production = { environment: 'production', ...window };

  const problems = await checkSameAnswers(baseline, window);
  if (problems.length) {
    console.log('  The API and the baseline disagree:');
    for (const problem of problems) console.log(`    ${problem}`);
    process.exitCode = 1;
  } else {
    console.log('  The API and the baseline give the same answers.');
  }

  // A service that has deployed to every environment: answers at full size.
  const busy = serviceAt(0);
  const results = [
    await measure(
      'tab: deployments, first page',
      i => get('/deployments', { entityRef: serviceAt(i), limit: '50' }),
      i => baseline.page(serviceAt(i)),
      i => plugin.page(serviceAt(i)),
      () => answerSize('/deployments', { entityRef: busy, limit: '50' }),
    ),
    await measure(
      'tab: environment states',
      i => get('/environment-states', { entityRef: serviceAt(i) }),
      i => baseline.environmentStates(serviceAt(i), ENVIRONMENTS),
      i => plugin.environmentStates(serviceAt(i), ENVIRONMENTS),
      () => answerSize('/environment-states', { entityRef: busy }),
    ),
    await measure(
      'DORA: organisation, 30 days',
      () => get('/dora', window),
      () => baseline.dora(production),
      () => plugin.dora(production),
      () => answerSize('/dora', window),
    ),
    await measure(
      'DORA: team, 30 days',
      i => get('/dora', { ...window, owner: teamAt(i) }),
      i => baseline.dora({ ...production, owner: teamAt(i) }),
      i => plugin.dora({ ...production, owner: teamAt(i) }),
      () => answerSize('/dora', { ...window, owner: teamAt(0) }),
    ),
  ];
  printTable(results, await answerSize(FLOOR_ROUTE));
} finally {
  await knex.destroy();
}
