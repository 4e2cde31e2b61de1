import { createApiRef } from '@backstage/frontend-plugin-api';
import { Environment } from '@flightdeck/api-common';
import {
  ActionSupport,
  DeploymentListQuery,
  DeploymentPage,
  DoraByOwner,
  DoraByOwnerQuery,
  DoraMetrics,
  DoraQuery,
  EnvironmentState,
  RollbackAnswer,
} from '@flightdeck/plugin-deployments-common';

/** Query of `GET /deployments`. @public */
export type DeploymentListRequest = DeploymentListQuery;

/** Query of `GET /dora`. @public */
export type DoraRequest = DoraQuery;

/** What the Rollback button can do for a service. @public */
export type RollbackSupport = ActionSupport;

/** What a rollback request started. @public */
export type RollbackResult = RollbackAnswer;

/** The deployments backend, as the frontend uses it. @public */
export interface DeploymentsApi {
  listDeployments(request: DeploymentListRequest): Promise<DeploymentPage>;
  getEnvironmentStates(entityRef: string): Promise<EnvironmentState[]>;
  listEnvironments(): Promise<Environment[]>;
  getDora(request: DoraRequest): Promise<DoraMetrics>;
  /** Several teams' metrics over one window, in one request. */
  getDoraByOwner(request: DoraByOwnerQuery): Promise<DoraByOwner['items']>;
  getRollbackSupport(entityRef: string): Promise<RollbackSupport>;
  rollback(deploymentId: string, reason: string): Promise<RollbackResult>;
}

/** @public */
export const deploymentsApiRef = createApiRef<DeploymentsApi>().with({
  id: 'plugin.deployments.client',
  pluginId: 'deployments',
});
