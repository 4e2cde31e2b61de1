import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from '../git/runGit';
import { temporaryDirectories } from '../__testUtils__/temporaryDirectories';
import {
  localHostComponent,
  paymentsComponent,
} from '../__testUtils__/entities';
import { LocalGitHost } from './LocalGitHost';
import { createPublishLocalAction } from './publishLocal';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createPublishLocalBranchAction } from './publishLocalBranch';
import { examples } from './publishLocalBranch.examples';

jest.setTimeout(20_000);

// The real git runs; a test can slip something in before one command.
jest.mock('../git/runGit', () => {
  const actual = jest.requireActual('../git/runGit');
  return { ...actual, runGit: jest.fn(actual.runGit) };
});
const { runGit: realRunGit } = jest.requireActual('../git/runGit');

const read = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('flightdeck:publish:local:branch', () => {
  const createTemporaryDirectory = temporaryDirectories();
  const host = createMockDirectory();
  const workspace = createMockDirectory();
  const scratch = createMockDirectory();

  const catalog = catalogServiceMock({
    entities: [
      localHostComponent('payments-ledger'),
      paymentsComponent('fraud-detector', {
        'backstage.io/managed-by-location':
          'url:https://github.com/skyhop/fraud-detector/blob/main/catalog-info.yaml',
      }),
      // Registered by an administrator, its code in payments-ledger.
      paymentsComponent('ledger-worker', {
        'backstage.io/managed-by-origin-location':
          'file:/portal/catalog/all.yaml',
        'backstage.io/managed-by-location': 'file:/portal/catalog/all.yaml',
        'backstage.io/source-location':
          'url:http://localhost:7007/api/local-git/payments-ledger/blob/main/worker/',
      }),
      // Registered by someone from a repository of their own, claiming
      // payments-ledger.
      paymentsComponent('mallory-ledger', {
        'backstage.io/managed-by-location':
          'url:http://localhost:7007/api/local-git/mallory/blob/main/catalog-info.yaml',
        'backstage.io/source-location':
          'url:http://localhost:7007/api/local-git/payments-ledger/blob/main/',
      }),
      // Its code is on GitHub, whatever its catalog file says.
      paymentsComponent('ledger-mirror', {
        'backstage.io/managed-by-location':
          'url:http://localhost:7007/api/local-git/payments-ledger/blob/main/mirror.yaml',
        'github.com/project-slug': 'skyhop/ledger-mirror',
      }),
    ],
  });
  const localGitHost = new LocalGitHost(host.path);
  const author = { name: 'Scaffolder Bot', email: 'bot@example.com' };

  /**
   * The permission policy: admins may release any repository by its name,
   * the owners of an entity may deploy it.
   */
  let initiator: { admin?: boolean; owns?: string[] };
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    (requests as AuthorizePermissionRequest[]).map(request => {
      const allowed =
        request.permission.name === 'flightdeck.release.repository'
          ? initiator.admin
          : request.permission.name === 'deployments.deploy' &&
            initiator.owns?.includes(request.resourceRef!);
      return {
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }),
  );
  const action = createPublishLocalBranchAction({
    localGitHost,
    author,
    catalog,
    permissions,
    trust: RepositoryTrust.fromConfig(
      new ConfigReader({
        backend: { baseUrl: 'http://localhost:7007' },
        catalog: {
          locations: [{ type: 'file', target: '/portal/catalog/all.yaml' }],
        },
      }),
    ),
  });
  const barePath = join(host.path, 'payments-ledger.git');

  /** Publishes `files` as repository payments-ledger, branch main. */
  const seed = async (files: Parameters<typeof scratch.setContent>[0]) => {
    scratch.setContent(files);
    await createPublishLocalAction({ localGitHost, author }).handler({
      ...createMockActionContext({
        input: { name: 'payments-ledger', gitCommitMessage: 'feat: start' },
        workspacePath: scratch.path,
      }),
      createTemporaryDirectory,
    } as any);
  };

  beforeEach(async () => {
    initiator = { owns: ['component:default/payments-ledger'] };
    permissions.authorize.mockClear();
    jest.mocked(runGit).mockImplementation(realRunGit);
    host.clear();
    await seed({
      'README.md': '# payments-ledger\n',
      'tsconfig.json': '{"old":true}\n',
      '.editorconfig': 'root = true\n',
    });
    jest.mocked(runGit).mockClear();
    workspace.setContent({
      update: {
        'tsconfig.json': '{"new":true}\n',
        '.prettierrc.json': '{}\n',
        '.flightdeck': { 'shared-configs.json': '{"version":"1.0.0"}\n' },
      },
    });
  });

  const input = {
    repository: 'payments-ledger',
    branchName: 'flightdeck/shared-configs',
    sourcePath: './update',
    commitMessage: 'chore: update the shared configs to 1.0.0',
  } as const;

  const run = async (
    overrides: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = {
      ...createMockActionContext({
        input: { ...input, ...overrides },
        workspacePath: workspace.path,
      }),
      checkpoint: jest.fn(async (opts: { fn: () => unknown }) => opts.fn()),
      createTemporaryDirectory,
      getInitiatorCredentials: jest.fn(async () => mockCredentials.user()),
      ...extra,
    };
    await action.handler(ctx as any);
    return {
      ctx,
      outputs: Object.fromEntries(jest.mocked(ctx.output).mock.calls),
    };
  };

  const branches = () => read(barePath, 'branch', '--format=%(refname:short)');
  const fileOn = (ref: string, path: string) =>
    read(barePath, 'show', `${ref}:${path}`);

  it('pushes a branch that lays the folder over the default branch, deleting nothing', async () => {
    const main = read(barePath, 'rev-parse', 'main');
    const { outputs } = await run();

    expect(outputs).toEqual({
      branchName: 'flightdeck/shared-configs',
      defaultBranch: 'main',
      commitHash: read(barePath, 'rev-parse', 'flightdeck/shared-configs'),
      changedFiles: [
        '.flightdeck/shared-configs.json',
        '.prettierrc.json',
        'tsconfig.json',
      ],
      remoteUrl: barePath,
      compareCommand: `git clone --quiet '${barePath}' 'payments-ledger' && git -C 'payments-ledger' diff 'origin/main...origin/flightdeck/shared-configs'`,
      branchContentsUrl:
        'http://localhost:7007/api/local-git/payments-ledger/blob/flightdeck/shared-configs/',
    });
    const branch = 'flightdeck/shared-configs';
    expect(fileOn(branch, 'tsconfig.json')).toBe('{"new":true}');
    expect(fileOn(branch, '.prettierrc.json')).toBe('{}');
    expect(fileOn(branch, 'README.md')).toBe('# payments-ledger');
    expect(fileOn(branch, '.editorconfig')).toBe('root = true');
    expect(read(barePath, 'rev-parse', `${branch}~1`)).toBe(main);
    expect(
      read(barePath, 'log', '-1', '--format=%an <%ae>|%cn|%s', branch),
    ).toBe(
      'Scaffolder Bot <bot@example.com>|Scaffolder Bot|chore: update the shared configs to 1.0.0',
    );
    // The default branch stays where it was.
    expect(read(barePath, 'rev-parse', 'main')).toBe(main);
  });

  it('gives a compare command that shows the change', async () => {
    const { outputs } = await run();
    const diff = execFileSync('sh', ['-c', outputs.compareCommand], {
      cwd: scratch.path,
      encoding: 'utf8',
    });
    expect(diff).toContain('-{"old":true}');
    expect(diff).toContain('+{"new":true}');
    expect(diff).not.toContain('README.md');
  });

  it('writes into targetPath, and takes symlinks as links', async () => {
    workspace.addContent({
      update: { 'docs-link': ({ symlink }) => symlink('../README.md') },
    });
    await run({ targetPath: 'config/shared' });
    const branch = 'flightdeck/shared-configs';
    expect(fileOn(branch, 'config/shared/tsconfig.json')).toBe('{"new":true}');
    expect(fileOn(branch, 'config/shared/docs-link')).toBe('../README.md');
    expect(
      read(barePath, 'ls-tree', branch, 'config/shared/docs-link'),
    ).toMatch(/^120000 /);
    expect(fileOn(branch, 'tsconfig.json')).toBe('{"old":true}');
  });

  it("never writes through the repository's own symlinks, nor takes the source's .git", async () => {
    const outside = createMockDirectory();
    host.clear();
    await seed({ config: ({ symlink }) => symlink(outside.path) });
    workspace.setContent({
      update: {
        config: { 'evil.json': '{}\n' },
        '.git': { config: '[core]\n' },
      },
    });
    const { outputs } = await run();
    expect(outside.content()).toEqual({});
    expect(outputs.changedFiles).toEqual(['config', 'config/evil.json']);
    expect(
      read(barePath, 'ls-tree', '-r', '--name-only', input.branchName),
    ).toBe('config/evil.json');
  });

  it('finds the repository of a catalog entity', async () => {
    const { ctx, outputs } = await run({
      repository: undefined,
      entityRef: 'component:default/payments-ledger',
    });
    expect(outputs.remoteUrl).toBe(barePath);
    expect(ctx.getInitiatorCredentials).toHaveBeenCalled();
    expect(branches()).toContain('flightdeck/shared-configs');
  });

  it.each([
    [
      { repository: undefined, entityRef: 'fraud-detector' },
      'InputError',
      /lives on GitHub \(skyhop\/fraud-detector\).*publish:github:pull-request/,
    ],
    [
      { repository: undefined, entityRef: 'component:default/nope' },
      'NotFoundError',
      /No entity component:default\/nope in the catalog/,
    ],
    [{ entityRef: 'payments-ledger' }, 'InputError', /not both/],
    [{ repository: '' }, 'InputError', /Give repository .* or entityRef/],
    [{ repository: '../etc' }, 'InputError', /Invalid repository name/],
    [{ commitMessage: 'Update configs' }, 'InputError', /Conventional Commit/],
    [{ branchName: '-x' }, 'InputError', /Invalid branch name '-x'/],
    [{ branchName: 'a..b' }, 'InputError', /Invalid branch name/],
    [{ branchName: 'has space' }, 'InputError', /Invalid branch name/],
    [{ branchName: 'x.lock' }, 'InputError', /Invalid branch name/],
    [{ branchName: 'feature/' }, 'InputError', /Invalid branch name/],
    [{ branchName: '@{-1}' }, 'InputError', /Invalid branch name/],
    [{ branchName: 'HEAD' }, 'InputError', /Invalid branch name/],
    [{ sourcePath: '../' }, 'InputError', /outside the workspace/],
    [{ sourcePath: '/etc' }, 'InputError', /must be relative to the workspace/],
    [{ sourcePath: 'missing' }, 'InputError', /does not exist/],
    [{ sourcePath: 'update/tsconfig.json' }, 'InputError', /is not a folder/],
    [{ targetPath: '../x' }, 'InputError', /outside the repository/],
    [{ targetPath: '.git/hooks' }, 'InputError', /inside .git/],
  ])('refuses %j and pushes nothing', async (overrides, name, message) => {
    for (const isDryRun of [false, true]) {
      await expect(run(overrides, { isDryRun })).rejects.toMatchObject({
        name,
        message: expect.stringMatching(message),
      });
    }
    expect(branches()).toBe('main');
  });

  it("lets the owners of a service whose code the repository holds push, asking with the initiator's credentials", async () => {
    const credentials = mockCredentials.user('user:default/priya');
    await run({}, { getInitiatorCredentials: async () => credentials });
    expect(branches()).toContain('flightdeck/shared-configs');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'flightdeck.release.repository',
          }),
        },
        {
          permission: expect.objectContaining({ name: 'deployments.deploy' }),
          resourceRef: 'component:default/payments-ledger',
        },
        {
          permission: expect.objectContaining({ name: 'deployments.deploy' }),
          resourceRef: 'component:default/ledger-worker',
        },
      ],
      { credentials },
    );
  });

  it('counts a service that an administrator registered with its code in the repository', async () => {
    initiator = { owns: ['component:default/ledger-worker'] };
    await run();
    expect(branches()).toContain('flightdeck/shared-configs');
  });

  it.each([
    ['nothing', {}],
    [
      'only a service whose claim on the repository is not trusted',
      { owns: ['component:default/mallory-ledger'] },
    ],
    [
      'only a service whose code is elsewhere, whatever its catalog file says',
      { owns: ['component:default/ledger-mirror'] },
    ],
  ])(
    'refuses a user who owns %s, dry run too, and pushes nothing',
    async (_, who) => {
      initiator = who;
      for (const isDryRun of [false, true]) {
        for (const overrides of [
          {},
          { repository: undefined, entityRef: 'mallory-ledger' },
        ]) {
          await expect(run(overrides, { isDryRun })).rejects.toMatchObject({
            name: 'NotAllowedError',
            message:
              'Only admins and the owners of component:default/payments-ledger and component:default/ledger-worker may push a branch to local:payments-ledger',
          });
        }
      }
      expect(branches()).toBe('main');
    },
  );

  it('lets admins push to any repository, and tells them when it does not exist', async () => {
    initiator = { admin: true };
    await run();
    expect(branches()).toContain('flightdeck/shared-configs');
    await expect(run({ repository: 'unknown' })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "No repository 'unknown' on the local git host",
    });
  });

  it('leaves a repository that no trusted service lives in to the admins, without telling whether it exists', async () => {
    for (const repository of ['unknown', 'mallory']) {
      await expect(run({ repository })).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `Only admins may push a branch to local:${repository}: no entity of the catalog that may act on it (see flightdeck.trust) holds its code`,
      });
    }
  });

  it('refuses a sourcePath that leaves the workspace through a symlink', async () => {
    workspace.addContent({ out: ({ symlink }) => symlink(scratch.path) });
    await expect(run({ sourcePath: 'out' })).rejects.toThrow(
      /outside the workspace/,
    );
    expect(branches()).toBe('main');
  });

  it('refuses a branch that exists already, and leaves it alone', async () => {
    await run();
    const before = read(barePath, 'rev-parse', input.branchName);
    workspace.addContent({ update: { 'tsconfig.json': '{"newer":true}\n' } });
    for (const isDryRun of [false, true]) {
      await expect(run({}, { isDryRun })).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          "Branch 'flightdeck/shared-configs' already exists in repository 'payments-ledger' on the local git host",
      });
    }
    expect(read(barePath, 'rev-parse', input.branchName)).toBe(before);
  });

  it('refuses a branch that another task pushed while this one staged', async () => {
    jest.mocked(runGit).mockImplementation(async (args, options) => {
      if (args[0] === 'push') {
        await realRunGit(['branch', input.branchName, 'main'], {
          cwd: barePath,
        });
      }
      return realRunGit(args, options);
    });
    await expect(run()).rejects.toMatchObject({ name: 'ConflictError' });
    expect(read(barePath, 'rev-parse', input.branchName)).toBe(
      read(barePath, 'rev-parse', 'main'),
    );
  });

  it('refuses a folder that changes nothing', async () => {
    workspace.setContent({
      update: {
        'README.md': '# payments-ledger\n',
        'tsconfig.json': '{"old":true}\n',
      },
    });
    for (const isDryRun of [false, true]) {
      await expect(run({}, { isDryRun })).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^Nothing to change: main of 'payments-ledger' already has every file of \.\/update/,
        ),
      });
    }
    expect(branches()).toBe('main');
  });

  it('pushes nothing in a dry run, and tells what the branch would change', async () => {
    const { ctx, outputs } = await run({}, { isDryRun: true });
    expect(outputs).toMatchObject({
      branchName: 'flightdeck/shared-configs',
      commitHash: '0'.repeat(40),
      changedFiles: [
        '.flightdeck/shared-configs.json',
        '.prettierrc.json',
        'tsconfig.json',
      ],
      remoteUrl: barePath,
    });
    expect(branches()).toBe('main');
    expect(ctx.checkpoint).not.toHaveBeenCalled();
  });

  it('returns the stored result of a replayed checkpoint without pushing again', async () => {
    const stored = {
      commitHash: 'abc',
      defaultBranch: 'main',
      changedFiles: ['tsconfig.json'],
    };
    const checkpoint = jest.fn(async () => stored);
    const { outputs } = await run({}, { checkpoint });
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: 'publish.local.branch.payments-ledger.flightdeck/shared-configs',
      }),
    );
    expect(outputs).toMatchObject(stored);
    expect(runGit).not.toHaveBeenCalled();
    expect(branches()).toBe('main');
  });

  it('leaves the workspace as it was', async () => {
    await run();
    expect(existsSync(join(workspace.path, 'update/.git'))).toBe(false);
    expect(workspace.content()).toEqual({
      update: {
        'tsconfig.json': '{"new":true}\n',
        '.prettierrc.json': '{}\n',
        '.flightdeck': { 'shared-configs.json': '{"version":"1.0.0"}\n' },
      },
    });
  });

  describe('examples', () => {
    const runExample = (index: number) =>
      run(
        {},
        {
          input: exampleInput(examples[index], action.id, {
            'parameters.service': 'component:default/payments-ledger',
          }),
        },
      );
    const commitOf = (ref: string) =>
      read(barePath, 'show', '--format=%s', '--name-only', ref);

    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Propose updated files on a branch',
        'Find the repository from a catalog entity, and write into a folder of it',
      ]);
    });

    it('proposes updated files on a branch', async () => {
      const { outputs } = await runExample(0);
      expect(outputs.branchName).toBe('flightdeck/shared-configs');
      expect(commitOf('flightdeck/shared-configs')).toBe(
        [
          'chore: update the shared configs to 1.1.0',
          '',
          '.flightdeck/shared-configs.json',
          '.prettierrc.json',
          'tsconfig.json',
        ].join('\n'),
      );
    });

    it('finds the repository from a catalog entity, and writes into a folder of it', async () => {
      workspace.addContent({ docs: { 'runbook.md': '# Runbook\n' } });
      const { outputs } = await runExample(1);
      expect(outputs).toMatchObject({
        branchName: 'docs/runbook',
        remoteUrl: barePath,
        changedFiles: ['docs/runbook.md'],
      });
      expect(fileOn('docs/runbook', 'docs/runbook.md')).toBe('# Runbook');
      expect(commitOf('docs/runbook')).toBe(
        'docs: add the runbook\n\ndocs/runbook.md',
      );
    });
  });
});
