/**
 * The deployments API, described once (zod schemas and the endpoint
 * contract), and the permissions, shared by Flightdeck's deployments
 * frontend, backend, node library and the report CLI.
 *
 * @packageDocumentation
 */
export * from './api/deployment';
export * from './api/deploymentEvent';
export * from './api/cdevent';
export * from './api/deploy';
export * from './api/dora';
export * from './api/queries';
export { deploymentsApi } from './api/deploymentsApi';
export * from './permissions';
