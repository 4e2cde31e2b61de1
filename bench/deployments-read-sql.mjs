// The baseline of the read benchmark: what the deployments tab and the DORA
// endpoint answer, written by hand as the plainest SQL that gets it, run
// with knex.raw on the portal's own database.
import { rowsOf } from './deployments-database.mjs';

const hours = seconds =>
  seconds === null ? null : Math.round((seconds / 3600) * 100) / 100;

/** `where` for a DORA scope over `time` (started_at or deployed_at), and its bindings. */
function scopeFilter(scope, time, alias = '') {
  const bindings = [scope.environment, scope.from, scope.to];
  let sql = `${alias}environment = ? and ${alias}${time} >= ? and ${alias}${time} < ?`;
  if (scope.owner) {
    sql += ` and ${alias}owner_ref = ?`;
    bindings.push(scope.owner);
  }
  if (scope.entityRef) {
    sql += ` and ${alias}entity_ref = ?`;
    bindings.push(scope.entityRef);
  }
  return { sql, bindings };
}

/**
 * The values of `values` (a column v) at 0-based ranks floor((n - 1) * p / 100)
 * in ascending order: the nearest-rank percentiles the endpoint reports, with
 * the lower middle value as the median of an even count.
 */
const atRanks = (values, percents) => `
  select i, v from (
    select v, row_number() over (order by v) - 1 as i, count(*) over () as n from ${values}
  ) ranked
  where ${percents.map(p => `i = (n - 1) * ${p} / 100`).join(' or ')}`;

export function sqlBaseline(knex) {
  const postgres = knex.client.config.client === 'pg';
  const seconds = (later, earlier) =>
    postgres
      ? `extract(epoch from ${later}::timestamptz - ${earlier}::timestamptz)`
      : `round((julianday(${later}) - julianday(${earlier})) * 86400)`;

  const raw = async (sql, bindings) => rowsOf(await knex.raw(sql, bindings));

  /** Counts, median and p90 of lead times: one sort either way. */
  const leadTimes = async changed => {
    let figures;
    if (postgres) {
      [figures] = await raw(
        `select changes, excluded,
           sorted[(changes - 1) * 50 / 100 + 1] as median,
           sorted[(changes - 1) * 90 / 100 + 1] as p90
         from (
           select count(*) filter (where lead_time_seconds >= 0) as changes,
             count(*) filter (where lead_time_seconds < 0) as excluded,
             array_agg(lead_time_seconds order by lead_time_seconds)
               filter (where lead_time_seconds >= 0) as sorted
           from deployment_changes where ${changed.sql}
         ) lead_times`,
        changed.bindings,
      );
    } else {
      const [[counts], ranked] = await Promise.all([
        raw(
          `select sum(case when lead_time_seconds >= 0 then 1 else 0 end) as changes,
             sum(case when lead_time_seconds < 0 then 1 else 0 end) as excluded
           from deployment_changes where ${changed.sql}`,
          changed.bindings,
        ),
        raw(
          atRanks(
            `(select lead_time_seconds as v from deployment_changes
              where ${changed.sql} and lead_time_seconds >= 0) valid`,
            [50, 90],
          ),
          changed.bindings,
        ),
      ]);
      const n = Number(counts.changes ?? 0);
      const at = rank => ranked.find(r => Number(r.i) === rank)?.v ?? null;
      figures = {
        ...counts,
        median: at(Math.floor((n - 1) * 0.5)),
        p90: at(Math.floor((n - 1) * 0.9)),
      };
    }
    const orNull = value => (value === null ? null : hours(Number(value)));
    return {
      changes: Number(figures.changes ?? 0),
      excludedChanges: Number(figures.excluded ?? 0),
      medianHours: orNull(figures.median),
      p90Hours: orNull(figures.p90),
    };
  };

  return {
    /** The first page of the tab: 50 rows and one more to know there is a next page. */
    page: entityRef =>
      raw(
        'select * from deployments where entity_ref = ? order by started_at desc, id desc limit 51',
        [entityRef],
      ),

    /** The newest successful and the newest deployment per environment, in one statement. */
    environmentStates: (entityRef, environments) => {
      const parts = [];
      const bindings = [];
      environments.forEach((environment, e) => {
        for (const succeeded of [true, false]) {
          parts.push(
            `select * from (select '${environment}' as env_name, ${
              succeeded ? 1 : 0
            } as current_only, d.* from deployments d
             where d.entity_ref = ? and d.environment = ?${
               succeeded ? " and d.status in ('succeeded', 'removed')" : ''
             }
             order by d.started_at desc, d.id desc limit 1) s${e}${
              succeeded ? 'c' : 'l'
            }`,
          );
          bindings.push(entityRef, environment);
        }
      });
      return raw(parts.join(' union all '), bindings);
    },

    /** The aggregates of GET /dora: counts, daily series, lead time, failures and restore. */
    dora: async scope => {
      const deployed = scopeFilter(scope, 'started_at');
      const changed = scopeFilter(scope, 'deployed_at');
      const failed = scopeFilter(scope, 'started_at', 'd.');
      const [daily, leadTime, [restore]] = await Promise.all([
        raw(
          `select substr(started_at, 1, 10) as day,
             sum(case when status = 'succeeded' then 1 else 0 end) as deployments,
             sum(case when status = 'succeeded' then 0 else 1 end) as failures
           from deployments
           where ${deployed.sql} and status in ('succeeded', 'failed', 'rolled_back')
           group by substr(started_at, 1, 10)
           order by day`,
          deployed.bindings,
        ),
        leadTimes(changed),
        raw(
          `with failures as materialized (
             select coalesce(d.finished_at, d.started_at) as failed_at,
               (select min(n.finished_at) from deployments n
                 where n.entity_ref = d.entity_ref and n.environment = d.environment
                   and n.status = 'succeeded' and n.started_at > d.started_at) as restored_at
             from deployments d
             where ${failed.sql} and d.status in ('failed', 'rolled_back')
           ),
           restores as (
             select ${seconds(
               'restored_at',
               'failed_at',
             )} as v from failures where restored_at is not null
           )
           select (select count(*) from failures) as failed,
             (select count(*) from restores) as restored,
             (select v from (${atRanks('restores', [
               50,
             ])}) median) as median_seconds`,
          failed.bindings,
        ),
      ]);
      const series = daily.map(d => ({
        date: d.day,
        deployments: Number(d.deployments),
        failures: Number(d.failures),
      }));
      const successes = series.reduce((sum, d) => sum + d.deployments, 0);
      const failures = series.reduce((sum, d) => sum + d.failures, 0);
      return {
        deployments: successes,
        reachedUsers: successes + failures,
        leadTime,
        failed: Number(restore.failed),
        restored: Number(restore.restored),
        restoreMedianHours:
          restore.median_seconds === null
            ? null
            : hours(Number(restore.median_seconds)),
        series,
      };
    },
  };
}
