import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DeploymentPage,
  DeploymentStatus,
  Environment,
  EnvironmentState,
} from '@flightdeck/plugin-deployments-common';

/** @public */
export interface DeploymentListRequest {
  entityRef?: string;
  environment?: string;
  status?: DeploymentStatus;
  limit?: number;
  cursor?: string;
}

/** Reads the deployments backend. @public */
export interface DeploymentsApi {
  listDeployments(request: DeploymentListRequest): Promise<DeploymentPage>;
  getEnvironmentStates(entityRef: string): Promise<EnvironmentState[]>;
  listEnvironments(): Promise<Environment[]>;
}

/** @public */
export const deploymentsApiRef = createApiRef<DeploymentsApi>().with({
  id: 'plugin.deployments.client',
  pluginId: 'deployments',
});
