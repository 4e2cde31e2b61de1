import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  bulkInsert,
  decodeCursor,
  encodeCursor,
  IdempotencyStore,
  tupleKey,
} from '@flightdeck/ingest-node';
import {
  Deployment,
  DeploymentEvent,
  DeploymentPage,
  DeploymentStatus,
  DeploymentStrategy,
  DeploymentStep,
  EnvironmentState,
  FINISHED_STATUSES,
} from '@flightdeck/plugin-deployments-common';
import { Knex } from 'knex';
import { v4 as uuid } from 'uuid';
import {
  DeploymentListQuery,
  DeploymentStore,
  RecordOutcome,
  ResolvedDeploymentEvent,
  SettledDeployment,
} from './DeploymentStore';
import { DEPLOYMENT_IDENTITY, lockDeployments } from './lockDeployments';

const IDEMPOTENCY_SCOPE = 'deployment-event';

const scopeOf = ({ source }: ResolvedDeploymentEvent) =>
  source ? `${IDEMPOTENCY_SCOPE}:${source}` : IDEMPOTENCY_SCOPE;

/** What a later event may change about a recorded deployment; see mergeInto. */
const MERGED_COLUMNS = [
  'status',
  'owner_ref',
  'strategy',
  'finished_at',
  'commit_sha',
  'url',
  'actor',
  'steps',
  'changes',
  'status_reported_at',
];

interface DeploymentRow {
  id: string;
  entity_ref: string;
  owner_ref: string | null;
  environment: string;
  deployment_key: string;
  version: string;
  status: DeploymentStatus;
  strategy: DeploymentStrategy;
  started_at: string;
  finished_at: string | null;
  commit_sha: string | null;
  url: string | null;
  actor: string | null;
  steps: string | null;
  /** The commits the deployment carries (JSON), for lead time once it succeeds. */
  changes: string | null;
  /** When the source reported the status recorded, if it says. */
  status_reported_at: string | null;
}

type Change = DeploymentEvent['changes'][number];

/** Timestamps are stored as UTC ISO 8601 strings, which sort correctly on every engine. */
const iso = (value: string) => new Date(value).toISOString();

function deploymentKeyOf(event: DeploymentEvent): string {
  return event.deploymentId ?? `${event.version}@${iso(event.startedAt)}`;
}

const isFinished = (status: DeploymentStatus) =>
  FINISHED_STATUSES.includes(status);

/**
 * Whether an event's status replaces the recorded one. A finished deployment
 * never goes back to `started` when a late event arrives, and a finished
 * status always replaces `started`. Between two reports that both say when
 * their source made them, the older never replaces the newer, so the outcome
 * is the same whatever order they arrive in.
 */
function supersedes(
  row: DeploymentRow,
  incoming: DeploymentStatus,
  reportedAt: string | undefined,
): boolean {
  if (isFinished(row.status) !== isFinished(incoming)) {
    return isFinished(incoming);
  }
  return (
    !reportedAt ||
    !row.status_reported_at ||
    iso(reportedAt) >= row.status_reported_at
  );
}

interface ChangeRow {
  entity_ref: string;
  owner_ref: string | null;
  environment: string;
  sha: string;
  committed_at: string;
  deployed_at: string;
  lead_time_seconds: number;
  deployment_id: string;
}

/**
 * The values in the order of their keys, the order in which concurrent
 * batches write rows so that they never wait for each other in a cycle.
 */
function sortedByKey<T>(byKey: Map<string, T>): T[] {
  return [...byKey.keys()].sort().map(key => byKey.get(key)!);
}

/** The events of one deployment in a batch, folded into its row. */
interface DeploymentGroup {
  row: DeploymentRow;
  events: ResolvedDeploymentEvent[];
}

function newRow({
  event,
  entityRef,
  ownerRef,
  reportedAt,
}: ResolvedDeploymentEvent): DeploymentRow {
  return {
    id: uuid(),
    entity_ref: entityRef,
    owner_ref: ownerRef ?? null,
    environment: event.environment,
    deployment_key: deploymentKeyOf(event),
    version: event.version,
    status: event.status,
    strategy: event.strategy,
    started_at: iso(event.startedAt),
    finished_at: event.finishedAt ? iso(event.finishedAt) : null,
    commit_sha: event.commitSha?.toLowerCase() ?? null,
    url: event.url ?? null,
    actor: event.actor ?? null,
    steps: event.steps.length ? JSON.stringify(event.steps) : null,
    changes: event.changes.length ? JSON.stringify(event.changes) : null,
    status_reported_at: reportedAt ? iso(reportedAt) : null,
  };
}

/** The commits of both lists, each once, the first report of a commit kept. */
function mergedChanges(stored: string | null, incoming: Change[]) {
  if (incoming.length === 0) return stored;
  const changes: Change[] = stored ? JSON.parse(stored) : [];
  const known = new Set(changes.map(c => c.sha.toLowerCase()));
  for (const change of incoming) {
    if (!known.has(change.sha.toLowerCase())) {
      known.add(change.sha.toLowerCase());
      changes.push(change);
    }
  }
  return JSON.stringify(changes);
}

/**
 * Later events fill in what earlier ones did not know, never erase it. How
 * the deployment went (status, finish, strategy, link, steps) is what the
 * superseding report said; one it supersedes only fills gaps. Who deployed is
 * what the first report said: a CD system's later report names its own bot,
 * not the person who asked.
 */
function mergeInto(
  row: DeploymentRow,
  { event, ownerRef, reportedAt }: ResolvedDeploymentEvent,
) {
  const steps = event.steps.length ? JSON.stringify(event.steps) : null;
  if (supersedes(row, event.status, reportedAt)) {
    row.status = event.status;
    row.status_reported_at = reportedAt
      ? iso(reportedAt)
      : row.status_reported_at;
    row.strategy = event.strategy;
    row.finished_at = event.finishedAt
      ? iso(event.finishedAt)
      : row.finished_at;
    row.url = event.url ?? row.url;
    row.steps = steps ?? row.steps;
  } else {
    row.url = row.url ?? event.url ?? null;
    row.steps = row.steps ?? steps;
  }
  row.owner_ref = ownerRef ?? row.owner_ref;
  row.commit_sha = event.commitSha?.toLowerCase() ?? row.commit_sha;
  row.actor = row.actor ?? event.actor ?? null;
  row.changes = mergedChanges(row.changes, event.changes);
}

function toDeployment(row: DeploymentRow): Deployment {
  const finishedAt = row.finished_at ?? undefined;
  return {
    id: row.id,
    entityRef: row.entity_ref,
    environment: row.environment,
    version: row.version,
    status: row.status,
    strategy: row.strategy,
    startedAt: row.started_at,
    finishedAt,
    durationSeconds: finishedAt
      ? Math.round((Date.parse(finishedAt) - Date.parse(row.started_at)) / 1000)
      : undefined,
    commitSha: row.commit_sha ?? undefined,
    url: row.url ?? undefined,
    actor: row.actor ?? undefined,
    steps: row.steps ? (JSON.parse(row.steps) as DeploymentStep[]) : [],
  };
}

export class KnexDeploymentStore implements DeploymentStore {
  /**
   * Migrates the plugin's tables, unless its migrations are skipped. The
   * idempotency keys live in the same database, so that an event's key is
   * claimed in the transaction that records it.
   */
  static async create(options: {
    database: DatabaseService;
    idempotency: IdempotencyStore;
  }): Promise<KnexDeploymentStore> {
    const { database } = options;
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@flightdeck/plugin-deployments-backend',
          'migrations',
        ),
      });
    }
    return new KnexDeploymentStore(knex, options.idempotency);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /**
   * Records a batch in a few statements whatever its size: claims every
   * idempotency key at once, folds the events of each deployment into one
   * row, inserts the rows that are new at once, and merges the rest into the
   * deployments they belong to. Each statement binds its rows as one JSON
   * value (see `bulkInsert`), which is what makes a batch of a thousand
   * cheap.
   */
  async record(events: ResolvedDeploymentEvent[]): Promise<RecordOutcome[]> {
    return this.knex.transaction(async trx => {
      const claimed = await this.claimAll(trx, events);
      const taken = new Set<string>();
      const accepted: ResolvedDeploymentEvent[] = [];
      const outcomes: RecordOutcome[] = events.map(resolved => {
        const key = resolved.event.idempotencyKey;
        const claim = tupleKey([scopeOf(resolved), key]);
        if (!claimed.has(claim) || taken.has(claim)) {
          return { idempotencyKey: key, duplicate: true };
        }
        taken.add(claim);
        accepted.push(resolved);
        return { idempotencyKey: key, duplicate: false };
      });
      const { ids, groups } = await this.upsertAll(trx, accepted);
      let next = 0;
      for (const outcome of outcomes) {
        if (!outcome.duplicate) outcome.deploymentId = ids[next++];
      }
      await this.recordLeadTimes(trx, groups);
      return outcomes;
    });
  }

  /**
   * Claims the batch's keys, scope by scope in one order, as keys within a
   * scope are; returns the claims as `tupleKey([scope, key])`.
   */
  private async claimAll(
    trx: Knex.Transaction,
    events: ResolvedDeploymentEvent[],
  ): Promise<Set<string>> {
    const keysByScope = new Map<string, string[]>();
    for (const resolved of events) {
      const scope = scopeOf(resolved);
      const keys = keysByScope.get(scope) ?? [];
      keys.push(resolved.event.idempotencyKey);
      keysByScope.set(scope, keys);
    }
    const claimed = new Set<string>();
    for (const scope of [...keysByScope.keys()].sort()) {
      const keys = keysByScope.get(scope)!;
      for (const key of await this.idempotency.claimMany(trx, scope, keys)) {
        claimed.add(tupleKey([scope, key]));
      }
    }
    return claimed;
  }

  /**
   * Returns the id of the deployment each event belongs to, in order, and
   * each deployment the batch touched as it now stands.
   */
  private async upsertAll(
    trx: Knex.Transaction,
    accepted: ResolvedDeploymentEvent[],
  ): Promise<{ ids: string[]; groups: DeploymentGroup[] }> {
    const groups = new Map<string, DeploymentGroup>();
    const keys = accepted.map(resolved => {
      const key = tupleKey([
        resolved.entityRef,
        resolved.event.environment,
        deploymentKeyOf(resolved.event),
      ]);
      const group = groups.get(key);
      if (group) {
        mergeInto(group.row, resolved);
        group.events.push(resolved);
      } else {
        groups.set(key, { row: newRow(resolved), events: [resolved] });
      }
      return key;
    });

    // In one order for every batch, so that concurrent batches inserting the
    // same new deployments wait for each other instead of deadlocking.
    const ordered = sortedByKey(groups);
    // Deployments seen before collide with their stored row and are skipped
    // here; they are the ones whose id does not come back.
    const inserted = await bulkInsert<{ id: string }>(
      trx,
      'deployments',
      ordered.map(g => g.row),
      { onConflict: DEPLOYMENT_IDENTITY, returning: ['id'] },
    );
    if (inserted.length < groups.size) {
      const insertedIds = new Set(inserted.map(row => row.id));
      await this.mergeIntoStored(
        trx,
        ordered.filter(g => !insertedIds.has(g.row.id)),
      );
    }
    return {
      ids: keys.map(key => groups.get(key)!.row.id),
      groups: ordered,
    };
  }

  /**
   * Applies each group's events, in the order they arrived, to the stored
   * deployment they belong to, and writes the result back. The stored rows
   * stay locked until the batch commits: two batches merging into one
   * deployment take turns, and each merges into what the other wrote.
   */
  private async mergeIntoStored(
    trx: Knex.Transaction,
    groups: DeploymentGroup[],
  ) {
    const stored = await lockDeployments<DeploymentRow>(
      trx,
      groups.map(({ row }) => [
        row.entity_ref,
        row.environment,
        row.deployment_key,
      ]),
    );
    for (const group of groups) {
      const { entity_ref, environment, deployment_key } = group.row;
      const row = stored.get(
        tupleKey([entity_ref, environment, deployment_key]),
      );
      if (!row) {
        // Only a concurrent delete between the two statements gets here.
        throw new Error(
          `Deployment '${deployment_key}' of ${entity_ref} in ${environment} disappeared while it was recorded`,
        );
      }
      for (const resolved of group.events) mergeInto(row, resolved);
      group.row = row;
    }
    await bulkInsert(
      trx,
      'deployments',
      groups.map(g => g.row),
      { onConflict: DEPLOYMENT_IDENTITY, merge: MERGED_COLUMNS },
    );
  }

  /**
   * Fixes each change's lead time at the earliest successful deployment
   * containing it. A deployment's changes may arrive before its success (a
   * release names them when it asks for the deploy; the CD system reports
   * the outcome), so they are taken from the deployment as it now stands.
   */
  private async recordLeadTimes(
    trx: Knex.Transaction,
    groups: DeploymentGroup[],
  ) {
    const candidates = new Map<string, ChangeRow>();
    for (const { row, events } of groups) {
      const concerned = events.some(
        ({ event }) => event.status === 'succeeded' || event.changes.length,
      );
      if (
        !concerned ||
        row.status !== 'succeeded' ||
        !row.finished_at ||
        !row.changes
      ) {
        continue;
      }
      const deployedAt = row.finished_at;
      for (const change of JSON.parse(row.changes) as Change[]) {
        const sha = change.sha.toLowerCase();
        const key = tupleKey([row.entity_ref, row.environment, sha]);
        const previous = candidates.get(key);
        if (previous && previous.deployed_at <= deployedAt) continue;
        const committedAt = iso(change.committedAt);
        candidates.set(key, {
          entity_ref: row.entity_ref,
          owner_ref: row.owner_ref,
          environment: row.environment,
          sha,
          committed_at: committedAt,
          deployed_at: deployedAt,
          lead_time_seconds: Math.round(
            (Date.parse(deployedAt) - Date.parse(committedAt)) / 1000,
          ),
          deployment_id: row.id,
        });
      }
    }
    // A change deployed before takes this deployment only if it is earlier;
    // it keeps the owner it was first recorded with.
    await bulkInsert(trx, 'deployment_changes', sortedByKey(candidates), {
      onConflict: ['entity_ref', 'environment', 'sha'],
      merge: [
        'committed_at',
        'deployed_at',
        'lead_time_seconds',
        'deployment_id',
      ],
      mergeWhen: { column: 'deployed_at', incoming: '<' },
    });
  }

  async get(id: string): Promise<Deployment | undefined> {
    const row = await this.knex<DeploymentRow>('deployments')
      .where({ id })
      .first();
    return row ? toDeployment(row) : undefined;
  }

  async getByKey(
    entityRef: string,
    environment: string,
    deploymentKey: string,
  ): Promise<Deployment | undefined> {
    const row = await this.knex<DeploymentRow>('deployments')
      .where({
        entity_ref: entityRef,
        environment,
        deployment_key: deploymentKey,
      })
      .first();
    return row ? toDeployment(row) : undefined;
  }

  async list(query: DeploymentListQuery): Promise<DeploymentPage> {
    const q = this.knex<DeploymentRow>('deployments')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1);
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.owner) q.where('owner_ref', query.owner);
    if (query.environment) q.where('environment', query.environment);
    if (query.status) q.where('status', query.status);
    if (query.cursor) {
      const [startedAt, id] = decodeCursor(query.cursor, 2);
      q.where(inner =>
        inner
          .where('started_at', '<', startedAt)
          .orWhere(tie =>
            tie.where('started_at', startedAt).andWhere('id', '<', id),
          ),
      );
    }
    const rows = await q;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDeployment),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor([last.started_at, last.id])
          : undefined,
    };
  }

  /**
   * Both lookups of every environment in one statement: each is a short
   * index probe, cheaper than a round trip of its own.
   */
  async environmentStates(
    entityRef: string,
    environments: string[],
  ): Promise<EnvironmentState[]> {
    if (environments.length === 0) return [];
    const newest = (environment: string, kind: 'current' | 'latest') => {
      const q = this.knex<DeploymentRow>('deployments')
        .select('*', this.knex.raw(`'${kind}' as kind`))
        .where({ entity_ref: entityRef, environment })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(1);
      // A removal settles an environment too: after it nothing runs there.
      if (kind === 'current') q.whereIn('status', ['succeeded', 'removed']);
      return this.knex
        .select('*')
        .from(q.as(`${kind}_${environments.indexOf(environment)}`));
    };
    const [first, ...rest] = environments.flatMap(environment => [
      newest(environment, 'current'),
      newest(environment, 'latest'),
    ]);
    const rows: Array<DeploymentRow & { kind: string }> = await first.unionAll(
      rest,
    );
    return environments.map(environment => {
      const find = (kind: string) =>
        rows.find(r => r.environment === environment && r.kind === kind);
      const settled = find('current');
      const current = settled?.status === 'succeeded' ? settled : undefined;
      const latest = find('latest');
      return {
        environment,
        current: current ? toDeployment(current) : undefined,
        latest:
          latest && latest.id !== current?.id
            ? toDeployment(latest)
            : undefined,
      };
    });
  }

  async latestSettled(
    entityRef: string,
    environment: string,
  ): Promise<SettledDeployment | undefined> {
    const row = await this.knex<DeploymentRow>('deployments')
      .where({ entity_ref: entityRef, environment })
      .whereIn('status', ['succeeded', 'removed'])
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    if (!row) return undefined;
    return {
      deploymentKey: row.deployment_key,
      version: row.version,
      status: row.status as SettledDeployment['status'],
      strategy: row.strategy,
      startedAt: row.started_at,
      finishedAt: row.finished_at ?? undefined,
    };
  }
}
