import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_MAX_READ_BYTES,
  GitError,
  GitOutputTooLargeError,
  readGitOutput,
  runGit,
} from './runGit';

const author = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

describe('runGit', () => {
  const dir = createMockDirectory();

  beforeEach(() => dir.clear());

  it('resolves with stdout, and runs in cwd with the given env', async () => {
    await runGit(['init', '--quiet', '--initial-branch=main'], {
      cwd: dir.path,
    });
    dir.addContent({ 'a.txt': 'a\n' });
    await runGit(['add', 'a.txt'], { cwd: dir.path });
    await runGit(['commit', '--quiet', '-m', 'first; echo not a shell'], {
      cwd: dir.path,
      env: author,
    });
    expect(await runGit(['log', '--format=%an|%s'], { cwd: dir.path })).toBe(
      'Test|first; echo not a shell\n',
    );
  });

  it("never runs the repository's hooks", async () => {
    await runGit(['init', '--quiet'], { cwd: dir.path });
    dir.addContent({
      '.git/hooks/pre-commit': '#!/bin/sh\ntouch "$0.ran"\nexit 1\n',
    });
    const hook = join(dir.path, '.git/hooks/pre-commit');
    chmodSync(hook, 0o755);
    await runGit(['commit', '--quiet', '--allow-empty', '-m', 'x'], {
      cwd: dir.path,
      env: author,
    });
    expect(existsSync(`${hook}.ran`)).toBe(false);
    // The same commit through plain git does run it, and fails.
    expect(() =>
      execFileSync('git', ['commit', '--allow-empty', '-m', 'y'], {
        cwd: dir.path,
        env: { ...process.env, ...author },
        stdio: 'ignore',
      }),
    ).toThrow();
    expect(existsSync(`${hook}.ran`)).toBe(true);
  });

  it("rejects with a GitError carrying git's stderr", async () => {
    const error = await runGit(['rev-parse', '--verify', 'nope'], {
      cwd: dir.path,
    }).catch(e => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error.message).toMatch(
      /^git rev-parse failed with exit code 128: fatal: not a git repository/,
    );
    expect(error.exitCode).toBe(128);
    expect(error.args).toEqual(['rev-parse', '--verify', 'nope']);
  });

  it('gives git no input', async () => {
    expect(
      (await runGit(['hash-object', '--stdin'], { cwd: dir.path })).trim(),
    ).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('is stopped by its signal and by its timeout', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runGit(['--version'], { cwd: dir.path, signal: controller.signal }),
    ).rejects.toThrow('git --version was aborted');

    // Opening a named pipe nobody writes to blocks git until it is killed.
    execFileSync('mkfifo', [join(dir.path, 'pipe')]);
    await expect(
      runGit(['hash-object', 'pipe'], { cwd: dir.path, timeoutMs: 200 }),
    ).rejects.toThrow('git hash-object timed out');
  });

  it('stops reading, naming the limit, when git prints more than allowed', async () => {
    await runGit(['init', '--quiet'], { cwd: dir.path });
    dir.addContent({ 'big.txt': 'x'.repeat(1000) });
    const blob = (
      await runGit(['hash-object', '-w', 'big.txt'], { cwd: dir.path })
    ).trim();

    const error = await readGitOutput(['cat-file', 'blob', blob], {
      cwd: dir.path,
      maxBytes: 100,
    }).catch(e => e);
    expect(error).toBeInstanceOf(GitOutputTooLargeError);
    expect(error.message).toBe(
      'git cat-file printed more than 100 bytes, the most one read may take',
    );
    expect(error.maxBytes).toBe(100);

    const whole = await readGitOutput(['cat-file', 'blob', blob], {
      cwd: dir.path,
      maxBytes: 1000,
    });
    expect(whole.length).toBe(1000);
    expect(DEFAULT_MAX_READ_BYTES).toBe(64 * 1024 * 1024);
  });
});
