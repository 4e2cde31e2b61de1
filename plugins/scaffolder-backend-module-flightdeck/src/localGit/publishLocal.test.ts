import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuthorOf } from '../git/defaultAuthor';
import { runGit } from '../git/runGit';
import { temporaryDirectories } from '../__testUtils__/temporaryDirectories';
import { LocalGitHost } from './LocalGitHost';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

jest.setTimeout(20_000);

// The real git runs; a test can make one git command fail.
const mockGitFailure: { command?: string } = {};
jest.mock('../git/runGit', () => {
  const actual = jest.requireActual('../git/runGit');
  return {
    ...actual,
    runGit: jest.fn((args: string[], options: unknown) =>
      args[0] === mockGitFailure.command
        ? Promise.reject(new Error(`git ${args[0]} went wrong`))
        : actual.runGit(args, options),
    ),
  };
});

/** Runs git for the test's own checks, away from the action's safety net. */
function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  }).trim();
}

describe('flightdeck:publish:local', () => {
  const createTemporaryDirectory = temporaryDirectories();
  const workspace = createMockDirectory();
  const host = createMockDirectory();
  const clones = createMockDirectory();

  const localGitHost = new LocalGitHost(
    host.path,
    'https://portal.skyhop.example',
  );
  const action = createPublishLocalAction({
    localGitHost,
    author: { name: 'Scaffolder Bot', email: 'bot@example.com' },
  });

  /** A task's context, with its own temporary folders. */
  const contextOf = (input: Record<string, any>) => ({
    ...createMockActionContext({
      input,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock(),
    }),
    checkpoint: jest.fn(async (opts: { fn: () => unknown }) => opts.fn()),
    createTemporaryDirectory,
  });

  beforeEach(() => {
    mockGitFailure.command = undefined;
    jest.mocked(runGit).mockClear();
    workspace.setContent({
      'README.md': '# payments-ledger\n',
      'src/index.ts': 'export {};\n',
      'service/package.json': '{"name":"service"}\n',
    });
    host.clear();
    clones.clear();
  });

  const run = async (
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = { ...contextOf(input), ...extra };
    await action.handler(ctx as any);
    return {
      ctx,
      outputs: Object.fromEntries(jest.mocked(ctx.output).mock.calls),
    };
  };

  const clone = (remoteUrl: string) => {
    git(clones.path, 'clone', '--quiet', remoteUrl, 'clone');
    return join(clones.path, 'clone');
  };

  it('publishes the workspace as a bare repository that git can clone', async () => {
    const { outputs } = await run({
      name: 'payments-ledger',
      description: 'Keeps the ledger',
    });
    const barePath = join(host.path, 'payments-ledger.git');
    expect(outputs).toEqual({
      remoteUrl: barePath,
      cloneCommand: `git clone '${barePath}'`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      defaultBranch: 'main',
      repoContentsUrl:
        'https://portal.skyhop.example/api/local-git/payments-ledger/blob/main/',
      catalogInfoUrl:
        'https://portal.skyhop.example/api/local-git/payments-ledger/blob/main/catalog-info.yaml',
    });
    expect(git(barePath, 'rev-parse', '--is-bare-repository')).toBe('true');
    expect(readFileSync(join(barePath, 'description'), 'utf8')).toBe(
      'Keeps the ledger\n',
    );

    const dir = clone(outputs.remoteUrl);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(
      '# payments-ledger\n',
    );
    expect(git(dir, 'ls-files').split('\n').sort()).toEqual([
      'README.md',
      'service/package.json',
      'src/index.ts',
    ]);
    expect(git(dir, 'branch', '--show-current')).toBe('main');
    expect(git(dir, 'log', '--format=%an <%ae>|%cn <%ce>|%s|%H')).toBe(
      `Scaffolder Bot <bot@example.com>|Scaffolder Bot <bot@example.com>|Initial commit|${outputs.commitHash}`,
    );
    // The workspace itself is left as it was.
    expect(existsSync(join(workspace.path, '.git'))).toBe(false);
  });

  it('takes the branch, message and author from the input', async () => {
    const { outputs } = await run({
      name: 'ledger',
      defaultBranch: 'release/v1',
      gitCommitMessage: "Scaffold 'ledger'",
      gitAuthorName: 'Ada Lovelace',
      gitAuthorEmail: 'ada@example.com',
    });
    expect(outputs.defaultBranch).toBe('release/v1');
    const dir = clone(outputs.remoteUrl);
    expect(git(dir, 'branch', '--show-current')).toBe('release/v1');
    expect(git(dir, 'log', '--format=%an <%ae>|%s')).toBe(
      "Ada Lovelace <ada@example.com>|Scaffold 'ledger'",
    );
  });

  it('falls back to the built-in author without scaffolder.defaultAuthor', async () => {
    const bare = createPublishLocalAction({
      localGitHost,
      author: defaultAuthorOf(new ConfigReader({})),
    });
    await bare.handler(contextOf({ name: 'ledger' }) as any);
    const dir = clone(join(host.path, 'ledger.git'));
    expect(git(dir, 'log', '--format=%an <%ae>')).toBe(
      'Flightdeck <flightdeck@localhost>',
    );
  });

  it('publishes only the sourcePath folder', async () => {
    const { outputs } = await run({ name: 'service', sourcePath: './service' });
    const dir = clone(outputs.remoteUrl);
    expect(git(dir, 'ls-files')).toBe('package.json');
  });

  it('refuses a repository that already exists', async () => {
    await run({ name: 'payments-ledger' });
    const before = git(
      join(host.path, 'payments-ledger.git'),
      'rev-parse',
      'refs/heads/main',
    );
    await expect(run({ name: 'payments-ledger' })).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        "Repository 'payments-ledger' already exists on the local git host",
    });
    expect(
      git(
        join(host.path, 'payments-ledger.git'),
        'rev-parse',
        'refs/heads/main',
      ),
    ).toBe(before);
  });

  it.each([
    [{ name: '../evil' }, /Invalid repository name '..\/evil'/],
    [{ name: 'a/b' }, /Invalid repository name 'a\/b'/],
    [{ name: 'x.git' }, /leave out the ".git" ending/],
    [{ name: 'UPPER' }, /Invalid repository name 'UPPER'/],
    [{ name: '' }, /Invalid repository name '': it is empty/],
    [{ name: 'a..b' }, /may not contain "\.\."/],
    [{ name: 'ok', defaultBranch: '-main' }, /Invalid branch name '-main'/],
    [{ name: 'ok', defaultBranch: 'a..b' }, /Invalid branch name 'a\.\.b'/],
    [{ name: 'ok', defaultBranch: 'a//b' }, /Invalid branch name/],
    [{ name: 'ok', defaultBranch: 'feature/' }, /Invalid branch name/],
    [{ name: 'ok', defaultBranch: 'main.lock' }, /Invalid branch name/],
    [{ name: 'ok', defaultBranch: 'a/.hidden' }, /Invalid branch name/],
    [{ name: 'ok', defaultBranch: 'has space' }, /Invalid branch name/],
    [{ name: 'ok', defaultBranch: 'HEAD' }, /Invalid branch name 'HEAD'/],
    [{ name: 'ok', sourcePath: '../' }, /outside the workspace/],
    [{ name: 'ok', sourcePath: 'service/../../x' }, /outside the workspace/],
    [{ name: 'ok', sourcePath: '/etc' }, /must be relative/],
    [{ name: 'ok', sourcePath: 'missing' }, /does not exist/],
    [{ name: 'ok', sourcePath: 'README.md' }, /is not a folder/],
  ])('refuses %j and writes nothing', async (input, message) => {
    for (const isDryRun of [false, true]) {
      await expect(run(input, { isDryRun })).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    }
    expect(host.content()).toEqual({});
    expect(existsSync(join(workspace.path, '.git'))).toBe(false);
  });

  it('refuses a sourcePath that leaves the workspace through a symlink', async () => {
    workspace.addContent({ out: ({ symlink }) => symlink(clones.path) });
    await expect(run({ name: 'ok', sourcePath: 'out' })).rejects.toThrow(
      /outside the workspace/,
    );
    expect(host.content()).toEqual({});
  });

  it('writes nothing in a dry run, and tells where the repository would go', async () => {
    const { ctx, outputs } = await run(
      { name: 'payments-ledger' },
      { isDryRun: true },
    );
    const barePath = join(host.path, 'payments-ledger.git');
    expect(outputs).toEqual({
      remoteUrl: barePath,
      cloneCommand: `git clone '${barePath}'`,
      commitHash: '0'.repeat(40),
      repoContentsUrl: expect.stringContaining('/payments-ledger/blob/main/'),
      catalogInfoUrl: expect.stringContaining('/blob/main/catalog-info.yaml'),
      defaultBranch: 'main',
    });
    expect(host.content()).toEqual({});
    expect(existsSync(join(workspace.path, '.git'))).toBe(false);
    expect(ctx.checkpoint).not.toHaveBeenCalled();
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Dry run'),
    );
  });

  it('returns the stored result of a replayed checkpoint without running git again', async () => {
    const checkpoint = jest.fn(async () => ({ commitHash: 'abc' }));
    const { outputs } = await run({ name: 'payments-ledger' }, { checkpoint });
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'publish.local.payments-ledger' }),
    );
    expect(outputs.commitHash).toBe('abc');
    expect(outputs.remoteUrl).toBe(join(host.path, 'payments-ledger.git'));
    expect(runGit).not.toHaveBeenCalled();
    expect(host.content()).toEqual({});
  });

  it('says how to configure the host when it is not configured', async () => {
    const unconfigured = createPublishLocalAction({
      localGitHost: LocalGitHost.fromConfig(new ConfigReader({})),
      author: defaultAuthorOf(new ConfigReader({})),
    });
    await expect(
      unconfigured.handler(contextOf({ name: 'payments-ledger' }) as any),
    ).rejects.toThrow(/set flightdeck\.localGitHost\.directory/);
  });

  it("never runs the workspace's own git hooks, nor takes its history", async () => {
    git(workspace.path, 'init', '--quiet', '--initial-branch=old');
    workspace.addContent({
      '.git/hooks/pre-commit': '#!/bin/sh\ntouch "$0.ran"\nexit 1\n',
      '.git/hooks/post-commit': '#!/bin/sh\ntouch "$0.ran"\nexit 1\n',
    });
    chmodSync(join(workspace.path, '.git/hooks/pre-commit'), 0o755);
    chmodSync(join(workspace.path, '.git/hooks/post-commit'), 0o755);

    const { outputs } = await run({ name: 'hooked' });
    expect(existsSync(join(workspace.path, '.git/hooks/pre-commit.ran'))).toBe(
      false,
    );
    expect(existsSync(join(workspace.path, '.git/hooks/post-commit.ran'))).toBe(
      false,
    );
    const dir = clone(outputs.remoteUrl);
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(dir, 'ls-files')).not.toContain('.git/');
  });

  it('removes the half-made repository when the push fails, so a retry starts clean', async () => {
    mockGitFailure.command = 'push';
    await expect(run({ name: 'payments-ledger' })).rejects.toThrow(
      'git push went wrong',
    );
    expect(host.content()).toEqual({});

    mockGitFailure.command = undefined;
    const { outputs } = await run({ name: 'payments-ledger' });
    expect(git(clone(outputs.remoteUrl), 'ls-files')).toContain('README.md');
  });

  describe('examples', () => {
    const runExample = (index: number) =>
      run(exampleInput(examples[index], action.id));

    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Publish the workspace as a new repository',
        'Publish one folder of the workspace, on a named branch, with a given author',
      ]);
    });

    it('publishes the workspace as a new repository', async () => {
      const { outputs } = await runExample(0);
      const barePath = join(host.path, 'payments-ledger.git');
      expect(outputs).toMatchObject({
        remoteUrl: barePath,
        defaultBranch: 'main',
      });
      expect(readFileSync(join(barePath, 'description'), 'utf8')).toBe(
        'Keeps the ledger of every payment\n',
      );
      const dir = clone(outputs.remoteUrl);
      expect(git(dir, 'ls-files').split('\n').sort()).toEqual([
        'README.md',
        'service/package.json',
        'src/index.ts',
      ]);
      expect(git(dir, 'log', '--format=%an|%s')).toBe(
        'Scaffolder Bot|Initial commit',
      );
    });

    it('publishes one folder, on a named branch, with a given author', async () => {
      const { outputs } = await runExample(1);
      expect(outputs.defaultBranch).toBe('trunk');
      const dir = clone(outputs.remoteUrl);
      expect(git(dir, 'branch', '--show-current')).toBe('trunk');
      expect(git(dir, 'ls-files')).toBe('package.json');
      expect(git(dir, 'log', '--format=%an <%ae>|%s')).toBe(
        'Platform Engineering <platform@example.com>|Scaffold payments-ledger',
      );
    });
  });
});
