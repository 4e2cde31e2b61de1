/**
 * A repository Flightdeck may act on: one of a GitHub host (slug
 * `owner/repo`), or one of the portal's own local git host, by name.
 *
 * @public
 */
export type CodeRepository =
  | { host: 'github'; hostname: string; owner: string; repo: string }
  | { host: 'local'; name: string };

const NAME = /^[\w.-]+$/;
const LOCAL = 'local:';

/**
 * The repository as configuration names it: `owner/repo` on github.com,
 * `host/owner/repo` on another GitHub host, `local:<name>` on the local git
 * host; undefined when it is none of these.
 *
 * @public
 */
export function parseCodeRepository(text: string): CodeRepository | undefined {
  if (text.startsWith(LOCAL)) {
    const name = text.slice(LOCAL.length);
    if (isName(name)) return { host: 'local', name };
  } else {
    const parts = text.split('/');
    const [hostname, owner, repo] =
      parts.length === 2 ? ['github.com', ...parts] : parts;
    if (parts.length <= 3 && hostname && isName(owner) && isName(repo)) {
      return { host: 'github', hostname, owner, repo };
    }
  }
  return undefined;
}

/** How configuration and messages name the repository. @public */
export function codeRepositoryName(repository: CodeRepository): string {
  if (repository.host === 'local') return `${LOCAL}${repository.name}`;
  const slug = `${repository.owner}/${repository.repo}`;
  return repository.hostname === 'github.com'
    ? slug
    : `${repository.hostname}/${slug}`;
}

/** Whether both name one repository; GitHub names ignore case. @public */
export function sameCodeRepository(
  a: CodeRepository,
  b: CodeRepository,
): boolean {
  const key = (r: CodeRepository) =>
    r.host === 'local'
      ? codeRepositoryName(r)
      : codeRepositoryName(r).toLowerCase();
  return key(a) === key(b);
}

function isName(part: string | undefined): part is string {
  return !!part && NAME.test(part) && !/^\.+$/.test(part);
}
