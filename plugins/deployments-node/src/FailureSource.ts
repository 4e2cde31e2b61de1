import { DoraScope } from './DoraScope';

/** A change that failed in production, and when service was restored. */
export interface Failure {
  entityRef: string;
  /** The deployment that failed, when the failure is tied to one. */
  deploymentId?: string;
  failedAt: string;
  restoredAt?: string;
}

/**
 * Where failures come from. Deployment outcomes are the first source; the
 * incidents plugin adds a second one (an incident linked to the deployment
 * before it) without changing how the metrics are computed.
 */
export interface FailureSource {
  failures(scope: DoraScope): Promise<Failure[]>;
}
