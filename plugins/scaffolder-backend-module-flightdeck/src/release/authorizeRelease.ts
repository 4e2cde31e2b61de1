import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { deploymentDeployPermission } from '@flightdeck/plugin-deployments-common';
import { ReleaseTargetInput } from './releaseTarget';

/**
 * Releasing a repository named by its name or URL rather than by its
 * service: no owner can be asked, so only the admins hold it.
 *
 * @public
 */
export const releaseRepositoryPermission = createPermission({
  name: 'flightdeck.release.repository',
  attributes: { action: 'update' },
});

/**
 * Throws a NotAllowedError unless the user may release what the input
 * names: a service, when its owners or an admin asks (the permission that
 * deploys it, `deployments.deploy`); a repository by name or URL, when an
 * admin asks. Checked before anything is read from the repository.
 */
export async function authorizeRelease(
  input: ReleaseTargetInput,
  options: {
    permissions: PermissionsService;
    credentials: BackstageCredentials;
  },
): Promise<void> {
  const { permissions, credentials } = options;
  if (input.entityRef) {
    const ref = stringifyEntityRef(
      parseEntityRef(input.entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
    const [decision] = await permissions.authorize(
      [{ permission: deploymentDeployPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${ref} and admins may release it`,
      );
    }
    return;
  }
  const [decision] = await permissions.authorize(
    [{ permission: releaseRepositoryPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      'Only admins may release a repository by its name or URL; name the service with entityRef instead',
    );
  }
}
