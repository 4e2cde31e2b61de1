import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  DoraScope,
  Failure,
  FailureSource,
} from '@flightdeck/plugin-deployments-node';
import { DailyCounts, DoraReadModel, LeadTimeStats } from './DoraReadModel';

const FAILED = ['failed', 'rolled_back'];

/** Lead time counts and ranked values as the engine returns them. */
interface RankedLeadTimes {
  valid: number | string | null;
  invalid: number | string | null;
  median: number | string | null;
  p90: number | string | null;
}

/**
 * The aggregates behind DORA metrics, computed in SQL over the deployments
 * tables, so that no query reads every row into memory.
 */
export class KnexDoraReadModel implements DoraReadModel, FailureSource {
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

  private changesIn(scope: DoraScope) {
    return this.inScope('deployment_changes', 'deployed_at', scope);
  }

  /**
   * Median and p90 by nearest rank: the values at 0-based ranks
   * floor((n - 1) * 0.5) and floor((n - 1) * 0.9) of the n changes whose lead
   * time is not negative, in ascending order (so the lower middle value for
   * an even count).
   */
  async leadTimes(scope: DoraScope): Promise<LeadTimeStats> {
    const ranked =
      this.knex.client.config.client === 'pg'
        ? await this.rankLeadTimesInOnePass(scope)
        : await this.rankLeadTimesInTwoPasses(scope);
    const seconds = (value: unknown) =>
      value === null || value === undefined ? null : Number(value);
    return {
      // A sum over no rows is null.
      changes: Number(ranked.valid ?? 0),
      excludedChanges: Number(ranked.invalid ?? 0),
      medianSeconds: seconds(ranked.median),
      p90Seconds: seconds(ranked.p90),
    };
  }

  /**
   * PostgreSQL: one scan and one sort, into an array the ranks are read from
   * (1-based). About half the time of counting first and then asking
   * percentile_disc, whose ranks differ from these.
   */
  private async rankLeadTimesInOnePass(
    scope: DoraScope,
  ): Promise<RankedLeadTimes> {
    const sorted = this.changesIn(scope).select(
      this.knex.raw('count(*) filter (where lead_time_seconds >= 0) as valid'),
      this.knex.raw('count(*) filter (where lead_time_seconds < 0) as invalid'),
      this.knex.raw(
        'array_agg(lead_time_seconds order by lead_time_seconds) filter (where lead_time_seconds >= 0) as sorted',
      ),
    );
    const [row] = await this.knex
      .from(sorted.as('changes'))
      .select(
        'valid',
        'invalid',
        this.knex.raw('sorted[(valid - 1) * 5 / 10 + 1] as median'),
        this.knex.raw('sorted[(valid - 1) * 9 / 10 + 1] as p90'),
      );
    return row;
  }

  /** SQLite: the counts, then one sort that numbers the rows. */
  private async rankLeadTimesInTwoPasses(
    scope: DoraScope,
  ): Promise<RankedLeadTimes> {
    const [counts] = await this.changesIn(scope).select(
      this.knex.raw(
        'sum(case when lead_time_seconds >= 0 then 1 else 0 end) as valid',
      ),
      this.knex.raw(
        'sum(case when lead_time_seconds < 0 then 1 else 0 end) as invalid',
      ),
    );
    const n = Number(counts.valid ?? 0);
    if (n === 0) return { ...counts, median: null, p90: null };
    const ranks = [0.5, 0.9].map(fraction => Math.floor((n - 1) * fraction));
    const rows: Array<{ rank: number; lead_time_seconds: number }> =
      await this.knex
        .select('rank', 'lead_time_seconds')
        .from(
          this.changesIn(scope)
            .where('lead_time_seconds', '>=', 0)
            .select(
              'lead_time_seconds',
              this.knex.raw(
                'row_number() over (order by lead_time_seconds) - 1 as rank',
              ),
            )
            .as('ranked'),
        )
        .whereIn('rank', ranks);
    const at = (rank: number) =>
      rows.find(r => Number(r.rank) === rank)?.lead_time_seconds ?? null;
    return { ...counts, median: at(ranks[0]), p90: at(ranks[1]) };
  }

  /**
   * Per day of the window, successful deployments and failed or rolled-back
   * ones. Their sums are the deployment count and the deployments that
   * reached users (the denominator of the change failure rate), so one pass
   * over the window answers all three.
   */
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
