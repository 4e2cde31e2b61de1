import { z } from 'zod';

/**
 * Where a deployment stands. `removed` records that the service was taken
 * out of the environment: nothing of it runs there afterwards.
 *
 * @public
 */
export const DEPLOYMENT_STATUSES = [
  'started',
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
  'removed',
] as const;

/** @public */
export const deploymentStatusSchema = z.enum(DEPLOYMENT_STATUSES);

/** @public */
export type DeploymentStatus = z.output<typeof deploymentStatusSchema>;

/** Statuses after which a deployment no longer changes. @public */
export const FINISHED_STATUSES: readonly DeploymentStatus[] = [
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
  'removed',
];

/** @public */
export const DEPLOYMENT_STRATEGIES = [
  'rolling',
  'blue-green',
  'canary',
  'recreate',
] as const;

/** @public */
export const deploymentStrategySchema = z.enum(DEPLOYMENT_STRATEGIES);

/** @public */
export type DeploymentStrategy = z.output<typeof deploymentStrategySchema>;

/** @public */
export const STEP_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
] as const;

/** One step of a progressive rollout, such as "canary at 10%". @public */
export const deploymentStepSchema = z.object({
  name: z.string().min(1).max(128),
  weight: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('Share of traffic on the new version during this step, 0 to 100'),
  status: z.enum(STEP_STATUSES),
});

/** @public */
export type DeploymentStep = z.output<typeof deploymentStepSchema>;

/** A deployment as the API answers it. @public */
export const deploymentSchema = z.object({
  id: z.string(),
  entityRef: z.string(),
  environment: z.string(),
  version: z.string(),
  status: deploymentStatusSchema,
  strategy: deploymentStrategySchema,
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  durationSeconds: z.number().int().optional(),
  commitSha: z.string().optional(),
  url: z.string().optional(),
  actor: z
    .string()
    .optional()
    .describe('Who started it: the first report that names someone'),
  steps: z.array(deploymentStepSchema),
});

/** @public */
export type Deployment = z.output<typeof deploymentSchema>;

/** A page of deployments, newest first. @public */
export const deploymentPageSchema = z.object({
  items: z.array(deploymentSchema),
  nextCursor: z
    .string()
    .optional()
    .describe('Pass as cursor for the next page; absent on the last page'),
});

/** @public */
export type DeploymentPage = z.output<typeof deploymentPageSchema>;

/** A service in one environment: what runs there and what happened last. @public */
export const environmentStateSchema = z.object({
  environment: z.string(),
  current: deploymentSchema
    .optional()
    .describe(
      'The version running now: the latest successful deployment, unless the service was removed from the environment after it',
    ),
  latest: deploymentSchema
    .optional()
    .describe(
      'The most recent deployment, when it is not the current one (running or failed)',
    ),
});

/** @public */
export type EnvironmentState = z.output<typeof environmentStateSchema>;
