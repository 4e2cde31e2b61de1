/**
 * Flightdeck's permission policy as a module of the permission backend.
 *
 * @packageDocumentation
 */
export { permissionModulePolicy as default } from './module';
export { FlightdeckPermissionPolicy } from './FlightdeckPermissionPolicy';
export {
  readPolicySettings,
  DEFAULT_SELF_SERVICE_PERMISSIONS,
  type PolicySettings,
} from './PolicySettings';
