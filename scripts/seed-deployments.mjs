// Fills a fresh portal with months of plausible deployment history for the
// demo organisation, through the real ingestion API: rolling, blue-green and
// canary rollouts, failures, rollbacks and the fixes that followed, and one
// canary in flight. Deterministic, and idempotent: running it again sends
// the same idempotency keys, which the API answers as duplicates.
//
// Usage: node scripts/seed-deployments.mjs <base-url>
// Events go with FLIGHTDECK_INGEST_TOKEN, which reaches only the ingestion
// APIs; the catalog is read with the local tools token,
// FLIGHTDECK_LOCAL_TOKEN (app-config.localhost.yaml).

const baseUrl = process.argv[2] ?? 'http://localhost:7007';
const token = process.env.FLIGHTDECK_INGEST_TOKEN;
const catalogToken = process.env.FLIGHTDECK_LOCAL_TOKEN;
if (!token || !catalogToken) {
  console.error(
    'FLIGHTDECK_INGEST_TOKEN and FLIGHTDECK_LOCAL_TOKEN must be set',
  );
  process.exit(1);
}
const headers = {
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
};

const DAY = 24 * 3600 * 1000;
const HISTORY_DAYS = 120;
// The newest seeded deployment ends this long before now, so that anything
// sent by hand afterwards is the latest.
const QUIET_PERIOD = 2 * 3600 * 1000;

const STRATEGY = {
  'payments-api': 'canary',
  'booking-service': 'blue-green',
  'search-service': 'canary',
  'skyhop-web': 'blue-green',
};
const HOUR = 3600 * 1000;

// mulberry32: a small seeded PRNG, so every run produces the same history.
function random(seedText) {
  let seed =
    [...seedText].reduce(
      (h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619),
      2166136261,
    ) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hex = (rnd, n) =>
  Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

async function getJson(path) {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${catalogToken}` },
  });
  if (!response.ok)
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Right after start the catalog is still ingesting: wait until the list of
// services stops growing.
async function deployableServices() {
  let previous = [];
  let stable = 0;
  for (let attempt = 0; attempt < 120 && stable < 3; attempt++) {
    const { items } = await getJson(
      '/api/catalog/entities/by-query?filter=kind=component,spec.type=service&filter=kind=component,spec.type=website&limit=500&fields=metadata.name,spec.owner',
    );
    stable =
      items.length > 0 && items.length === previous.length ? stable + 1 : 0;
    previous = items;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  if (previous.length === 0) throw new Error('the catalog has no services yet');
  return previous;
}

async function membersOf(owner) {
  const group = owner.replace(/^group:default\//, '');
  const { items } = await getJson(
    `/api/catalog/entities/by-query?filter=kind=user,relations.memberof=group:default/${encodeURIComponent(
      group,
    )}&fields=metadata.name`,
  );
  const names = items.map(u => u.metadata.name).filter(n => n !== 'guest');
  return names.length ? names : ['ci-bot'];
}

function stepsFor(strategy, status, rnd) {
  const weights =
    strategy === 'canary'
      ? [10, 50, 100]
      : strategy === 'blue-green'
      ? [0, 100]
      : [];
  const failedAt =
    status === 'succeeded'
      ? weights.length
      : Math.floor(rnd() * weights.length);
  return weights.map((weight, i) => ({
    name:
      strategy === 'canary'
        ? `canary ${weight}%`
        : i === 0
        ? 'green ready'
        : 'switch traffic',
    weight,
    status: i < failedAt ? 'succeeded' : i === failedAt ? 'failed' : 'pending',
  }));
}

/**
 * One service's release train: each release goes to development, then
 * staging hours later, then usually production a day or so later. A failed
 * or rolled-back production deployment is followed by a hotfix release.
 */
function historyOf(service, actors, now) {
  const rnd = random(service);
  const strategy = STRATEGY[service] ?? 'rolling';
  const end = now - QUIET_PERIOD;
  const events = [];
  const counters = { development: 0, staging: 0, production: 0 };
  let [major, minor, patch] = [
    1 + Math.floor(rnd() * 4),
    Math.floor(rnd() * 20),
    0,
  ];
  let run = 1000 + Math.floor(rnd() * 5000);
  let lastCommitAt = now - (HISTORY_DAYS + 3) * DAY;
  let notInProduction = [];
  let t = now - HISTORY_DAYS * DAY;

  const deploy = (
    environment,
    version,
    status,
    startedAt,
    changes,
    releaseStrategy,
  ) => {
    counters[environment] += 1;
    run += 1;
    const n = counters[environment];
    const finishedAt = Math.min(startedAt + (2 + rnd() * 13) * 60 * 1000, end);
    events.push({
      entityRef: `component:default/${service}`,
      environment,
      version,
      status,
      strategy: releaseStrategy,
      deploymentId: `seed-${service}-${environment}-${n}`,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      commitSha: changes[changes.length - 1]?.sha,
      changes,
      url: `https://github.com/skyhop/${service}/actions/runs/${run}`,
      actor: pick(rnd, actors),
      idempotencyKey: `seed:${service}:${environment}:${n}`,
      steps:
        environment === 'production'
          ? stepsFor(releaseStrategy, status, rnd)
          : [],
    });
  };
  const commitsUntil = at => {
    const count = 1 + Math.floor(rnd() * 6);
    const commits = Array.from({ length: count }, (_, i) => ({
      sha: hex(rnd, 40),
      committedAt: new Date(
        lastCommitAt + ((i + 1) / (count + 1)) * (at - lastCommitAt),
      ).toISOString(),
    }));
    lastCommitAt = at - HOUR;
    return commits;
  };

  while (t < end - 2 * DAY) {
    if (rnd() < 0.12) [minor, patch] = [minor + 1, 0];
    else patch += 1;
    let version = `${major}.${minor}.${patch}`;
    const commits = commitsUntil(t);
    notInProduction.push(...commits);

    deploy(
      'development',
      version,
      rnd() < 0.93 ? 'succeeded' : 'failed',
      t,
      commits,
      'rolling',
    );
    const stagingAt = t + (1 + rnd() * 5) * HOUR;
    const stagingOk = rnd() < 0.9;
    deploy(
      'staging',
      version,
      stagingOk ? 'succeeded' : 'failed',
      stagingAt,
      commits,
      'rolling',
    );

    if (stagingOk && rnd() < 0.75) {
      let productionAt = stagingAt + (4 + rnd() * 26) * HOUR;
      const roll = rnd();
      const status =
        roll < 0.85 ? 'succeeded' : roll < 0.93 ? 'failed' : 'rolled_back';
      deploy(
        'production',
        version,
        status,
        productionAt,
        notInProduction,
        strategy,
      );
      if (status === 'succeeded') {
        notInProduction = [];
      } else {
        // Fixed forward: a hotfix goes straight through within hours.
        patch += 1;
        version = `${major}.${minor}.${patch}`;
        productionAt += (1 + rnd() * 5) * HOUR;
        const fix = commitsUntil(productionAt - HOUR / 2);
        notInProduction.push(...fix);
        deploy(
          'staging',
          version,
          'succeeded',
          productionAt - HOUR / 2,
          fix,
          'rolling',
        );
        deploy(
          'production',
          version,
          'succeeded',
          productionAt,
          notInProduction,
          strategy,
        );
        notInProduction = [];
      }
    }
    t += (0.7 + rnd() * 3) * DAY;
  }
  return { events, nextVersion: `${major}.${minor}.${patch + 1}` };
}

function inFlightCanary(version, now) {
  return {
    entityRef: 'component:default/payments-api',
    environment: 'production',
    version,
    status: 'started',
    strategy: 'canary',
    deploymentId: 'seed-payments-api-live-canary',
    startedAt: new Date(now - 8 * 60 * 1000).toISOString(),
    actor: 'priya.raman',
    url: 'https://github.com/skyhop/payments-api/actions/runs/999999',
    idempotencyKey: 'seed:payments-api:live-canary',
    steps: [
      { name: 'canary 10%', weight: 10, status: 'succeeded' },
      { name: 'canary 50%', weight: 50, status: 'running' },
      { name: 'canary 100%', weight: 100, status: 'pending' },
    ],
  };
}

async function post(events) {
  const response = await fetch(`${baseUrl}/api/deployments/events`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ events }),
  });
  if (!response.ok)
    throw new Error(
      `POST /api/deployments/events: ${
        response.status
      } ${await response.text()}`,
    );
  return response.json();
}

const now = Date.now();
const services = await deployableServices();
const events = [];
for (const service of services) {
  const name = service.metadata.name;
  const history = historyOf(name, await membersOf(service.spec.owner), now);
  events.push(...history.events);
  if (name === 'payments-api')
    events.push(inFlightCanary(history.nextVersion, now));
}
let accepted = 0;
let duplicates = 0;
for (let i = 0; i < events.length; i += 500) {
  const result = await post(events.slice(i, i + 500));
  accepted += result.accepted;
  duplicates += result.duplicates;
}
console.log(
  `Demo deployments: ${accepted} recorded, ${duplicates} already there, for ${services.length} services`,
);
