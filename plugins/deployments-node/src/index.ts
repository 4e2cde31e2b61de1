/**
 * What other backend plugins use of Flightdeck's deployments: the
 * deployments service (its API with Backstage credentials) and the
 * extension point through which modules add change failures to DORA.
 *
 * @packageDocumentation
 */
export type { DoraScope } from './DoraScope';
export type { Failure, FailureSource } from './FailureSource';
export {
  doraFailureSourcesExtensionPoint,
  type DoraFailureSourcesExtensionPoint,
} from './extensions';
export type {
  DeploymentsService,
  DeploymentsCallOptions,
} from './DeploymentsService';
export { DefaultDeploymentsService } from './DefaultDeploymentsService';
export { deploymentsServiceRef } from './deploymentsServiceRef';
