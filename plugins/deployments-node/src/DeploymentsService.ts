import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ActionSupport,
  DeployAnswer,
  Deployment,
  DeploymentListQuery,
  DeploymentPage,
  DeployRequest,
} from '@flightdeck/plugin-deployments-common';

/** Whose call it is: a user's, passed on, or else the calling plugin's own. @public */
export interface DeploymentsCallOptions {
  /** The user the call is made for; the deployments plugin checks their permissions. */
  onBehalfOf?: BackstageCredentials;
  signal?: AbortSignal;
}

/**
 * The deployments plugin's API as other backend plugins use it, over HTTP
 * with Backstage credentials: the scaffolder deploys releases through it,
 * later features read deployments through it. No plugin reads the
 * deployments tables.
 *
 * @public
 */
export interface DeploymentsService {
  /** Deploys a version through the service's provider; a user's call only. */
  deploy(
    request: DeployRequest,
    options: DeploymentsCallOptions & { onBehalfOf: BackstageCredentials },
  ): Promise<DeployAnswer>;
  /** Whether the user may deploy the service, and through which provider. */
  getDeploySupport(
    entityRef: string,
    options: DeploymentsCallOptions & { onBehalfOf: BackstageCredentials },
  ): Promise<ActionSupport>;
  getDeployment(
    id: string,
    options?: DeploymentsCallOptions,
  ): Promise<Deployment>;
  listDeployments(
    query: DeploymentListQuery,
    options?: DeploymentsCallOptions,
  ): Promise<DeploymentPage>;
}
