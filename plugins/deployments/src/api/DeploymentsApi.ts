import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  DoraMetrics,
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

/** @public */
export interface DoraRequest {
  entityRef?: string;
  owner?: string;
  environment?: string;
  from?: string;
  to?: string;
}

/** Reads the deployments backend. @public */
export interface DeploymentsApi {
  listDeployments(request: DeploymentListRequest): Promise<DeploymentPage>;
  getEnvironmentStates(entityRef: string): Promise<EnvironmentState[]>;
  listEnvironments(): Promise<Environment[]>;
  getDora(request: DoraRequest): Promise<DoraMetrics>;
}

/** @public */
export const deploymentsApiRef = createApiRef<DeploymentsApi>().with({
  id: 'plugin.deployments.client',
  pluginId: 'deployments',
});
