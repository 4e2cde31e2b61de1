import { z } from 'zod';

/** DORA performance levels, best first. @public */
export const DORA_LEVELS = ['elite', 'high', 'medium', 'low'] as const;

/** @public */
export const doraLevelSchema = z.enum(DORA_LEVELS);

/** @public */
export type DoraLevel = z.output<typeof doraLevelSchema>;

const level = doraLevelSchema
  .nullable()
  .describe('null when there is nothing to measure');

/** One bucket of the trend: a day, or a week for long windows. @public */
export const doraSeriesPointSchema = z.object({
  date: z.iso.date().describe('First day of the bucket'),
  deployments: z.number().int(),
  failures: z.number().int(),
});

/** @public */
export type DoraSeriesPoint = z.output<typeof doraSeriesPointSchema>;

/**
 * The four keys for one scope (a service, a team or the organisation) and
 * window. Values are null when there is nothing to measure.
 *
 * @public
 */
export const doraMetricsSchema = z.object({
  scope: z.object({
    entityRef: z.string().optional(),
    owner: z.string().optional(),
    environment: z.string(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  }),
  deploymentFrequency: z.object({
    total: z.number().int(),
    perDay: z.number(),
    level,
  }),
  leadTime: z.object({
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    changes: z.number().int(),
    excludedChanges: z
      .number()
      .int()
      .describe(
        'Changes whose commit time is after their deployment: bad data, left out',
      ),
    level,
  }),
  changeFailureRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('Failed or rolled-back deployments over finished ones'),
  changeFailures: z.object({
    failed: z.number().int(),
    total: z.number().int(),
    level,
  }),
  timeToRestore: z.object({
    medianHours: z.number().nullable(),
    restored: z.number().int(),
    unrestored: z.number().int(),
    level,
  }),
  level: level.describe(
    'The weakest of the four levels that could be measured',
  ),
  series: z.array(doraSeriesPointSchema),
});

/** @public */
export type DoraMetrics = z.output<typeof doraMetricsSchema>;

/** Each team's four keys, for the teams table. @public */
export const doraByOwnerSchema = z.object({
  items: z.array(z.object({ owner: z.string(), metrics: doraMetricsSchema })),
});

/** @public */
export type DoraByOwner = z.output<typeof doraByOwnerSchema>;
