import { compareVersions, formatVersion, parseVersion } from './version';

/** A tag that names a version, such as `v1.2.3` or `1.2.3`. */
export interface VersionTag {
  tag: string;
  /** The tag's version, without the `v`. */
  version: string;
}

/**
 * The version tags among `tags` (`v1.2.3` or `1.2.3`), highest SemVer
 * precedence first. Tags that are not strict SemVer are left out; of two
 * tags with the same precedence (`1.2.3` and `v1.2.3`), the greater name
 * comes first, so that the order does not depend on the host's.
 */
export function versionTagsNewestFirst(tags: Iterable<string>): VersionTag[] {
  const found: VersionTag[] = [];
  for (const tag of tags) {
    const version = parseVersion(tag);
    if (version) found.push({ tag, version: formatVersion(version) });
  }
  return found.sort(
    (a, b) =>
      compareVersions(b.version, a.version) ||
      Number(a.tag < b.tag) - Number(a.tag > b.tag),
  );
}
