import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  deploymentDeployPermission,
  deploymentRollbackPermission,
  deploymentsPermissions,
} from './permissions';

describe('deployments permissions', () => {
  it('are resource permissions on the service, so its owners can hold them', () => {
    for (const permission of deploymentsPermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
      expect(permission.attributes.action).toBe('update');
    }
  });

  it('keep the names the policy and the audit log refer to', () => {
    expect(deploymentsPermissions.map(p => p.name)).toEqual([
      'deployments.rollback',
      'deployments.deploy',
    ]);
    expect(deploymentRollbackPermission).not.toBe(deploymentDeployPermission);
  });
});
