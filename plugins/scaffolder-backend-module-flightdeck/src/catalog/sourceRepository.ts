import {
  Entity,
  getEntitySourceLocation,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CodeRepository } from '@flightdeck/ingest-node';
import { LocalGitHost } from '../localGit/LocalGitHost';

/**
 * Where a catalog entity's code lives, as the release actions need it: what
 * RepositoryTrust judges an entity's claim on.
 */
export type SourceRepository = CodeRepository;

const GITHUB_SLUG = 'github.com/project-slug';
const SLUG_PATTERN = /^([\w.-]+)\/([\w.-]+)$/;

/**
 * The repository of an entity: `github.com/project-slug` when set,
 * otherwise its source location (`backstage.io/source-location`, or where
 * it was registered from) on the local git host or on a GitHub host.
 * Throws an InputError naming the entity when neither tells.
 */
export function sourceRepositoryOf(
  entity: Entity,
  options: { localGitHost?: LocalGitHost; githubHosts?: string[] },
): SourceRepository {
  const ref = stringifyEntityRef(entity);
  const slug = entity.metadata.annotations?.[GITHUB_SLUG];
  if (slug) {
    const match = SLUG_PATTERN.exec(slug);
    if (!match || [match[1], match[2]].some(part => /^\.+$/.test(part))) {
      throw new InputError(
        `${ref} has an invalid ${GITHUB_SLUG} '${slug}': expected owner/repository`,
      );
    }
    return {
      host: 'github',
      owner: match[1],
      repo: match[2],
      hostname: 'github.com',
    };
  }

  let target: string;
  try {
    ({ target } = getEntitySourceLocation(entity));
  } catch {
    throw new InputError(
      `${ref} says nowhere where its code is: give it a ${GITHUB_SLUG} or backstage.io/source-location annotation`,
    );
  }
  const { localGitHost } = options;
  if (localGitHost?.owns(target)) {
    const name = /\/api\/local-git\/([^/]+)\//.exec(
      new URL(target).pathname,
    )?.[1];
    if (name) return { host: 'local', name: decodeURIComponent(name) };
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(
      `${ref} has a source location that is not a URL: ${target}`,
    );
  }
  const githubHosts = options.githubHosts ?? ['github.com'];
  if (githubHosts.includes(url.hostname)) {
    const [owner, repo] = url.pathname.split('/').filter(Boolean);
    const name = repo?.replace(/\.git$/, '');
    if (
      owner &&
      name &&
      SLUG_PATTERN.test(`${owner}/${name}`) &&
      ![owner, name].some(part => /^\.+$/.test(part))
    ) {
      return { host: 'github', owner, repo: name, hostname: url.hostname };
    }
  }
  throw new InputError(
    `${ref} lives at ${target}, which is neither on Flightdeck's local git host nor on a configured GitHub host`,
  );
}
