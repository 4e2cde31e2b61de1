import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { IdempotencyStore } from '@flightdeck/ingest-node';
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
import { decodeCursor, encodeCursor } from './cursor';
import {
  DeploymentListQuery,
  DeploymentStore,
  RecordOutcome,
  ResolvedDeploymentEvent,
} from './DeploymentStore';

const IDEMPOTENCY_SCOPE = 'deployment-event';

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
}

/** Timestamps are stored as UTC ISO 8601 strings, which sort correctly on every engine. */
const iso = (value: string) => new Date(value).toISOString();

function deploymentKeyOf(event: DeploymentEvent): string {
  return event.deploymentId ?? `${event.version}@${iso(event.startedAt)}`;
}

/** A finished deployment never goes back to `started` when a late event arrives. */
function mergedStatus(
  current: DeploymentStatus,
  incoming: DeploymentStatus,
): DeploymentStatus {
  if (FINISHED_STATUSES.includes(current) && incoming === 'started') {
    return current;
  }
  return incoming;
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
  static async create(database: DatabaseService): Promise<KnexDeploymentStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@flightdeck/plugin-deployments-backend',
          'migrations',
        ),
      });
    }
    const idempotency = await IdempotencyStore.create(knex);
    return new KnexDeploymentStore(knex, idempotency);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly idempotency: IdempotencyStore,
  ) {}

  async record(events: ResolvedDeploymentEvent[]): Promise<RecordOutcome[]> {
    return this.knex.transaction(async trx => {
      const outcomes: RecordOutcome[] = [];
      for (const resolved of events) {
        const { idempotencyKey } = resolved.event;
        if (
          !(await this.idempotency.claim(
            trx,
            IDEMPOTENCY_SCOPE,
            idempotencyKey,
          ))
        ) {
          outcomes.push({ idempotencyKey, duplicate: true });
          continue;
        }
        const deploymentId = await this.upsert(trx, resolved);
        if (resolved.event.status === 'succeeded') {
          await this.recordLeadTimes(trx, resolved, deploymentId);
        }
        outcomes.push({ idempotencyKey, deploymentId, duplicate: false });
      }
      return outcomes;
    });
  }

  private async upsert(
    trx: Knex.Transaction,
    { event, entityRef, ownerRef }: ResolvedDeploymentEvent,
  ): Promise<string> {
    const identity = {
      entity_ref: entityRef,
      environment: event.environment,
      deployment_key: deploymentKeyOf(event),
    };
    const existing: DeploymentRow | undefined = await trx('deployments')
      .where(identity)
      .first();
    const fields = {
      owner_ref: ownerRef ?? null,
      version: event.version,
      strategy: event.strategy,
      started_at: iso(event.startedAt),
      finished_at: event.finishedAt ? iso(event.finishedAt) : null,
      commit_sha: event.commitSha?.toLowerCase() ?? null,
      url: event.url ?? null,
      actor: event.actor ?? null,
      steps: event.steps.length ? JSON.stringify(event.steps) : null,
    };
    if (!existing) {
      const id = uuid();
      await trx('deployments').insert({
        id,
        ...identity,
        ...fields,
        status: event.status,
      });
      return id;
    }
    // Later events fill in what earlier ones did not know, never erase it.
    await trx('deployments')
      .where({ id: existing.id })
      .update({
        status: mergedStatus(existing.status, event.status),
        owner_ref: fields.owner_ref ?? existing.owner_ref,
        strategy: fields.strategy,
        finished_at: fields.finished_at ?? existing.finished_at,
        commit_sha: fields.commit_sha ?? existing.commit_sha,
        url: fields.url ?? existing.url,
        actor: fields.actor ?? existing.actor,
        steps: fields.steps ?? existing.steps,
      });
    return existing.id;
  }

  /** Fixes each change's lead time at the earliest successful deployment containing it. */
  private async recordLeadTimes(
    trx: Knex.Transaction,
    { event, entityRef, ownerRef }: ResolvedDeploymentEvent,
    deploymentId: string,
  ) {
    if (!event.finishedAt || event.changes.length === 0) return;
    const deployedAt = iso(event.finishedAt);
    const known: Array<{ sha: string; deployed_at: string }> = await trx(
      'deployment_changes',
    )
      .where({ entity_ref: entityRef, environment: event.environment })
      .whereIn(
        'sha',
        event.changes.map(c => c.sha.toLowerCase()),
      )
      .select('sha', 'deployed_at');
    const knownBySha = new Map(known.map(k => [k.sha, k.deployed_at]));
    for (const change of event.changes) {
      const sha = change.sha.toLowerCase();
      const committedAt = iso(change.committedAt);
      const row = {
        committed_at: committedAt,
        deployed_at: deployedAt,
        lead_time_seconds: Math.round(
          (Date.parse(deployedAt) - Date.parse(committedAt)) / 1000,
        ),
        deployment_id: deploymentId,
      };
      const previous = knownBySha.get(sha);
      if (previous === undefined) {
        await trx('deployment_changes').insert({
          entity_ref: entityRef,
          owner_ref: ownerRef ?? null,
          environment: event.environment,
          sha,
          ...row,
        });
        knownBySha.set(sha, deployedAt);
      } else if (deployedAt < previous) {
        await trx('deployment_changes')
          .where({ entity_ref: entityRef, environment: event.environment, sha })
          .update(row);
        knownBySha.set(sha, deployedAt);
      }
    }
  }

  async list(query: DeploymentListQuery): Promise<DeploymentPage> {
    const q = this.knex<DeploymentRow>('deployments')
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1);
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.environment) q.where('environment', query.environment);
    if (query.status) q.where('status', query.status);
    if (query.cursor) {
      const { startedAt, id } = decodeCursor(query.cursor);
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
          ? encodeCursor({ startedAt: last.started_at, id: last.id })
          : undefined,
    };
  }

  async environmentStates(
    entityRef: string,
    environments: string[],
  ): Promise<EnvironmentState[]> {
    const newest = (environment: string, status?: DeploymentStatus) => {
      const q = this.knex<DeploymentRow>('deployments')
        .where({ entity_ref: entityRef, environment })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first();
      return status ? q.where('status', status) : q;
    };
    return Promise.all(
      environments.map(async environment => {
        const [current, latest] = await Promise.all([
          newest(environment, 'succeeded'),
          newest(environment),
        ]);
        return {
          environment,
          current: current ? toDeployment(current) : undefined,
          latest:
            latest && latest.id !== current?.id
              ? toDeployment(latest)
              : undefined,
        };
      }),
    );
  }
}
