import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  ReadTreeResponseFactory,
  ReadUrlResponseFactory,
} from '@backstage/backend-defaults/urlReader';
import { InputError, NotFoundError, NotModifiedError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { GitError, readGitOutput, runGit } from '../git/runGit';
import { LocalGitHost } from './LocalGitHost';

const GLOB = /[*?[\]{}]/;

/**
 * Reads files and trees of the local git host's repositories, for the
 * catalog (catalog-info.yaml) and TechDocs (docs/). Reads come straight
 * from the bare repositories on disk; the URLs are those of
 * {@link LocalGitHost.urlOf}.
 */
export class LocalGitUrlReader implements UrlReaderService {
  constructor(
    private readonly host: LocalGitHost,
    private readonly treeResponseFactory: ReadTreeResponseFactory,
  ) {}

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const { barePath, branch, path } = await this.host.parseUrl(url);
    const blob = (
      await this.git(barePath, [
        'rev-parse',
        '--verify',
        '--quiet',
        `${branch}:${path}`,
      ]).catch(() => '')
    ).trim();
    if (!blob) throw new NotFoundError(`${url} does not exist`);
    if (options?.etag === blob) throw new NotModifiedError();
    const type = (await this.git(barePath, ['cat-file', '-t', blob])).trim();
    if (type !== 'blob') throw new InputError(`${url} is a folder, not a file`);
    const content = await readGitOutput(['cat-file', 'blob', blob], {
      cwd: barePath,
    });
    return ReadUrlResponseFactory.fromReadable(Readable.from([content]), {
      etag: blob,
    });
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const { barePath, branch, path } = await this.host.parseUrl(url);
    const commit = (await this.git(barePath, ['rev-parse', branch])).trim();
    if (options?.etag === commit) throw new NotModifiedError();
    const subpath = path.replace(/\/+$/, '');
    if (subpath) {
      const type = (
        await this.git(barePath, [
          'cat-file',
          '-t',
          `${commit}:${subpath}`,
        ]).catch(() => '')
      ).trim();
      if (type !== 'tree') throw new NotFoundError(`${url} is not a folder`);
    }
    // Read whole, so that a failing git is an error here rather than an
    // empty archive later; docs trees are small.
    const archive = await readGitOutput(
      ['archive', '--format=tar', commit, ...(subpath ? [subpath] : [])],
      { cwd: barePath },
    );
    return this.treeResponseFactory.fromTarArchive({
      stream: Readable.from([archive]),
      subpath: subpath || undefined,
      etag: commit,
      filter: options?.filter,
      stripFirstDirectory: false,
    });
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (GLOB.test(new URL(url).pathname)) {
      throw new InputError(
        `The local git host reads single files; ${url} is a pattern`,
      );
    }
    const { barePath, branch } = await this.host.parseUrl(url);
    const commit = (await this.git(barePath, ['rev-parse', branch])).trim();
    if (options?.etag === commit) throw new NotModifiedError();
    try {
      const file = await this.readUrl(url);
      return {
        etag: commit,
        files: [{ url, content: () => file.buffer() }],
      };
    } catch (error) {
      if (NotFoundError.is(error)) return { etag: commit, files: [] };
      throw error;
    }
  }

  toString() {
    return `local-git{directory=${this.host.directory}}`;
  }

  private git(barePath: string, args: string[]): Promise<string> {
    return runGit(args, { cwd: barePath }).catch(error => {
      // A missing repository makes git fail to start in its folder.
      if (error instanceof GitError && error.exitCode === undefined) {
        throw new NotFoundError(`No repository at ${barePath}`, error);
      }
      throw error;
    });
  }
}
