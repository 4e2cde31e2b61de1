import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  ApiJsonAnswer,
  ApiQuery,
  DoraMetrics,
  DeploymentPage,
  Environment,
  EnvironmentState,
} from '@flightdeck/plugin-deployments-common';

/** Query of `GET /deployments`, as openapi.yaml describes it. @public */
export type DeploymentListRequest = ApiQuery<'ListDeployments'>;

/** Query of `GET /dora`. @public */
export type DoraRequest = ApiQuery<'GetDoraMetrics'>;

/** What the Rollback button can do for a service. @public */
export type RollbackSupport = ApiJsonAnswer<'GetRollbackSupport', 200>;

/** What a rollback request started. @public */
export type RollbackResult = ApiJsonAnswer<'RollbackToDeployment', 202>;

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
