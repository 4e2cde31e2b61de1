import { runGit } from '../git/runGit';
import { readChangelogFile } from './changelogFile';
import { commitsSince, latestVersionTag } from './gitHistory';
import { planFromHistory, ReleasePlan } from './releasePlan';
import { RequestedBump } from './version';

/**
 * Works out the next release of the clone in `cwd` (see
 * {@link planFromHistory}) from its HEAD, its tags and its CHANGELOG.md.
 */
export async function planRelease(
  cwd: string,
  options: {
    bump: RequestedBump;
    date: Date;
    /** The repository, as errors name it. */
    repository: string;
    signal?: AbortSignal;
  },
): Promise<ReleasePlan> {
  const { signal } = options;
  const previous = await latestVersionTag(cwd, { signal });
  const commits = await commitsSince(cwd, previous?.tag, { signal });
  const tags = await runGit(['tag', '--list'], { cwd, signal });
  const changelog = await readChangelogFile(cwd, options.repository);
  return planFromHistory(
    {
      previous,
      commits,
      tags: new Set(tags.split('\n').map(line => line.trim())),
      changelog,
    },
    options,
  );
}
