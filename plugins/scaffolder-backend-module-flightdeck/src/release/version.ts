import type { ParsedCommit } from './conventionalCommit';

/** A SemVer 2.0.0 version, split into its parts. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers, e.g. `['rc', '1']` for `-rc.1`. */
  prerelease: string[];
  /** Build metadata identifiers; they play no part in precedence. */
  build: string[];
}

/** The bump a release asks for: computed from the commits, or forced. */
export type RequestedBump = 'auto' | 'major' | 'minor' | 'patch';

/** The bump a release applies; `none` when there is nothing to release. */
export type AppliedBump = 'major' | 'minor' | 'patch' | 'none';

/** The outcome of {@link nextVersion}. */
export interface NextVersion {
  version: string;
  bump: AppliedBump;
}

const NUMBER = '0|[1-9]\\d*';
const PRERELEASE_ID = `(?:${NUMBER}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const BUILD_ID = '[0-9A-Za-z-]+';
const SEMVER = new RegExp(
  `^v?(${NUMBER})\\.(${NUMBER})\\.(${NUMBER})` +
    `(?:-(${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*))?` +
    `(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`,
);
const NUMERIC = /^\d+$/;

/**
 * Parses a strict SemVer 2.0.0 version such as `1.2.3`, `1.0.0-rc.1` or
 * `1.0.0+build.5`, with an optional leading `v` as in tags (`v1.2.3`).
 * Returns undefined for anything else, including numbers too large to be
 * exact in JavaScript.
 */
export function parseVersion(text: string): SemVer | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  const [major, minor, patch] = match.slice(1, 4).map(Number);
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return {
    major,
    minor,
    patch,
    prerelease: match[4]?.split('.') ?? [],
    build: match[5]?.split('.') ?? [],
  };
}

/** Formats a version, without a leading `v`. */
export function formatVersion(version: SemVer): string {
  const { major, minor, patch, prerelease, build } = version;
  let text = `${major}.${minor}.${patch}`;
  if (prerelease.length) text += `-${prerelease.join('.')}`;
  if (build.length) text += `+${build.join('.')}`;
  return text;
}

function toVersion(version: SemVer | string): SemVer {
  if (typeof version !== 'string') return version;
  const parsed = parseVersion(version);
  if (!parsed) throw new TypeError(`"${version}" is not a semantic version`);
  return parsed;
}

const sign = (n: number) => Math.sign(n) as -1 | 0 | 1;

// Numeric identifiers have no leading zeros, so the longer one is larger;
// comparing as text keeps identifiers beyond 2^53 exact.
function compareIdentifiers(a: string, b: string): -1 | 0 | 1 {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric && a.length !== b.length) {
    return sign(a.length - b.length);
  }
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Compares two versions by SemVer precedence: negative when `a` comes first,
 * 0 when they have the same precedence (build metadata is ignored), positive
 * otherwise. Throws a TypeError for a string that is not a version.
 */
export function compareVersions(
  a: SemVer | string,
  b: SemVer | string,
): -1 | 0 | 1 {
  const x = toVersion(a);
  const y = toVersion(b);
  const core =
    sign(x.major - y.major) ||
    sign(x.minor - y.minor) ||
    sign(x.patch - y.patch);
  if (core) return core;
  // A pre-release comes before its release.
  if (!x.prerelease.length || !y.prerelease.length) {
    return sign(y.prerelease.length - x.prerelease.length);
  }
  const length = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < length; i++) {
    const order = compareIdentifiers(x.prerelease[i], y.prerelease[i]);
    if (order) return order;
  }
  return sign(x.prerelease.length - y.prerelease.length);
}

/**
 * The bump Conventional Commits call for: `major` for a breaking change,
 * else `minor` for a feature, else `patch` for a fix or a performance
 * improvement, else `none`.
 */
export function bumpFromCommits(
  commits: Array<Pick<ParsedCommit, 'type' | 'breaking'>>,
): AppliedBump {
  if (commits.some(c => c.breaking)) return 'major';
  if (commits.some(c => c.type === 'feat')) return 'minor';
  if (commits.some(c => c.type === 'fix' || c.type === 'perf')) return 'patch';
  return 'none';
}

function increment(version: SemVer, bump: 'major' | 'minor' | 'patch'): SemVer {
  const { major, minor, patch, prerelease } = version;
  // Releasing a pre-release drops its suffix when the bump does not go
  // beyond it (1.0.0-rc.1 gives 1.0.0 for any bump; 1.2.3-rc.1 gives 1.2.3
  // for a patch but 1.3.0 for a minor), as the semver package does.
  const pre = prerelease.length > 0;
  const next = { prerelease: [], build: [] };
  if (bump === 'major') {
    return pre && minor === 0 && patch === 0
      ? { major, minor, patch, ...next }
      : { major: major + 1, minor: 0, patch: 0, ...next };
  }
  if (bump === 'minor') {
    return pre && patch === 0
      ? { major, minor, patch, ...next }
      : { major, minor: minor + 1, patch: 0, ...next };
  }
  return { major, minor, patch: pre ? patch : patch + 1, ...next };
}

/**
 * Computes the version to release after `current` (a version, or a tag such
 * as `v1.2.3`; undefined when the project was never released).
 *
 * - `auto` bumps as {@link bumpFromCommits} says, and returns the current
 *   version with bump `none` when no commit calls for a release. While the
 *   major version is 0, a breaking change bumps the minor version: 0.y.z is
 *   initial development, where anything may change, and leaving it (1.0.0)
 *   is a deliberate decision, taken with a forced `major` bump.
 * - `major`, `minor` and `patch` apply that bump whatever the commits.
 * - A first release counts from 0.0.0: `auto` always gives 0.1.0 (whatever
 *   the commits), `major` 1.0.0, `minor` 0.1.0 and `patch` 0.0.1.
 *
 * Build metadata is dropped. Throws a TypeError when `current` is not a
 * version.
 */
export function nextVersion(
  current: string | undefined,
  bump: RequestedBump,
  commits: Array<Pick<ParsedCommit, 'type' | 'breaking'>>,
): NextVersion {
  if (current === undefined) {
    const first = bump === 'auto' ? 'minor' : bump;
    return {
      version: formatVersion(increment(toVersion('0.0.0'), first)),
      bump: first,
    };
  }
  const version = toVersion(current);
  let applied: AppliedBump = bump === 'auto' ? bumpFromCommits(commits) : bump;
  if (bump === 'auto' && applied === 'major' && version.major === 0) {
    applied = 'minor';
  }
  if (applied === 'none') {
    return { version: formatVersion(version), bump: 'none' };
  }
  return { version: formatVersion(increment(version, applied)), bump: applied };
}
