import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mockActionContext } from '../testing/mockActionContext';
import { createReleaseCreateAction } from './releaseCreate';

describe('flightdeck:release:create', () => {
  const host = createMockDirectory();
  const work = createMockDirectory();
  const bare = join(host.path, 'ledger.git');
  const action = createReleaseCreateAction({
    config: new ConfigReader({
      flightdeck: { localGitHost: { directory: host.path } },
      scaffolder: {
        defaultAuthor: { name: 'Release Bot', email: 'rb@example.com' },
      },
    }),
  });

  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args],
      { cwd, encoding: 'utf8' },
    ).trim();
  const commit = (message: string) => {
    git(work.path, 'commit', '--quiet', '--allow-empty', '-m', message);
    git(work.path, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
  };
  const run = async (input: object, extra: object = {}) => {
    const ctx = mockActionContext({
      input,
      workspacePath: work.path,
      ...extra,
    });
    await action.handler(ctx as any);
    return Object.fromEntries(ctx.output.mock.calls);
  };
  const show = (ref: string) => git(bare, 'show', `${ref}:CHANGELOG.md`);

  beforeEach(() => {
    host.clear();
    work.clear();
    git(host.path, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(work.path, 'init', '--quiet', '--initial-branch=main');
    commit('feat: first endpoint');
  });

  it('releases 0.1.0 first, then what the commits call for', async () => {
    const first = await run({ repository: 'ledger' });
    expect(first).toMatchObject({ version: '0.1.0', tag: 'v0.1.0' });
    expect(first.previousVersion).toBeUndefined();
    expect(git(bare, 'rev-parse', 'v0.1.0^{commit}')).toBe(first.commitHash);
    expect(git(bare, 'log', '-1', '--format=%an|%s', 'main')).toBe(
      'Release Bot|chore(release): v0.1.0',
    );

    git(work.path, 'pull', '--quiet', bare, 'main');
    commit('fix(api): rounding of <b>totals</b>');
    commit('docs: explain the ledger');
    const second = await run({ repository: 'ledger' });
    expect(second).toMatchObject({
      version: '0.1.1',
      tag: 'v0.1.1',
      previousVersion: '0.1.0',
    });
    const changelog = show('v0.1.1');
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog.indexOf('## 0.1.1')).toBeLessThan(
      changelog.indexOf('## 0.1.0'),
    );
    expect(changelog).toContain(
      '**api:** rounding of &lt;b&gt;totals&lt;/b&gt;',
    );
    expect(changelog).not.toContain('explain the ledger');
    expect(second.changelog).toContain('### Fixes');
  });

  it('refuses when nothing calls for a release, unless a bump is forced', async () => {
    await run({ repository: 'ledger' });
    git(work.path, 'pull', '--quiet', bare, 'main');
    commit('chore: tidy up');
    await expect(run({ repository: 'ledger' })).rejects.toThrow(
      /Nothing to release since v0.1.0: none of its 1 commits is a feat, fix, perf or breaking change/,
    );
    expect(await run({ repository: 'ledger', bump: 'major' })).toMatchObject({
      version: '1.0.0',
    });
  });

  it('writes nothing in a dry run', async () => {
    const before = git(bare, 'rev-parse', 'main');
    const outputs = await run({ repository: 'ledger' }, { isDryRun: true });
    expect(outputs).toMatchObject({
      version: '0.1.0',
      commitHash: '0'.repeat(40),
    });
    expect(git(bare, 'rev-parse', 'main')).toBe(before);
    expect(git(bare, 'tag', '--list')).toBe('');
  });

  it('does not release twice when the task is retried', async () => {
    const checkpoint = jest.fn(async () => ({ commitHash: 'abc123' }));
    const outputs = await run({ repository: 'ledger' }, { checkpoint });
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'release.local.ledger.v0.1.0' }),
    );
    expect(outputs.commitHash).toBe('abc123');
    expect(git(bare, 'tag', '--list')).toBe('');
  });

  it('refuses a tag that exists outside the branch, and unknown repositories', async () => {
    // v0.1.0 on main; v0.2.0 on a side branch that main never merged.
    git(work.path, 'tag', 'v0.1.0');
    git(work.path, 'checkout', '--quiet', '-b', 'side');
    git(work.path, 'commit', '--quiet', '--allow-empty', '-m', 'feat: side');
    git(work.path, 'tag', 'v0.2.0');
    git(work.path, 'checkout', '--quiet', 'main');
    commit('feat: more');
    git(work.path, 'push', '--quiet', bare, '--tags');
    await expect(run({ repository: 'ledger' })).rejects.toThrow(
      'Tag v0.2.0 exists already, outside the history of this branch',
    );
    await expect(run({ repository: 'nothing' })).rejects.toThrow(
      "No repository 'nothing' on the local git host",
    );
    await expect(run({ repository: '../etc' })).rejects.toThrow(
      'Invalid repository name',
    );
  });
});
