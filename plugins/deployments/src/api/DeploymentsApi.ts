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

/** What the Rollback button can do for a service. @public */
export interface RollbackSupport {
  allowed: boolean;
  provider: 'github-actions' | 'webhook' | null;
  /** What to configure when there is no provider. */
  missing: string | null;
}

/** @public */
export interface RollbackResult {
  provider: string;
  environment: string;
  version: string;
  url: string | null;
}

/** Reads the deployments backend. @public */
export interface DeploymentsApi {
  listDeployments(request: DeploymentListRequest): Promise<DeploymentPage>;
  getEnvironmentStates(entityRef: string): Promise<EnvironmentState[]>;
  listEnvironments(): Promise<Environment[]>;
  getDora(request: DoraRequest): Promise<DoraMetrics>;
  getRollbackSupport(entityRef: string): Promise<RollbackSupport>;
  rollback(deploymentId: string, reason: string): Promise<RollbackResult>;
}

/** @public */
export const deploymentsApiRef = createApiRef<DeploymentsApi>().with({
  id: 'plugin.deployments.client',
  pluginId: 'deployments',
});
