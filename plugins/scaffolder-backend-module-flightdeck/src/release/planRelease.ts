import { ConflictError, InputError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ChangelogCommit,
  prependSection,
  renderChangelogSection,
} from './changelog';
import { parseConventionalCommit } from './conventionalCommit';
import { runGit } from '../git/runGit';
import { commitsSince, latestVersionTag } from './gitHistory';
import { nextVersion, RequestedBump } from './version';

/** What a release of a repository will be, before anything is written. */
export interface ReleasePlan {
  previousVersion?: string;
  version: string;
  tag: string;
  /** The new CHANGELOG section alone. */
  section: string;
  /** CHANGELOG.md with the new section first. */
  changelog: string;
  /** How many commits the release brings. */
  commits: number;
}

/**
 * Works out the next release of the clone in `cwd`: the version from the
 * Conventional Commits since the last version tag (or the bump asked for),
 * and the CHANGELOG section. Refuses, naming why, when nothing calls for a
 * release or when the version's tag exists already.
 */
export async function planRelease(
  cwd: string,
  options: { bump: RequestedBump; date: Date; signal?: AbortSignal },
): Promise<ReleasePlan> {
  const { signal } = options;
  const last = await latestVersionTag(cwd, { signal });
  const history = await commitsSince(cwd, last?.tag, { signal });
  if (history.length === 0) {
    throw new InputError(
      `Nothing to release: no commits since ${last?.tag ?? 'the start'}`,
    );
  }
  const commits: ChangelogCommit[] = history.flatMap(({ sha, message }) => {
    const parsed = parseConventionalCommit(message);
    return parsed ? [{ ...parsed, sha }] : [];
  });
  const next = nextVersion(last?.version, options.bump, commits);
  if (next.bump === 'none') {
    throw new InputError(
      `Nothing to release since ${last!.tag}: none of its ${
        history.length
      } commits is a feat, fix, perf or breaking change (choose a bump to release anyway)`,
    );
  }
  const tag = `v${next.version}`;
  const taken = await runGit(['tag', '--list', tag], { cwd, signal });
  if (taken.trim()) {
    throw new ConflictError(
      `Tag ${tag} exists already, outside the history of this branch: fix the tags before releasing`,
    );
  }
  const section = renderChangelogSection(next.version, options.date, commits);
  const existing = await readFile(join(cwd, 'CHANGELOG.md'), 'utf8').catch(
    error => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  return {
    previousVersion: last?.version,
    version: next.version,
    tag,
    section,
    changelog: prependSection(existing, section),
    commits: history.length,
  };
}
