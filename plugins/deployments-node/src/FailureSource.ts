import { DoraScope } from './DoraScope';

/**
 * A change that failed in an environment, and when service was restored.
 *
 * @public
 */
export interface Failure {
  entityRef: string;
  /** The deployment that failed, when the failure is tied to one. */
  deploymentId?: string;
  failedAt: string;
  restoredAt?: string;
}

/**
 * Where the change failures of DORA metrics come from. Deployment outcomes
 * (failed and rolled-back deployments) are always counted; a module adds
 * another source through {@link doraFailureSourcesExtensionPoint}, such as
 * incidents linked to the deployment before them. A deployment two sources
 * flag counts once.
 *
 * @public
 */
export interface FailureSource {
  failures(scope: DoraScope): Promise<Failure[]>;
}
