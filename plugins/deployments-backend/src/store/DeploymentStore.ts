import {
  Deployment,
  DeploymentEvent,
  DeploymentPage,
  DeploymentStatus,
  DeploymentStrategy,
  EnvironmentState,
} from '@flightdeck/plugin-deployments-common';

/** An event whose service has been resolved against the catalog. */
export interface ResolvedDeploymentEvent {
  event: DeploymentEvent;
  entityRef: string;
  ownerRef?: string;
  /**
   * The webhook the event came through (`github`), absent for Flightdeck's
   * own API. Each source's idempotency keys are its own: a key derived from a
   * source's predictable ids cannot be claimed first by another sender.
   */
  source?: string;
  /**
   * When the source made this report, if it says (GitHub's
   * `deployment_status.created_at`). A report older than the one a
   * deployment's status came from does not replace that status.
   */
  reportedAt?: string;
}

/** What happened to one event of a batch. */
export interface RecordOutcome {
  idempotencyKey: string;
  /** The deployment the event belongs to; absent for duplicates. */
  deploymentId?: string;
  duplicate: boolean;
}

export interface DeploymentListQuery {
  entityRef?: string;
  /** The owning group, as recorded when the deployment was ingested. */
  owner?: string;
  environment?: string;
  status?: DeploymentStatus;
  limit: number;
  cursor?: string;
}

/**
 * The newest deployment that settled what runs in an environment: a
 * successful one (its version runs) or a removal (nothing runs).
 */
export interface SettledDeployment {
  deploymentKey: string;
  version: string;
  status: 'succeeded' | 'removed';
  strategy: DeploymentStrategy;
  startedAt: string;
  finishedAt?: string;
}

/** Storage of deployments, behind which the database lives. */
export interface DeploymentStore {
  /**
   * Records a batch in one transaction: each event once (by idempotency key),
   * merged into the deployment it belongs to.
   */
  record(events: ResolvedDeploymentEvent[]): Promise<RecordOutcome[]>;
  get(id: string): Promise<Deployment | undefined>;
  /** The deployment its events call `deploymentId` (the deployment key). */
  getByKey(
    entityRef: string,
    environment: string,
    deploymentKey: string,
  ): Promise<Deployment | undefined>;
  /** Deployments newest first, one page at a time. */
  list(query: DeploymentListQuery): Promise<DeploymentPage>;
  /** What runs in each environment, and the most recent attempt there. */
  environmentStates(
    entityRef: string,
    environments: string[],
  ): Promise<EnvironmentState[]>;
  latestSettled(
    entityRef: string,
    environment: string,
  ): Promise<SettledDeployment | undefined>;
}
