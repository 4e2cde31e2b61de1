import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { codeRepositoryName, RepositoryTrust } from '@flightdeck/ingest-node';
import { deploymentDeployPermission } from '@flightdeck/plugin-deployments-common';
import { entitiesInLocalRepository } from '../catalog/entitiesInLocalRepository';
import { releaseRepositoryPermission } from '../release/authorizeRelease';
import { LocalGitHost } from './LocalGitHost';

/** How many owners' entities a refusal names. */
const NAMED = 5;

/**
 * Throws a NotAllowedError unless the user may push a branch to repository
 * `name` of the local git host: the admins may (they may release any
 * repository, `flightdeck.release.repository`), and so may whoever may
 * release one of the entities whose code it holds and whose claim on it is
 * trusted (`deployments.deploy` on that entity: its owners). A branch of a
 * repository is as good as its catalog file for RepositoryTrust, so nobody
 * else may write one. Checked before anything is read from the repository.
 */
export async function authorizeBranchPush(
  name: string,
  options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    trust: RepositoryTrust;
    localGitHost: LocalGitHost;
    credentials: BackstageCredentials;
  },
): Promise<void> {
  const { permissions, trust, credentials } = options;
  const repository = { host: 'local', name } as const;
  const trusted = (await entitiesInLocalRepository(name, options))
    .filter(entity => trust.verdict(entity, { repository }).trusted)
    .map(entity => stringifyEntityRef(entity));
  const requests: AuthorizePermissionRequest[] = [
    { permission: releaseRepositoryPermission },
    ...trusted.map(resourceRef => ({
      permission: deploymentDeployPermission,
      resourceRef,
    })),
  ];
  const decisions = await permissions.authorize(requests, { credentials });
  if (decisions.some(d => d.result === AuthorizeResult.ALLOW)) return;

  const target = codeRepositoryName(repository);
  if (!trusted.length) {
    throw new NotAllowedError(
      `Only admins may push a branch to ${target}: no entity of the catalog that may act on it (see flightdeck.trust) holds its code`,
    );
  }
  throw new NotAllowedError(
    `Only admins and the owners of ${listed(
      trusted,
    )} may push a branch to ${target}`,
  );
}

function listed(refs: string[]): string {
  const named = refs.slice(0, NAMED);
  const rest = refs.length - named.length;
  const last = rest ? `${rest} more` : named.pop()!;
  return named.length ? `${named.join(', ')} and ${last}` : last;
}
