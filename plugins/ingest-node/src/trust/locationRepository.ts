import { CodeRepository } from './CodeRepository';

/** Where catalog files of repositories are read from. */
export interface RepositoryHosts {
  /** Hostnames of the GitHub integrations. */
  githubHosts: string[];
  /** `<backend.baseUrl>/api/local-git/`, where the local git host serves files. */
  localGitUrlPrefix: string;
}

// GitHub serves a fork's commits under its parent's URL as well, so a file
// read at a commit id (git takes 4 hex digits on) or at a revision
// expression (`<id>~0`, `<id>^{}`, `@{…}`, which no branch or tag name can
// hold) may have been written by anyone who forked.
const COMMIT_ID = /^[0-9a-f]{4,64}$/i;
const REVISION_EXPRESSION = /[~^:]|@\{/;

/**
 * The repository a catalog file lies in, from its location reference
 * (`url:https://github.com/o/r/blob/main/catalog-info.yaml`, or a file of the
 * local git host), if it lies in one on a branch or tag.
 */
export function repositoryOfLocation(
  locationRef: string,
  hosts: RepositoryHosts,
): CodeRepository | undefined {
  if (!locationRef.startsWith('url:')) return undefined;
  const target = locationRef.slice('url:'.length);
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const normalised = `${url.origin}${url.pathname}`;
  if (normalised.startsWith(hosts.localGitUrlPrefix)) {
    const [name] = normalised.slice(hosts.localGitUrlPrefix.length).split('/');
    return name ? { host: 'local', name: decodeURIComponent(name) } : undefined;
  }
  if (url.protocol !== 'https:' || !hosts.githubHosts.includes(url.hostname)) {
    return undefined;
  }
  const [owner, repo, kind, ref] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo || !['blob', 'tree'].includes(kind) || !ref) {
    return undefined;
  }
  let revision: string;
  try {
    revision = decodeURIComponent(ref);
  } catch {
    return undefined;
  }
  if (
    COMMIT_ID.test(revision) ||
    REVISION_EXPRESSION.test(revision) ||
    revision === 'refs'
  ) {
    return undefined;
  }
  return { host: 'github', hostname: url.hostname, owner, repo };
}
