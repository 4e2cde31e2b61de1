import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { assertError, InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import {
  SourceRepository,
  sourceRepositoryOf,
} from '../catalog/sourceRepository';
import { LocalGitHost } from '../localGit/LocalGitHost';

/** The ways a release names its repository; exactly one is given. */
export interface ReleaseTargetInput {
  /** A repository of the local git host, by name. */
  repository?: string;
  /** A GitHub repository, as RepoUrlPicker gives it: `github.com?owner=o&repo=r`. */
  repoUrl?: string;
  /** A catalog entity, whose source repository is released. */
  entityRef?: string;
}

/** What {@link resolveReleaseTarget} looks repositories up with. */
export interface ReleaseTargetOptions {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  /** Whose permissions the catalog lookup has: the task's initiator. */
  credentials: () => Promise<BackstageCredentials>;
  /** Undefined when the local git host is not configured. */
  localGitHost?: LocalGitHost;
  /** Whether an entity may have its claimed repository released. */
  trust: RepositoryTrust;
}

const INPUTS = ['repository', 'repoUrl', 'entityRef'] as const;
const GITHUB_NAME = /^[\w.-]+$/;

/**
 * The repository a release is for, from the one input naming it. Throws an
 * InputError when none or several are given, and when the input names no
 * repository the portal can release: an unknown entity, a repoUrl that is
 * not on a GitHub host of the integrations. Throws a NotAllowedError when an
 * entity claims a repository that its registration does not entitle it to
 * (see RepositoryTrust); a repository named directly is for admins, whom
 * authorizeRelease asks for.
 */
export async function resolveReleaseTarget(
  input: ReleaseTargetInput,
  options: ReleaseTargetOptions,
): Promise<SourceRepository> {
  // A template may pass an empty string for a parameter left empty.
  const given = INPUTS.filter(name => input[name]);
  if (given.length !== 1) {
    throw new InputError(
      given.length
        ? `Give only one of repository, repoUrl and entityRef, not ${given.join(
            ' and ',
          )}`
        : 'Give the repository to release: repository (on the local git host), repoUrl (on GitHub) or entityRef (a catalog entity)',
    );
  }
  if (input.repository) {
    return { host: 'local', name: input.repository };
  }
  if (input.repoUrl) {
    return githubRepositoryOf(input.repoUrl, options.integrations);
  }
  return entityRepositoryOf(input.entityRef!, options);
}

function githubRepositoryOf(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): SourceRepository {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  if (!integrations.github.byHost(host)) {
    throw new InputError(
      `${host} is not a GitHub host: releases are made on GitHub hosts and on the local git host only`,
    );
  }
  const valid = (part?: string): part is string =>
    !!part && GITHUB_NAME.test(part) && !/^\.+$/.test(part);
  if (!valid(owner) || !valid(repo)) {
    throw new InputError(
      `Invalid repoUrl '${repoUrl}': owner and repo are names of letters, digits, '.', '_' and '-'`,
    );
  }
  return { host: 'github', owner, repo, hostname: host };
}

async function entityRepositoryOf(
  entityRef: string,
  options: ReleaseTargetOptions,
): Promise<SourceRepository> {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    assertError(error);
    throw new InputError(`Invalid entityRef '${entityRef}': ${error.message}`);
  }
  const entity = await options.catalog.getEntityByRef(ref, {
    credentials: await options.credentials(),
  });
  if (!entity) {
    throw new InputError(`No entity ${stringifyEntityRef(ref)} in the catalog`);
  }
  const repository = sourceRepositoryOf(entity, {
    localGitHost: options.localGitHost,
    githubHosts: options.integrations.github
      .list()
      .map(integration => integration.config.host),
  });
  options.trust.assertTrusted(entity, { repository });
  return repository;
}
