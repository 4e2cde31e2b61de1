import { Config } from '@backstage/config';
import { assertError, InputError, NotFoundError } from '@backstage/errors';
import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runGit } from '../git/runGit';
import { repositoryNameProblem, validateRepositoryName } from './names';

/**
 * The portal's own git host: bare repositories `<name>.git` in one folder
 * (config `flightdeck.localGitHost.directory`), which anyone on the machine
 * can `git clone`.
 */
export class LocalGitHost {
  /** Undefined when `flightdeck.localGitHost.directory` is not set. */
  static fromConfig(config: Config): LocalGitHost | undefined {
    const directory = config.getOptionalString(
      'flightdeck.localGitHost.directory',
    );
    if (!directory) return undefined;
    return new LocalGitHost(
      directory,
      config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007',
    );
  }

  /**
   * `host`, or, when it is undefined (not configured), an error saying how
   * to configure it: for actions, which are installed either way.
   */
  static required(host: LocalGitHost | undefined): LocalGitHost {
    if (!host) {
      throw new Error(
        'The local git host is not configured: set flightdeck.localGitHost.directory in the app config',
      );
    }
    return host;
  }

  /** The absolute folder holding the bare repositories. */
  readonly directory: string;
  /** Where URLs of files on this host begin. */
  private readonly urlPrefix: string;

  /**
   * `directory` is resolved against the working directory when relative;
   * file URLs live under the portal's `baseUrl`, so that they name this
   * portal's host and no other.
   */
  constructor(directory: string, baseUrl = 'http://localhost:7007') {
    this.directory = resolve(directory);
    this.urlPrefix = `${baseUrl.replace(/\/+$/, '')}/api/local-git/`;
  }

  /**
   * The URL of a file (or, with an empty path, a folder) on a branch of a
   * repository: `<baseUrl>/api/local-git/<name>/blob/<branch>/<path>`. The
   * catalog and TechDocs read these through {@link LocalGitUrlReader}.
   */
  urlOf(name: string, branch: string, path = ''): string {
    validateRepositoryName(name);
    return `${this.urlPrefix}${name}/blob/${branch}/${path.replace(
      /^\/+/,
      '',
    )}`;
  }

  /** Whether `url` names a file on this host. */
  owns(url: string): boolean {
    return url.startsWith(this.urlPrefix);
  }

  /**
   * The repository, branch and path a URL of {@link LocalGitHost.urlOf}
   * names. The branch is the longest prefix of the rest that the
   * repository has.
   */
  async parseUrl(
    url: string,
  ): Promise<{ name: string; barePath: string; branch: string; path: string }> {
    if (!this.owns(url)) {
      throw new InputError(`${url} is not on the local git host`);
    }
    let rest: string;
    try {
      rest = decodeURIComponent(
        new URL(url).pathname.slice(new URL(this.urlPrefix).pathname.length),
      );
    } catch {
      throw new InputError(
        `${url} is not a valid URL: it has a malformed escape`,
      );
    }
    const match = /^([^/]+)\/blob\/(.+)$/.exec(rest);
    if (!match) {
      throw new InputError(
        `${url} does not name a file: expected ${this.urlPrefix}<repository>/blob/<branch>/<path>`,
      );
    }
    const [, name, refAndPath] = match;
    const barePath = this.repositoryPath(name);
    const parts = refAndPath.split('/');
    // Git would take such a branch or path for an option.
    const option = parts.find(part => part.startsWith('-'));
    if (option !== undefined) {
      throw new InputError(`${url} is refused: '${option}' starts with '-'`);
    }
    // Branch names may hold slashes: try the longest first.
    for (let i = parts.length; i > 0; i--) {
      const branch = parts.slice(0, i).join('/');
      if (branch && (await this.hasBranch(name, branch))) {
        const path = parts.slice(i).join('/');
        if (path.split('/').includes('..')) {
          throw new InputError(`${url} may not contain '..'`);
        }
        return { name, barePath, branch, path };
      }
    }
    throw new NotFoundError(`${url} names no branch of repository '${name}'`);
  }

  /** Absolute path of repository `name`; throws InputError for a bad name. */
  repositoryPath(name: string): string {
    validateRepositoryName(name);
    return join(this.directory, `${name}.git`);
  }

  /** Whether anything (a repository or not) already takes that name. */
  async exists(name: string): Promise<boolean> {
    try {
      await lstat(this.repositoryPath(name));
      return true;
    } catch (error) {
      assertError(error);
      if (error.code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Whether repository `name` has branch `branch`; false, too, when there
   * is no such repository.
   */
  async hasBranch(
    name: string,
    branch: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<boolean> {
    return runGit(
      [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `refs/heads/${branch}`,
      ],
      { cwd: this.repositoryPath(name), signal: options.signal },
    ).then(
      () => true,
      () => false,
    );
  }

  /** Names of the repositories on the host, sorted; none when the folder is missing. */
  async list(): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.directory, { withFileTypes: true });
    } catch (error) {
      assertError(error);
      if (error.code === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter(entry => entry.isDirectory() && entry.name.endsWith('.git'))
      .map(entry => entry.name.slice(0, -'.git'.length))
      .filter(name => repositoryNameProblem(name) === undefined)
      .sort();
  }
}
