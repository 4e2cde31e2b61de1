import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Rolling a service back to an earlier deployment. A resource permission on
 * the service's catalog entity, so that its owners and the admins hold it.
 *
 * @public
 */
export const deploymentRollbackPermission = createPermission({
  name: 'deployments.rollback',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Deploying a version of a service from Flightdeck, as a release does. Held,
 * like rollback, by the service's owners and the admins.
 *
 * @public
 */
export const deploymentDeployPermission = createPermission({
  name: 'deployments.deploy',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const deploymentsPermissions = [
  deploymentRollbackPermission,
  deploymentDeployPermission,
];
