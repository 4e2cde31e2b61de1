import { assertError } from '@backstage/errors';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ExitCode, ReportError } from './exitCodes';

const execFileAsync = promisify(execFile);

/** A commit the deployment brings to the environment. */
export interface Change {
  sha: string;
  committedAt: string;
}

/**
 * The commits of `range` (anything `git log` takes, such as
 * `v2.4.0..v2.4.1`), with their commit times. Git runs without a shell, and
 * the range cannot be taken for an option or a path.
 */
export async function changesFromGit(
  range: string,
  cwd: string,
): Promise<Change[]> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(
      'git',
      ['log', '--format=%H %cI', '--end-of-options', range, '--'],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
    ));
  } catch (error) {
    assertError(error);
    const detail =
      (error as { stderr?: string }).stderr?.trim() || error.message;
    throw new ReportError(
      `--changes-from-git: git log ${range} failed: ${detail}`,
      ExitCode.BadInput,
    );
  }
  return stdout
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => {
      const [sha, committedAt] = line.trim().split(' ');
      return { sha, committedAt };
    });
}
