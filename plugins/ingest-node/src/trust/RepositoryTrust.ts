import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { administratorLocationsOf } from './administratorLocations';
import {
  CodeRepository,
  codeRepositoryName,
  parseCodeRepository,
  sameCodeRepository,
} from './CodeRepository';
import { RepositoryHosts, repositoryOfLocation } from './locationRepository';

/**
 * What an entity's annotations say the portal may do in a repository on its
 * behalf: act on it at all, and for deploys, dispatch which workflow on
 * which ref.
 *
 * @public
 */
export interface RepositoryClaim {
  repository: CodeRepository;
  workflow?: string;
  ref?: string;
}

/** Whether a claim is trusted, and if not, why, in words for the user. @public */
export type ClaimVerdict =
  | { trusted: true; reason?: undefined }
  | { trusted: false; reason: string };

/** One entry of `flightdeck.trust.repositories`. */
interface Grant {
  repository: CodeRepository;
  entityRefs: Set<string>;
  workflows?: string[];
  refs?: string[];
}

/**
 * Decides whether an entity's claim on a repository may be acted on. Anyone
 * may register an entity and annotate it with any repository, so a claim is
 * trusted only when the entity was ingested from an administrator's location
 * (`catalog.locations`, `flightdeck.trust.locations`), when its catalog file
 * lies in that very repository (so its writers vouch for it), or when
 * `flightdeck.trust.repositories` grants it.
 *
 * @public
 */
export class RepositoryTrust {
  static fromConfig(config: Config): RepositoryTrust {
    const baseUrl =
      config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007';
    const githubHosts = (
      config.getOptionalConfigArray('integrations.github') ?? []
    ).map(integration => integration.getString('host'));
    return new RepositoryTrust(
      administratorLocationsOf(config),
      {
        githubHosts: [...new Set(['github.com', ...githubHosts])],
        localGitUrlPrefix: `${baseUrl.replace(/\/+$/, '')}/api/local-git/`,
      },
      (
        config.getOptionalConfigArray('flightdeck.trust.repositories') ?? []
      ).map(readGrant),
    );
  }

  constructor(
    private readonly administratorLocations: ReadonlySet<string>,
    private readonly hosts: RepositoryHosts,
    private readonly grants: readonly Grant[],
  ) {}

  verdict(entity: Entity, claim: RepositoryClaim): ClaimVerdict {
    const annotations = entity.metadata.annotations ?? {};
    const origin = annotations[ANNOTATION_ORIGIN_LOCATION];
    const location = annotations[ANNOTATION_LOCATION];
    const home = location
      ? repositoryOfLocation(location, this.hosts)
      : undefined;
    if (
      origin &&
      this.administratorLocations.has(origin) &&
      this.readFromAdministrators(origin, location, home)
    ) {
      return { trusted: true };
    }
    if (home && sameCodeRepository(home, claim.repository)) {
      return { trusted: true };
    }

    const ref = stringifyEntityRef(entity);
    const repository = codeRepositoryName(claim.repository);
    const grants = this.grants.filter(
      grant =>
        sameCodeRepository(grant.repository, claim.repository) &&
        grant.entityRefs.has(ref.toLowerCase()),
    );
    if (grants.some(grant => covers(grant, claim))) {
      return { trusted: true };
    }
    if (grants.length) {
      return {
        trusted: false,
        reason: `flightdeck.trust.repositories grants ${ref} ${repository} only with the workflows and refs it lists, not ${describe(
          claim,
        )}`,
      };
    }
    const registered =
      origin && location && location !== origin
        ? `${origin} (read from ${location})`
        : origin ?? location ?? 'an unknown location';
    return {
      trusted: false,
      reason: `${ref} may not act on ${repository}: it was registered from ${registered}, which is neither an administrator location nor inside ${repository}; an administrator can grant it in flightdeck.trust.repositories`,
    };
  }

  /**
   * Whether an entity of an administrator origin was read from a file the
   * administrators wrote too: the origin itself, a file on the portal's disk,
   * or a file of the origin's repository. The catalog passes the origin on
   * through every Location it leads to, teams' own repositories included.
   */
  private readFromAdministrators(
    origin: string,
    location: string | undefined,
    home: CodeRepository | undefined,
  ): boolean {
    if (!location || location === origin || location.startsWith('file:')) {
      return true;
    }
    const originHome = repositoryOfLocation(origin, this.hosts);
    return !!originHome && !!home && sameCodeRepository(originHome, home);
  }

  /** Throws a NotAllowedError saying why, unless the claim is trusted. */
  assertTrusted(entity: Entity, claim: RepositoryClaim): void {
    const { reason } = this.verdict(entity, claim);
    if (reason) throw new NotAllowedError(reason);
  }
}

function covers(grant: Grant, claim: RepositoryClaim): boolean {
  // A release names no workflow or ref; the lists restrict deploys only.
  const allows = (listed: string[] | undefined, value: string | undefined) =>
    !listed || value === undefined || listed.includes(value);
  return (
    allows(grant.workflows, claim.workflow) && allows(grant.refs, claim.ref)
  );
}

function describe(claim: RepositoryClaim): string {
  return [
    claim.workflow && `the workflow ${claim.workflow}`,
    claim.ref && `the ref ${claim.ref}`,
  ]
    .filter(Boolean)
    .join(' on ');
}

function readGrant(grant: Config): Grant {
  const repository = parseCodeRepository(grant.getString('repository'));
  if (!repository) {
    throw new Error(
      `flightdeck.trust.repositories: '${grant.getString(
        'repository',
      )}' is not a repository; write owner/repo, host/owner/repo or local:<name>`,
    );
  }
  return {
    repository,
    entityRefs: new Set(
      grant.getStringArray('entities').map(ref =>
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        ).toLowerCase(),
      ),
    ),
    workflows: grant.getOptionalStringArray('workflows'),
    refs: grant.getOptionalStringArray('refs'),
  };
}
