import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { GitError } from '../git/runGit';
import { commitsSince, latestVersionTag } from './gitHistory';

describe('gitHistory', () => {
  const dir = createMockDirectory();
  // Fixed, increasing dates make the shas and the order of commits certain.
  let time = 0;
  let date = '';

  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.com',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'tag.gpgsign=false',
        ...args,
      ],
      {
        cwd: dir.path,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      },
    ).trim();
  const tick = () => {
    time += 60;
    date = `${1700000000 + time} +0000`;
  };
  /** When git says `sha` was committed, as commitsSince should answer it. */
  const committedAt = (sha: string) =>
    new Date(git('show', '-s', '--format=%cI', sha)).toISOString();
  const commit = (message: string) => {
    tick();
    git(
      'commit',
      '--quiet',
      '--allow-empty',
      '--cleanup=verbatim',
      '-m',
      message,
    );
    return git('rev-parse', 'HEAD');
  };

  beforeEach(() => {
    dir.clear();
    time = 0;
    git('init', '--quiet', '--initial-branch=main');
  });

  describe('latestVersionTag', () => {
    it('is undefined without version tags', async () => {
      commit('chore: start');
      git('tag', 'latest');
      git('tag', 'release-1.0.0');
      await expect(latestVersionTag(dir.path)).resolves.toBeUndefined();
    });

    it('finds the highest version merged into HEAD', async () => {
      commit('chore: start');
      git('tag', 'v0.9.0');
      git('tag', '-a', 'v1.9.0', '-m', 'Release 1.9.0');
      commit('feat: more');
      git('tag', 'v1.10.0');
      git('tag', '1.10.0-rc.1');
      git('tag', 'v2.0'); // not SemVer
      git('switch', '--quiet', '-c', 'elsewhere');
      commit('feat!: on another branch');
      git('tag', 'v3.0.0');
      git('switch', '--quiet', 'main');
      await expect(latestVersionTag(dir.path)).resolves.toEqual({
        tag: 'v1.10.0',
        version: '1.10.0',
      });
    });

    it('takes an annotated tag and a pre-release like any other', async () => {
      commit('chore: start');
      git('tag', '0.1.0');
      git('tag', '-a', 'v1.0.0-rc.2', '-m', 'Release candidate');
      git('tag', 'v1.0.0-rc.10');
      await expect(latestVersionTag(dir.path)).resolves.toEqual({
        tag: 'v1.0.0-rc.10',
        version: '1.0.0-rc.10',
      });
    });

    it('prefers the greater name among tags of the same precedence', async () => {
      commit('chore: start');
      git('tag', '1.2.3');
      git('tag', 'v1.2.3');
      git('tag', '1.2.3+build.1');
      await expect(latestVersionTag(dir.path)).resolves.toEqual({
        tag: 'v1.2.3',
        version: '1.2.3',
      });
    });

    it('rejects when the repository has no commit', async () => {
      await expect(latestVersionTag(dir.path)).rejects.toBeInstanceOf(GitError);
    });
  });

  describe('commitsSince', () => {
    it('lists all commits, oldest first, with their whole messages', async () => {
      const first = commit('chore: start');
      const second = commit(
        'feat(api): add releases\n\nA body.\n\nRefs: #1\nBREAKING CHANGE: yes\n',
      );
      await expect(commitsSince(dir.path, undefined)).resolves.toEqual([
        {
          sha: first,
          message: 'chore: start',
          committedAt: committedAt(first),
        },
        {
          sha: second,
          message:
            'feat(api): add releases\n\nA body.\n\nRefs: #1\nBREAKING CHANGE: yes',
          committedAt: '2023-11-14T22:15:20.000Z',
        },
      ]);
      expect(first).toMatch(/^[0-9a-f]{40}$/);
    });

    it('lists the commits after a tag by date, merges included', async () => {
      commit('chore: start');
      git('tag', '-a', 'v1.0.0', '-m', 'Release 1.0.0');
      git('switch', '--quiet', '-c', 'topic');
      const feat1 = commit('feat: one');
      git('switch', '--quiet', 'main');
      const fix = commit('fix: two');
      git('switch', '--quiet', 'topic');
      const feat2 = commit('feat: three');
      git('switch', '--quiet', 'main');
      tick();
      git('merge', '--quiet', '--no-ff', '-m', 'Merge topic', 'topic');
      const merge = git('rev-parse', 'HEAD');
      await expect(commitsSince(dir.path, 'v1.0.0')).resolves.toEqual([
        { sha: feat1, message: 'feat: one', committedAt: committedAt(feat1) },
        { sha: fix, message: 'fix: two', committedAt: committedAt(fix) },
        { sha: feat2, message: 'feat: three', committedAt: committedAt(feat2) },
        { sha: merge, message: 'Merge topic', committedAt: committedAt(merge) },
      ]);
    });

    it('lists parents before children, whatever their dates', async () => {
      commit('chore: start');
      git('tag', 'v1.0.0');
      time += 6000; // a committer whose clock is ahead
      const parent = commit('fix: one');
      time -= 12000;
      git('switch', '--quiet', '-c', 'topic');
      const child = commit('feat: two');
      git('switch', '--quiet', 'main');
      const other = commit('fix: three');
      tick();
      git('merge', '--quiet', '--no-ff', '-m', 'Merge topic', 'topic');
      const merge = git('rev-parse', 'HEAD');
      await expect(commitsSince(dir.path, 'v1.0.0')).resolves.toEqual([
        { sha: parent, message: 'fix: one', committedAt: committedAt(parent) },
        { sha: child, message: 'feat: two', committedAt: committedAt(child) },
        { sha: other, message: 'fix: three', committedAt: committedAt(other) },
        { sha: merge, message: 'Merge topic', committedAt: committedAt(merge) },
      ]);
    });

    it('is empty when HEAD is the tag', async () => {
      commit('chore: start');
      git('tag', 'v1.0.0');
      await expect(commitsSince(dir.path, 'v1.0.0')).resolves.toEqual([]);
    });

    it('cannot be fooled by separators in a message', async () => {
      commit('chore: start');
      git('tag', 'v1.0.0');
      const sha = commit(
        'fix: a\x1eb\x1fc\n\x1e0000000000000000000000000000000000000000\x1ffeat!: fake',
      );
      await expect(commitsSince(dir.path, 'v1.0.0')).resolves.toEqual([
        {
          sha,
          message:
            'fix: a\x1eb\x1fc\n\x1e0000000000000000000000000000000000000000\x1ffeat!: fake',
          committedAt: committedAt(sha),
        },
      ]);
    });

    it('takes the tag for a tag only', async () => {
      commit('chore: start');
      git('branch', 'v1.0.0');
      await expect(commitsSince(dir.path, 'v1.0.0')).rejects.toThrow(
        /^git log failed with exit code 128: fatal: .*refs\/tags\/v1\.0\.0\.\.HEAD/,
      );
      await expect(commitsSince(dir.path, '--all')).rejects.toBeInstanceOf(
        GitError,
      );
    });
  });
});
