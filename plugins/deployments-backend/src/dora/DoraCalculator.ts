import {
  DoraMetrics,
  DoraSeriesPoint,
} from '@flightdeck/plugin-deployments-common';
import {
  DoraScope,
  Failure,
  FailureSource,
} from '@flightdeck/plugin-deployments-node';
import { DailyCounts, DoraReadModel } from './DoraReadModel';
import {
  changeFailureRateLevel,
  deploymentFrequencyLevel,
  leadTimeLevel,
  overallLevel,
  timeToRestoreLevel,
} from './levels';

const DAY_MS = 24 * 3600 * 1000;
const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 100) / 100;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Days of the window, with weeks (starting on the window's first day) past two months. */
export function buildSeries(
  scope: DoraScope,
  daily: DailyCounts[],
): DoraSeriesPoint[] {
  const byDate = new Map(daily.map(d => [d.date, d]));
  const start = Date.parse(scope.from.slice(0, 10));
  const end = Date.parse(scope.to);
  const days = Math.max(1, Math.ceil((end - start) / DAY_MS));
  const bucketDays = days > 62 ? 7 : 1;
  const series: DoraSeriesPoint[] = [];
  for (let offset = 0; offset < days; offset += bucketDays) {
    const point = {
      date: new Date(start + offset * DAY_MS).toISOString().slice(0, 10),
      deployments: 0,
      failures: 0,
    };
    for (let d = offset; d < Math.min(offset + bucketDays, days); d++) {
      const counts = byDate.get(
        new Date(start + d * DAY_MS).toISOString().slice(0, 10),
      );
      point.deployments += counts?.deployments ?? 0;
      point.failures += counts?.failures ?? 0;
    }
    series.push(point);
  }
  return series;
}

/**
 * Computes the four keys. Failures come from every registered source
 * (deployment outcomes, and what modules add through the extension point);
 * a deployment flagged by two sources counts once.
 */
export class DoraCalculator {
  constructor(
    private readonly readModel: DoraReadModel,
    private readonly failureSources: readonly FailureSource[],
  ) {}

  async compute(scope: DoraScope): Promise<DoraMetrics> {
    const [leadTimes, daily, failureLists] = await Promise.all([
      this.readModel.leadTimes(scope),
      this.readModel.dailyCounts(scope),
      Promise.all(this.failureSources.map(source => source.failures(scope))),
    ]);
    let successes = 0;
    let reachedUsers = 0;
    for (const day of daily) {
      successes += day.deployments;
      reachedUsers += day.deployments + day.failures;
    }
    const failures = dedupe(failureLists.flat());

    const days = (Date.parse(scope.to) - Date.parse(scope.from)) / DAY_MS;
    const perDay = Math.round((successes / days) * 1000) / 1000;
    const failedDeployments = new Set(
      failures.filter(f => f.deploymentId).map(f => f.deploymentId),
    ).size;
    const rate =
      reachedUsers === 0 ? null : Math.min(1, failedDeployments / reachedUsers);
    const restoreHours = failures
      .filter(f => f.restoredAt)
      .map(
        f => (Date.parse(f.restoredAt!) - Date.parse(f.failedAt)) / 3600_000,
      );

    const leadMedian = hours(leadTimes.medianSeconds);
    const restoreMedian = median(restoreHours);
    const levels = {
      deploymentFrequency: deploymentFrequencyLevel(perDay, successes),
      leadTime: leadTimeLevel(leadMedian),
      changeFailureRate: changeFailureRateLevel(rate),
      timeToRestore: timeToRestoreLevel(restoreMedian),
    };
    return {
      scope,
      deploymentFrequency: {
        total: successes,
        perDay,
        level: levels.deploymentFrequency,
      },
      leadTime: {
        medianHours: leadMedian,
        p90Hours: hours(leadTimes.p90Seconds),
        changes: leadTimes.changes,
        excludedChanges: leadTimes.excludedChanges,
        level: levels.leadTime,
      },
      changeFailureRate: rate === null ? null : Math.round(rate * 1000) / 1000,
      changeFailures: {
        failed: failedDeployments,
        total: reachedUsers,
        level: levels.changeFailureRate,
      },
      timeToRestore: {
        medianHours:
          restoreMedian === null ? null : Math.round(restoreMedian * 100) / 100,
        restored: restoreHours.length,
        unrestored: failures.length - restoreHours.length,
        level: levels.timeToRestore,
      },
      level: overallLevel(Object.values(levels)),
      series: buildSeries(scope, daily),
    };
  }
}

function dedupe(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter(f => {
    const key = f.deploymentId ?? `${f.entityRef}@${f.failedAt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
