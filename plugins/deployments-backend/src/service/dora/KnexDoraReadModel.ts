import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DoraScope } from './DoraScope';
import { Failure, FailureSource } from './FailureSource';

export interface LeadTimeStats {
  changes: number;
  excludedChanges: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface DailyCounts {
  date: string;
  deployments: number;
  failures: number;
}

const FAILED = ['failed', 'rolled_back'];

/**
 * The aggregates behind DORA metrics, computed in SQL over the deployments
 * tables, so that no query reads every row into memory.
 */
export class KnexDoraReadModel implements FailureSource {
  static async create(database: DatabaseService): Promise<KnexDoraReadModel> {
    return new KnexDoraReadModel(await database.getClient());
  }

  constructor(private readonly knex: Knex) {}

  /** Rows of `table` in the scope, windowed on `timeColumn`. */
  private inScope(
    table: string,
    timeColumn: string,
    scope: DoraScope,
    alias = table,
  ) {
    const q = this.knex(alias === table ? table : `${table} as ${alias}`)
      .where(`${alias}.environment`, scope.environment)
      .where(`${alias}.${timeColumn}`, '>=', scope.from)
      .where(`${alias}.${timeColumn}`, '<', scope.to);
    if (scope.entityRef) q.where(`${alias}.entity_ref`, scope.entityRef);
    if (scope.owner) q.where(`${alias}.owner_ref`, scope.owner);
    return q;
  }

  private deploymentsIn(scope: DoraScope) {
    return this.inScope('deployments', 'started_at', scope);
  }

  async successfulDeployments(scope: DoraScope): Promise<number> {
    const [row] = await this.deploymentsIn(scope)
      .where('status', 'succeeded')
      .count({ n: '*' });
    return Number(row.n);
  }

  /**
   * Deployments that reached users (succeeded, failed or rolled back): the
   * denominator of the change failure rate. Failures themselves come from
   * the failure sources.
   */
  async deploymentsReachingUsers(scope: DoraScope): Promise<number> {
    const [row] = await this.deploymentsIn(scope)
      .whereIn('status', ['succeeded', ...FAILED])
      .count({ n: '*' });
    return Number(row.n);
  }

  /** Median and p90 by nearest rank (the lower middle value for an even count). */
  async leadTimes(scope: DoraScope): Promise<LeadTimeStats> {
    const changes = () =>
      this.inScope('deployment_changes', 'deployed_at', scope);
    const [valid] = await changes()
      .where('lead_time_seconds', '>=', 0)
      .count({ n: '*' });
    const [invalid] = await changes()
      .where('lead_time_seconds', '<', 0)
      .count({ n: '*' });
    const n = Number(valid.n);
    const at = async (fraction: number) => {
      if (n === 0) return null;
      const row = await changes()
        .where('lead_time_seconds', '>=', 0)
        .orderBy('lead_time_seconds', 'asc')
        .offset(Math.floor((n - 1) * fraction))
        .first('lead_time_seconds');
      return Number(row.lead_time_seconds);
    };
    return {
      changes: n,
      excludedChanges: Number(invalid.n),
      medianSeconds: await at(0.5),
      p90Seconds: await at(0.9),
    };
  }

  async dailyCounts(scope: DoraScope): Promise<DailyCounts[]> {
    const day = this.knex.raw('substr(started_at, 1, 10)');
    const rows: Array<{
      date: string;
      deployments: string | number;
      failures: string | number;
    }> = await this.deploymentsIn(scope)
      .whereIn('status', ['succeeded', ...FAILED])
      .select({ date: day })
      .select(
        this.knex.raw(
          "sum(case when status = 'succeeded' then 1 else 0 end) as deployments",
        ),
        this.knex.raw(
          "sum(case when status in ('failed', 'rolled_back') then 1 else 0 end) as failures",
        ),
      )
      .groupBy(day)
      .orderBy('date');
    return rows.map(r => ({
      date: r.date,
      deployments: Number(r.deployments),
      failures: Number(r.failures),
    }));
  }

  /**
   * Failed and rolled-back deployments in the window, each restored by the
   * next successful deployment of the same service to the same environment,
   * whenever that happened.
   */
  async failures(scope: DoraScope): Promise<Failure[]> {
    const restoredAt = this.knex('deployments as next')
      .whereRaw('next.entity_ref = d.entity_ref')
      .whereRaw('next.environment = d.environment')
      .where('next.status', 'succeeded')
      .whereRaw('next.started_at > d.started_at')
      .min('next.finished_at');
    const rows: Array<{
      id: string;
      entity_ref: string;
      started_at: string;
      finished_at: string | null;
      restored_at: string | null;
    }> = await this.inScope('deployments', 'started_at', scope, 'd')
      .whereIn('d.status', FAILED)
      .select('d.id', 'd.entity_ref', 'd.finished_at', 'd.started_at')
      .select({ restored_at: restoredAt });
    return rows.map(r => ({
      entityRef: r.entity_ref,
      deploymentId: r.id,
      failedAt: r.finished_at ?? r.started_at,
      restoredAt: r.restored_at ?? undefined,
    }));
  }
}
