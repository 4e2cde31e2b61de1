import { Entity } from '@backstage/catalog-model';
import { DeployProviderId } from '@flightdeck/plugin-deployments-common';

/**
 * What Flightdeck asks a CD system to do: put `version` of the service in
 * `environment`. A release deploys a new version; a rollback an earlier one.
 */
export interface DeployRequest {
  entity: Entity;
  action: 'deploy' | 'rollback';
  environment: string;
  version: string;
  /**
   * deploy: the id the CD system reports the deployment under, so that its
   * events land on the deployment Flightdeck recorded as started.
   * rollback: the id of the earlier deployment being brought back.
   */
  deploymentId: string;
  reason: string;
  requestedBy: string;
}

/**
 * A CD system Flightdeck can ask to deploy a version. `trigger` throws when
 * the system cannot be reached, or with a numeric `status` when it answered
 * with a failure.
 */
export interface DeployProvider {
  readonly id: DeployProviderId;
  trigger(request: DeployRequest): Promise<{ url?: string }>;
}

/**
 * The provider a service uses; or what to configure to get one; or why its
 * annotations may not be acted on.
 */
export type DeployProviderChoice =
  | { provider: DeployProvider; missing?: undefined; refused?: undefined }
  | { provider?: undefined; missing: string; refused?: undefined }
  | { provider?: undefined; missing?: undefined; refused: string };
