import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/runGit';
import { commitsSince, latestVersionTag } from './gitHistory';
import { planFromHistory, ReleasePlan } from './releasePlan';
import { RequestedBump } from './version';

/**
 * Works out the next release of the clone in `cwd` (see
 * {@link planFromHistory}) from its HEAD, its tags and its CHANGELOG.md.
 */
export async function planRelease(
  cwd: string,
  options: { bump: RequestedBump; date: Date; signal?: AbortSignal },
): Promise<ReleasePlan> {
  const { signal } = options;
  const previous = await latestVersionTag(cwd, { signal });
  const commits = await commitsSince(cwd, previous?.tag, { signal });
  const tags = await runGit(['tag', '--list'], { cwd, signal });
  const changelog = await readFile(join(cwd, 'CHANGELOG.md'), 'utf8').catch(
    error => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
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
