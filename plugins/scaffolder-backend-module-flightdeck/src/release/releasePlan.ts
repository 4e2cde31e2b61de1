import { ConflictError, InputError } from '@backstage/errors';
import {
  ChangelogCommit,
  changelogSection,
  prependSection,
  renderChangelogSection,
} from './changelog';
import { parseConventionalCommit } from './conventionalCommit';
import type { GitCommit } from './gitHistory';
import { nextVersion, RequestedBump } from './version';
import type { VersionTag } from './versionTags';

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
  /**
   * The commits the release brings (the newest 1,000), for lead time: the
   * deployments plugin counts them once the release is deployed.
   */
  changes: ReleaseChange[];
}

/** A commit a release brings, as the deployments plugin takes it. */
export type ReleaseChange = { sha: string; committedAt: string };

/** The deployments API takes at most this many changes per deployment. */
const MAX_CHANGES = 1000;

function changesOf(commits: GitCommit[]): ReleaseChange[] {
  return commits
    .slice(-MAX_CHANGES)
    .map(({ sha, committedAt }) => ({ sha, committedAt }));
}

/** What {@link planFromHistory} works from, read from wherever the repository is. */
export interface ReleaseHistory {
  /** The last version tag in the history of the branch released. */
  previous?: VersionTag;
  /** The commits since `previous` (or all of them), oldest first. */
  commits: GitCommit[];
  /** Every tag of the repository, in the branch's history or not. */
  tags: ReadonlySet<string>;
  /** CHANGELOG.md on the branch, undefined when there is none. */
  changelog?: string;
}

/**
 * Works out the next release from a repository's history: the version from
 * the Conventional Commits since the last version tag (or the bump asked
 * for), and the CHANGELOG section dated `date`. Refuses, naming why, when
 * nothing calls for a release or when the version's tag exists already.
 */
export function planFromHistory(
  history: ReleaseHistory,
  options: { bump: RequestedBump; date: Date },
): ReleasePlan {
  const { previous } = history;
  if (history.commits.length === 0) {
    throw new InputError(
      `Nothing to release: no commits since ${previous?.tag ?? 'the start'}`,
    );
  }
  const commits: ChangelogCommit[] = history.commits.flatMap(
    ({ sha, message }) => {
      const parsed = parseConventionalCommit(message);
      return parsed ? [{ ...parsed, sha }] : [];
    },
  );
  const next = nextVersion(previous?.version, options.bump, commits);
  if (next.bump === 'none') {
    throw new InputError(
      `Nothing to release since ${previous!.tag}: none of its ${
        history.commits.length
      } commits is a feat, fix, perf or breaking change (choose a bump to release anyway)`,
    );
  }
  const tag = `v${next.version}`;
  if (history.tags.has(tag)) {
    throw new ConflictError(
      `Tag ${tag} exists already, outside the history of this branch: fix the tags before releasing`,
    );
  }
  const section = renderChangelogSection(next.version, options.date, commits);
  return {
    previousVersion: previous?.version,
    version: next.version,
    tag,
    section,
    changelog: prependSection(history.changelog, section),
    commits: history.commits.length,
    changes: changesOf(history.commits),
  };
}

/**
 * The plan of a release that an earlier attempt committed and tagged but did
 * not finish, read back from its release commit: `released` is the version
 * tag on that commit, `previous` and `commits` the history before it (as the
 * earlier attempt planned from), `changelog` the CHANGELOG.md of the release
 * commit, whose section of the version is the release's. Throws a
 * ConflictError when that CHANGELOG has no such section.
 */
export function planFromReleaseCommit(history: {
  released: VersionTag;
  previous?: VersionTag;
  commits: GitCommit[];
  changelog?: string;
}): ReleasePlan {
  const { released, previous, changelog } = history;
  const section =
    changelog !== undefined
      ? changelogSection(changelog, released.version)
      : undefined;
  if (changelog === undefined || section === undefined) {
    throw new ConflictError(
      `The release commit of ${released.tag} has no ${released.version} section in its CHANGELOG.md, so the notes of its release are unknown: fix the commit or its tag before releasing`,
    );
  }
  return {
    previousVersion: previous?.version,
    version: released.version,
    tag: released.tag,
    section,
    changelog,
    commits: history.commits.length,
    changes: changesOf(history.commits),
  };
}

/** The message of the commit that brings the CHANGELOG of a release. */
export function releaseCommitMessage(plan: Pick<ReleasePlan, 'tag'>): string {
  return `chore(release): ${plan.tag}`;
}

/** Whether `commit` is the release commit of `tag`. */
export function isReleaseCommit(
  commit: { message: string },
  tag: string,
): boolean {
  return commit.message.trimEnd() === releaseCommitMessage({ tag });
}

/** The message of a release's annotated tag: the tag, then its section. */
export function releaseTagMessage(plan: ReleasePlan): string {
  return `${plan.tag}\n\n${plan.section}`;
}
