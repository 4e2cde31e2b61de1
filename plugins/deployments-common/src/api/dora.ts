/** DORA performance levels, best first. @public */
export const DORA_LEVELS = ['elite', 'high', 'medium', 'low'] as const;

/** @public */
export type DoraLevel = (typeof DORA_LEVELS)[number];

/** One bucket of the trend: a day, or a week for long windows. @public */
export interface DoraSeriesPoint {
  /** First day of the bucket, YYYY-MM-DD. */
  date: string;
  deployments: number;
  failures: number;
}

/**
 * The four keys for one scope (a service, a team or the organisation) and
 * window. Values are null when there is nothing to measure.
 *
 * @public
 */
export interface DoraMetrics {
  scope: {
    entityRef?: string;
    owner?: string;
    environment: string;
    from: string;
    to: string;
  };
  deploymentFrequency: {
    total: number;
    perDay: number;
    level: DoraLevel | null;
  };
  leadTime: {
    medianHours: number | null;
    p90Hours: number | null;
    changes: number;
    /** Changes whose commit time is after their deployment: bad data, left out. */
    excludedChanges: number;
    level: DoraLevel | null;
  };
  /** Failed or rolled-back deployments over finished ones, 0 to 1. */
  changeFailureRate: number | null;
  changeFailures: { failed: number; total: number; level: DoraLevel | null };
  timeToRestore: {
    medianHours: number | null;
    restored: number;
    unrestored: number;
    level: DoraLevel | null;
  };
  /** The weakest of the four levels that could be measured. */
  level: DoraLevel | null;
  series: DoraSeriesPoint[];
}
