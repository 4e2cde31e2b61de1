import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReportError } from './exitCodes';
import { changesFromGit } from './gitChanges';
import { deploymentArgs, runCli } from './__testUtils__/runCli';

describe('changesFromGit', () => {
  let repo: string;
  const shas: string[] = [];

  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Priya Raman',
        GIT_AUTHOR_EMAIL: 'priya@skyhop.example',
        GIT_COMMITTER_NAME: 'Priya Raman',
        GIT_COMMITTER_EMAIL: 'priya@skyhop.example',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: repo,
        ...env,
      },
    }).trim();

  const commitAt = (message: string, date: string) => {
    git(['commit', '--allow-empty', '-q', '-m', message], {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    shas.push(git(['rev-parse', 'HEAD']));
  };

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-git-'));
    git(['init', '-q']);
    commitAt('first release', '2026-11-18T09:00:00+00:00');
    git(['tag', 'v2.4.0']);
    commitAt('fix rounding', '2026-11-19T16:20:00+01:00');
    commitAt('faster refunds', '2026-11-20T08:15:30+00:00');
    git(['tag', 'v2.4.1']);
  });

  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('lists the commits of the range with their commit times, newest first', async () => {
    await expect(changesFromGit('v2.4.0..v2.4.1', repo)).resolves.toEqual([
      { sha: shas[2], committedAt: '2026-11-20T08:15:30+00:00' },
      { sha: shas[1], committedAt: '2026-11-19T16:20:00+01:00' },
    ]);
  });

  it('finds nothing in an empty range', async () => {
    await expect(changesFromGit('v2.4.1..v2.4.1', repo)).resolves.toEqual([]);
  });

  it('refuses a range git does not know, and one that looks like an option', async () => {
    await expect(changesFromGit('v9..v10', repo)).rejects.toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: expect.stringContaining('git log v9..v10 failed'),
      }),
    );
    const leak = path.join(repo, 'leak');
    await expect(
      changesFromGit(`--output=${leak}`, repo),
    ).rejects.toBeInstanceOf(ReportError);
    expect(fs.existsSync(leak)).toBe(false);
  });

  it('fills changes of the event with --changes-from-git', async () => {
    const run = await runCli(
      deploymentArgs('--dry-run', '--changes-from-git', 'v2.4.0..v2.4.1'),
      { cwd: repo },
    );
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).changes).toEqual([
      { sha: shas[2], committedAt: '2026-11-20T08:15:30+00:00' },
      { sha: shas[1], committedAt: '2026-11-19T16:20:00+01:00' },
    ]);
  });
});
