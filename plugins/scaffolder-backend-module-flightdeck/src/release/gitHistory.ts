import { runGit } from '../git/runGit';
import { VersionTag, versionTagsNewestFirst } from './versionTags';

/** A commit, with its full sha, its whole message and when it was committed. */
export interface GitCommit {
  sha: string;
  message: string;
  /** The committer date, ISO 8601: what lead time is measured from. */
  committedAt: string;
}

/** Options for reading a repository's history. */
export interface GitHistoryOptions {
  /** Stops git when it fires. */
  signal?: AbortSignal;
}

/**
 * The highest version tag (`v1.2.3` or `1.2.3`, by SemVer precedence) among
 * those merged into HEAD of the repository in `cwd`, or undefined when there
 * is none. Tags that are not strict SemVer are ignored; of two tags with the
 * same precedence (`1.2.3` and `v1.2.3`), the greater name wins, so that the
 * answer does not depend on git's order. Rejects with a GitError when `cwd`
 * is not a repository or has no commit.
 */
export async function latestVersionTag(
  cwd: string,
  options: GitHistoryOptions = {},
): Promise<VersionTag | undefined> {
  const output = await runGit(['tag', '--merged', 'HEAD'], {
    cwd,
    signal: options.signal,
  });
  return versionTagsNewestFirst(output.split('\n').map(line => line.trim()))[0];
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commits reachable from HEAD but not from `tag` (all of HEAD's history
 * when `tag` is undefined), oldest first (parents always before their
 * children), merges included. Rejects with a
 * GitError when the tag does not exist, or `cwd` is not a repository or has
 * no commit.
 */
export async function commitsSince(
  cwd: string,
  tag: string | undefined,
  options: GitHistoryOptions = {},
): Promise<GitCommit[]> {
  // A full ref name cannot be mistaken for an option or a branch.
  const range = tag === undefined ? 'HEAD' : `refs/tags/${tag}..HEAD`;
  // -z ends each commit with a NUL, which a message cannot contain, unlike
  // any other separator.
  const output = await runGit(
    [
      'log',
      '-z',
      '--date-order',
      '--reverse',
      '--format=%H%x1f%cI%x1f%B',
      '--end-of-options',
      range,
      '--',
    ],
    { cwd, signal: options.signal },
  );
  return output
    .split('\0')
    .filter(record => record !== '')
    .map(record => {
      const [sha, committedAt] = record.split('\x1f', 2);
      const message = record.slice(sha.length + committedAt?.length + 2);
      if (!SHA.test(sha) || Number.isNaN(Date.parse(committedAt ?? ''))) {
        throw new Error(`Unexpected git log output: ${record.slice(0, 80)}`);
      }
      return {
        sha,
        message: message.trimEnd(),
        committedAt: new Date(committedAt).toISOString(),
      };
    });
}
