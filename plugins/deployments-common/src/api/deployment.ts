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
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

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
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/** @public */
export const STEP_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
] as const;

/** One step of a progressive rollout, such as "canary at 10%". @public */
export interface DeploymentStep {
  name: string;
  /** Share of traffic on the new version during this step, 0 to 100. */
  weight?: number;
  status: (typeof STEP_STATUSES)[number];
}

/** A deployment as the API returns it. @public */
export interface Deployment {
  id: string;
  entityRef: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  strategy: DeploymentStrategy;
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  commitSha?: string;
  url?: string;
  actor?: string;
  steps: DeploymentStep[];
}

/** A page of deployments, newest first. @public */
export interface DeploymentPage {
  items: Deployment[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** An environment from `flightdeck.environments`, in promotion order. @public */
export interface Environment {
  name: string;
  production: boolean;
}

/** A service in one environment: what runs there and what happened last. @public */
export interface EnvironmentState {
  environment: string;
  /**
   * The version running now: the latest successful deployment, unless the
   * service was removed from the environment after it.
   */
  current?: Deployment;
  /** The most recent deployment, when it is not the current one (running or failed). */
  latest?: Deployment;
}
