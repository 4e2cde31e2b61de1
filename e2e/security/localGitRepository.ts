import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portalDataDir } from '../../playwright.config';

/**
 * Creates a repository on the suite portal's local git host, as anyone who
 * can push there could, with the given files on branch main.
 */
export function pushLocalGitRepository(
  name: string,
  files: Record<string, string>,
) {
  const work = mkdtempSync(path.join(tmpdir(), 'flightdeck-security-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Security probe',
        GIT_AUTHOR_EMAIL: 'probe@skyhop.example',
        GIT_COMMITTER_NAME: 'Security probe',
        GIT_COMMITTER_EMAIL: 'probe@skyhop.example',
      },
    });
  try {
    git('init', '-q', '-b', 'main');
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      writeFileSync(path.join(work, file), content);
    }
    git('add', '--all');
    git('commit', '-q', '-m', 'Security probe');
    const bare = path.join(portalDataDir, 'git', `${name}.git`);
    mkdirSync(path.dirname(bare), { recursive: true });
    git('init', '-q', '--bare', bare);
    git('push', '-q', bare, 'main');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
