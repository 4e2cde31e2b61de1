import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { temporaryDirectories } from '../__testUtils__/temporaryDirectories';
import { LocalReleaser } from './LocalReleaser';

describe('LocalReleaser', () => {
  const host = createMockDirectory();
  const work = createMockDirectory();
  const outside = createMockDirectory();
  const bare = join(host.path, 'ledger.git');
  const secret = join(outside.path, 'secret.md');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args],
      { cwd, encoding: 'utf8' },
    ).trim();
  const releaser = new LocalReleaser({
    host: new LocalGitHost(host.path),
    name: 'ledger',
    author: { name: 'Release Bot', email: 'rb@example.com' },
    createTemporaryDirectory: temporaryDirectories(),
  });
  const options = { bump: 'auto' as const, date: new Date('2024-05-01') };

  beforeEach(() => {
    host.clear();
    work.clear();
    outside.setContent({ 'secret.md': '# Not a changelog\n' });
    git(host.path, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(work.path, 'init', '--quiet', '--initial-branch=main');
  });

  const push = (message: string) => {
    git(work.path, 'add', '--all');
    git(work.path, 'commit', '--quiet', '--allow-empty', '-m', message);
    git(work.path, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
  };

  it('refuses a CHANGELOG.md that is a symbolic link, and leaves its target alone', async () => {
    symlinkSync(secret, join(work.path, 'CHANGELOG.md'));
    push('feat: first endpoint');

    await expect(releaser.plan(options)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'CHANGELOG.md of ledger is not a regular file (a symbolic link, say): make it one before releasing',
    });
    expect(readFileSync(secret, 'utf8')).toBe('# Not a changelog\n');
  });

  it('writes through no symbolic link that took the place of CHANGELOG.md', async () => {
    push('feat: first endpoint');
    const plan = await releaser.plan(options);
    const changelog = join(plan.clone, 'CHANGELOG.md');
    symlinkSync(secret, changelog);

    await expect(releaser.publish(plan)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'CHANGELOG.md of ledger is not a regular file',
      ),
    });
    expect(readFileSync(secret, 'utf8')).toBe('# Not a changelog\n');

    unlinkSync(changelog);
    await releaser.publish(plan);
    expect(git(bare, 'show', 'v0.1.0:CHANGELOG.md')).toContain('## 0.1.0');
  });
});
