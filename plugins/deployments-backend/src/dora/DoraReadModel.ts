import { DoraScope } from '@flightdeck/plugin-deployments-node';

/** Lead time counts and ranks of the changes in a scope. */
export interface LeadTimeStats {
  changes: number;
  excludedChanges: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Successful and failed deployments of one day. */
export interface DailyCounts {
  date: string;
  deployments: number;
  failures: number;
}

/** The aggregates DORA metrics are computed from, each in one query. */
export interface DoraReadModel {
  leadTimes(scope: DoraScope): Promise<LeadTimeStats>;
  dailyCounts(scope: DoraScope): Promise<DailyCounts[]>;
}
