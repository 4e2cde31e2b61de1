/**
 * Flightdeck's deployments frontend plugin.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export {
  deploymentsApiRef,
  type DeploymentsApi,
  type DeploymentListRequest,
} from './api/DeploymentsApi';
export { DeploymentsClient } from './api/DeploymentsClient';
