import {
  LoggerService,
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
import {
  DEFAULT_MAX_READ_BYTES,
  GitError,
  GitOutputTooLargeError,
  readGitOutput,
  runGit,
} from '../git/runGit';
import { LocalGitHost } from './LocalGitHost';

const GLOB = /[*?[\]{}]/;
const MIB = 1024 * 1024;

type Location = Awaited<ReturnType<LocalGitHost['parseUrl']>>;

function sizeText(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}

/**
 * Reads files and trees of the local git host's repositories, for the
 * catalog (catalog-info.yaml) and TechDocs (docs/). Reads come straight
 * from the bare repositories on disk; the URLs are those of
 * {@link LocalGitHost.urlOf}. Errors name the URL, never git's output or
 * the host's folder, which go to the log.
 */
export class LocalGitUrlReader implements UrlReaderService {
  private readonly logger: LoggerService;
  private readonly maxReadBytes: number;

  constructor(
    private readonly host: LocalGitHost,
    private readonly treeResponseFactory: ReadTreeResponseFactory,
    options: {
      logger: LoggerService;
      /** The most one read (a file, a tree's archive) may hold. */
      maxReadBytes?: number;
    },
  ) {
    this.logger = options.logger;
    this.maxReadBytes = options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES;
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    return this.reading(url, async ({ barePath, branch, path }) => {
      const git = (...args: string[]) => runGit(args, { cwd: barePath });
      const blob = (
        await git(
          'rev-parse',
          '--verify',
          '--quiet',
          '--end-of-options',
          `refs/heads/${branch}:${path}`,
        ).catch(() => '')
      ).trim();
      if (!blob) throw new NotFoundError(`${url} does not exist`);
      if (options?.etag === blob) throw new NotModifiedError();
      const type = (
        await git('cat-file', '-t', '--end-of-options', blob)
      ).trim();
      if (type !== 'blob') {
        throw new InputError(`${url} is a folder, not a file`);
      }
      const content = await readGitOutput(
        ['cat-file', 'blob', '--end-of-options', blob],
        { cwd: barePath, maxBytes: this.maxReadBytes },
      );
      return ReadUrlResponseFactory.fromReadable(Readable.from([content]), {
        etag: blob,
      });
    });
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    return this.reading(url, async ({ barePath, branch, path }) => {
      const commit = await this.headOf(barePath, branch);
      if (options?.etag === commit) throw new NotModifiedError();
      const subpath = path.replace(/\/+$/, '');
      if (subpath) {
        const type = (
          await runGit(
            ['cat-file', '-t', '--end-of-options', `${commit}:${subpath}`],
            { cwd: barePath },
          ).catch(() => '')
        ).trim();
        if (type !== 'tree') throw new NotFoundError(`${url} is not a folder`);
      }
      // Read whole, so that a failing git is an error here rather than an
      // empty archive later; docs trees are small.
      const archive = await readGitOutput(
        [
          'archive',
          '--format=tar',
          commit,
          '--',
          ...(subpath ? [subpath] : []),
        ],
        { cwd: barePath, maxBytes: this.maxReadBytes },
      );
      return this.treeResponseFactory.fromTarArchive({
        stream: Readable.from([archive]),
        subpath: subpath || undefined,
        etag: commit,
        filter: options?.filter,
        stripFirstDirectory: false,
      });
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
    const commit = await this.reading(url, ({ barePath, branch }) =>
      this.headOf(barePath, branch),
    );
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

  private async headOf(barePath: string, branch: string): Promise<string> {
    const commit = await runGit(
      [
        'rev-parse',
        '--verify',
        '--end-of-options',
        `refs/heads/${branch}^{commit}`,
      ],
      { cwd: barePath },
    );
    return commit.trim();
  }

  /** Runs `read` on the location of `url`, with errors fit for its caller. */
  private async reading<T>(
    url: string,
    read: (location: Location) => Promise<T>,
  ): Promise<T> {
    const location = await this.host.parseUrl(url);
    try {
      return await read(location);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      if (error instanceof GitOutputTooLargeError) {
        throw new InputError(
          `${url} is larger than ${sizeText(
            error.maxBytes,
          )}, the most the local git host reads at once`,
        );
      }
      if (!(await this.host.exists(location.name))) {
        throw new NotFoundError(
          `No repository '${location.name}' on the local git host`,
        );
      }
      this.logger.warn(`Reading ${url} from the local git host failed`, error);
      throw new Error(
        `Reading ${url} from the local git host failed: the portal's log tells why`,
      );
    }
  }
}
