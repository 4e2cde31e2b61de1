import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { temporaryDirectories } from '../__testUtils__/temporaryDirectories';
import { FakeGithubRepository } from './github/__testUtils__/FakeGithubRepository';
import { exampleInput } from '../__testUtils__/exampleInput';
import { createReleaseCreateAction } from './releaseCreate';
import { examples } from './releaseCreate.examples';

const host = createMockDirectory();
const work = createMockDirectory();
const bare = join(host.path, 'ledger.git');

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/payments' },
});
const catalog = catalogServiceMock({
  entities: [
    component('ledger', {
      'backstage.io/managed-by-location':
        'url:http://localhost:7007/api/local-git/ledger/blob/main/catalog-info.yaml',
    }),
    component('payments-ledger', {
      'backstage.io/managed-by-location':
        'url:https://github.com/skyhop/payments-ledger/blob/main/catalog-info.yaml',
      'github.com/project-slug': 'skyhop/payments-ledger',
    }),
    // Registered from elsewhere; flightdeck.trust.repositories grants it.
    component('fraud-scores', {
      'backstage.io/managed-by-location':
        'url:https://ghe.skyhop.example/risk/catalog/blob/main/all.yaml',
      'backstage.io/source-location':
        'url:https://ghe.skyhop.example/risk/fraud-scores/tree/main/',
    }),
    // Registered by someone from a repository of their own, claiming another's.
    component('mallory-ledger', {
      'backstage.io/managed-by-location':
        'url:http://localhost:7007/api/local-git/mallory/blob/main/catalog-info.yaml',
      'backstage.io/source-location':
        'url:http://localhost:7007/api/local-git/ledger/blob/main/',
    }),
    component('mallory-payments', {
      'backstage.io/managed-by-location':
        'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml',
      'github.com/project-slug': 'skyhop/payments-ledger',
    }),
    component('legacy-billing', {
      'backstage.io/source-location':
        'url:https://gitlab.skyhop.example/billing/legacy/-/tree/main/',
    }),
  ],
});
const permissions = mockServices.permissions.mock();
const config = new ConfigReader({
  flightdeck: {
    trust: {
      repositories: [
        {
          repository: 'ghe.skyhop.example/risk/fraud-scores',
          entities: ['fraud-scores'],
        },
      ],
    },
  },
  integrations: {
    github: [
      { host: 'github.com', token: 'ghp_test' },
      {
        host: 'ghe.skyhop.example',
        apiBaseUrl: 'https://ghe.skyhop.example/api/v3',
        token: 'ghe_test',
      },
    ],
    gitlab: [
      {
        host: 'gitlab.skyhop.example',
        apiBaseUrl: 'https://gitlab.skyhop.example/api/v4',
        token: 'glpat_test',
      },
    ],
  },
});
const integrations = ScmIntegrations.fromConfig(config);
const action = createReleaseCreateAction({
  integrations,
  githubCredentialsProvider:
    DefaultGithubCredentialsProvider.fromIntegrations(integrations),
  localGitHost: new LocalGitHost(host.path),
  author: { name: 'Release Bot', email: 'rb@example.com' },
  catalog,
  permissions,
  trust: RepositoryTrust.fromConfig(config),
});
const createTemporaryDirectory = temporaryDirectories();

/** The scaffolder's checkpoints across the runs of one task. */
function taskCheckpoints() {
  const saved = new Map<string, unknown>();
  const checkpoint = jest.fn(
    async ({ key, fn }: { key: string; fn: () => unknown }) => {
      if (!saved.has(key)) saved.set(key, await fn());
      return saved.get(key);
    },
  );
  return { saved, checkpoint };
}

beforeEach(() => {
  permissions.authorize.mockReset();
  permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.ALLOW }]);
});

const run = async (input: object, extra: object = {}) => {
  const ctx = {
    ...createMockActionContext({ workspacePath: work.path }),
    input,
    createTemporaryDirectory,
    ...extra,
  };
  await action.handler(ctx as any);
  return Object.fromEntries(jest.mocked(ctx.output).mock.calls);
};

describe('flightdeck:release:create on the local git host', () => {
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
    expect(first).toMatchObject({
      repository: 'ledger',
      version: '0.1.0',
      tag: 'v0.1.0',
    });
    expect(first).not.toHaveProperty('releaseUrl');
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
    const { checkpoint } = taskCheckpoints();
    const first = await run({ repository: 'ledger' }, { checkpoint });
    expect(checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'release.local.ledger' }),
    );
    const main = git(bare, 'rev-parse', 'main');
    // Run again, as a retried task does: the release comes back as it was
    // made, where a new plan would find nothing to release.
    expect(await run({ repository: 'ledger' }, { checkpoint })).toEqual(first);
    expect(git(bare, 'rev-parse', 'main')).toBe(main);
    expect(git(bare, 'tag', '--list')).toBe('v0.1.0');
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

  describe('examples', () => {
    it('releases a repository of the local git host', async () => {
      const payments = join(host.path, 'payments-ledger.git');
      git(
        host.path,
        'init',
        '--quiet',
        '--bare',
        '--initial-branch=main',
        payments,
      );
      git(work.path, 'push', '--quiet', payments, 'HEAD:refs/heads/main');
      expect(await run(exampleInput(examples[0], action.id))).toMatchObject({
        repository: 'payments-ledger',
        tag: 'v0.1.0',
      });
      expect(git(payments, 'log', '-1', '--format=%an|%s', 'v0.1.0')).toBe(
        'Release Bot|chore(release): v0.1.0',
      );
    });

    it('releases the repository of a catalog entity on the local git host', async () => {
      const input = exampleInput(examples[2], action.id, {
        'parameters.component': 'component:default/ledger',
      });
      expect(await run(input)).toMatchObject({
        repository: 'ledger',
        tag: 'v0.1.0',
      });
      expect(git(bare, 'tag', '--list')).toBe('v0.1.0');
    });
  });
});

describe('flightdeck:release:create on GitHub', () => {
  const server = setupServer();
  let github: FakeGithubRepository;
  let requests: Request[];
  let firstCommit: string;

  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) => requests.push(request));
  });
  beforeEach(() => {
    requests = [];
    github = new FakeGithubRepository('skyhop', 'payments-ledger');
    server.resetHandlers(...github.handlers());
    firstCommit = github.commit('feat: first endpoint');
  });
  afterAll(() => server.close());

  const writes = () => requests.filter(r => r.method !== 'GET');
  const repoUrl = 'github.com?owner=skyhop&repo=payments-ledger';
  /** The outputs of the first release of the repository. */
  const firstReleaseOutputs = (commitHash: string) => ({
    repository: 'github.com/skyhop/payments-ledger',
    version: '0.1.0',
    tag: 'v0.1.0',
    changelog: expect.stringMatching(
      /^## 0\.1\.0 \(\d{4}-\d\d-\d\d\)\n\n### Features\n\n- first endpoint/,
    ),
    commitHash,
    releaseUrl: 'https://github.com/skyhop/payments-ledger/releases/tag/v0.1.0',
    // The commits the release brings, for lead time once it is deployed.
    changes: [{ sha: firstCommit, committedAt: '2024-03-06T12:00:00.000Z' }],
  });

  it('releases a repoUrl: CHANGELOG commit, annotated tag and GitHub release', async () => {
    const outputs = await run({ repoUrl });
    expect(outputs).toEqual(firstReleaseOutputs(github.head()));
    expect(github.file('CHANGELOG.md')).toBe(
      `# Changelog\n\n${outputs.changelog}`,
    );
    expect(github.tags.get('v0.1.0')).toMatchObject({
      commit: github.head(),
      object: expect.any(String),
    });
    expect(github.releases[0]).toMatchObject({ body: outputs.changelog });

    github.commit('fix(api): rounding');
    expect(await run({ repoUrl })).toMatchObject({
      version: '0.1.1',
      previousVersion: '0.1.0',
    });
  });

  it('plans only in a dry run: nothing but GET requests reach GitHub', async () => {
    const outputs = await run({ repoUrl }, { isDryRun: true });
    expect(outputs).toEqual({
      repository: 'github.com/skyhop/payments-ledger',
      version: '0.1.0',
      tag: 'v0.1.0',
      changelog: expect.stringContaining('first endpoint'),
      commitHash: '0'.repeat(40),
      changes: [{ sha: firstCommit, committedAt: '2024-03-06T12:00:00.000Z' }],
    });
    expect(requests.length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
  });

  it('does not write again when the task is retried', async () => {
    const { saved, checkpoint } = taskCheckpoints();
    const first = await run({ repoUrl }, { checkpoint });
    expect([...saved.keys()]).toEqual([
      'release.github.skyhop/payments-ledger',
    ]);
    expect(writes()).toHaveLength(4);

    requests = [];
    expect(await run({ repoUrl }, { checkpoint })).toEqual(first);
    expect(writes()).toEqual([]);
    expect(github.releases).toHaveLength(1);
  });

  /**
   * Runs a task that fails on GitHub's 502 to the POST to `path`, and gives
   * the checkpoints of its retries.
   */
  const firstRunFailingAt = async (path: string) => {
    const { saved, checkpoint } = taskCheckpoints();
    server.use(github.failsNextPost(path));
    await expect(run({ repoUrl }, { checkpoint })).rejects.toThrow(
      'Server Error',
    );
    expect(saved.size).toBe(0);
    return checkpoint;
  };

  it('completes a release that failed part-way when the task is retried', async () => {
    const checkpoint = await firstRunFailingAt('/git/tags');
    expect(github.tags.size).toBe(0);

    const outputs = await run({ repoUrl }, { checkpoint });
    expect(outputs).toMatchObject({
      version: '0.1.0',
      commitHash: github.head(),
    });
    expect(github.tags.get('v0.1.0')!.commit).toBe(github.head());
    expect(github.file('CHANGELOG.md')!.match(/## 0\.1\.0/g)).toHaveLength(1);
    expect(github.releases).toHaveLength(1);
  });

  it('completes a release whose GitHub release failed when the task is retried', async () => {
    const checkpoint = await firstRunFailingAt('/releases');
    const head = github.head();
    expect(github.tags.get('v0.1.0')!.commit).toBe(head);

    requests = [];
    const outputs = await run({ repoUrl }, { checkpoint });
    expect(outputs).toEqual(firstReleaseOutputs(head));
    expect(github.releases).toEqual([
      expect.objectContaining({ tag_name: 'v0.1.0', body: outputs.changelog }),
    ]);
    expect(writes().map(r => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      ['POST /repos/skyhop/payments-ledger/releases'],
    );
    expect(github.head()).toBe(head);
    expect(github.tags.size).toBe(1);

    github.commit('fix(api): rounding');
    expect(await run({ repoUrl })).toMatchObject({
      version: '0.1.1',
      previousVersion: '0.1.0',
    });
  });

  it('stops with a conflict when the branch moves under the CHANGELOG', async () => {
    github.commit('docs: start a changelog', {
      files: { 'CHANGELOG.md': '# Changelog\n' },
    });
    github.beforeFileUpdate = () =>
      github.commit('docs: reword it', {
        files: { 'CHANGELOG.md': '# Changes\n' },
      });
    await expect(run({ repoUrl })).rejects.toThrow(
      /^main of github\.com\/skyhop\/payments-ledger moved while v0\.1\.0 was planned, and GitHub refused the CHANGELOG commit \(CHANGELOG\.md does not match [0-9a-f]{40}.*\): retry the release$/,
    );
    expect(github.tags.size).toBe(0);
    expect(github.releases).toEqual([]);
  });

  it('releases the GitHub repository of a catalog entity, on its host', async () => {
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const credentials = mockCredentials.user('user:default/priya.raman');
    expect(
      await run(
        { entityRef: 'payments-ledger' },
        { getInitiatorCredentials: async () => credentials },
      ),
    ).toMatchObject({
      repository: 'github.com/skyhop/payments-ledger',
      version: '0.1.0',
    });
    expect(getEntityByRef).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'payments-ledger' },
      { credentials },
    );

    const ghe = new FakeGithubRepository('risk', 'fraud-scores', {
      apiBaseUrl: 'https://ghe.skyhop.example/api/v3',
      webBaseUrl: 'https://ghe.skyhop.example',
    });
    ghe.commit('fix: scores');
    server.use(...ghe.handlers());
    requests = [];
    expect(
      await run({ entityRef: 'component:default/fraud-scores' }),
    ).toMatchObject({
      repository: 'ghe.skyhop.example/risk/fraud-scores',
      releaseUrl:
        'https://ghe.skyhop.example/risk/fraud-scores/releases/tag/v0.1.0',
    });
    expect(requests.map(r => r.headers.get('authorization'))).toEqual(
      requests.map(() => 'token ghe_test'),
    );
  });

  it('refuses a GitHub repository claimed by an entity registered elsewhere, before asking GitHub', async () => {
    requests = [];
    const failure = run({ entityRef: 'mallory-payments' });
    await expect(failure).rejects.toThrow(
      'component:default/mallory-payments may not act on skyhop/payments-ledger',
    );
    await expect(failure).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(requests).toEqual([]);
    expect(github.tags.size).toBe(0);
  });

  describe('examples', () => {
    it('releases a GitHub repository chosen with RepoUrlPicker', async () => {
      expect(await run(exampleInput(examples[1], action.id))).toEqual(
        firstReleaseOutputs(github.head()),
      );
      expect(github.releases).toHaveLength(1);
    });

    it('forces a major release of an entity on GitHub', async () => {
      expect(await run(exampleInput(examples[3], action.id))).toMatchObject({
        repository: 'github.com/skyhop/payments-ledger',
        version: '1.0.0',
      });
      expect(github.releases[0]).toMatchObject({ tag_name: 'v1.0.0' });
    });
  });
});

describe('flightdeck:release:create from a catalog entity on the local git host', () => {
  beforeEach(() => {
    host.clear();
    work.clear();
    const git = (cwd: string, ...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args],
        { cwd },
      );
    git(host.path, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(work.path, 'init', '--quiet', '--initial-branch=main');
    git(work.path, 'commit', '--quiet', '--allow-empty', '-m', 'fix: first');
    git(work.path, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
  });

  it('releases the repository the entity was registered from', async () => {
    const outputs = await run({ entityRef: 'component:default/ledger' });
    expect(outputs).toMatchObject({ repository: 'ledger', tag: 'v0.1.0' });
    expect(
      execFileSync('git', ['tag', '--list'], { cwd: bare, encoding: 'utf8' }),
    ).toBe('v0.1.0\n');
  });

  it('asks for the permission that deploys the service, and writes nothing when it is refused', async () => {
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const failure = run({ entityRef: 'ledger' });
    await expect(failure).rejects.toThrow(
      'Only the owners of component:default/ledger and admins may release it',
    );
    await expect(failure).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'deployments.deploy' }),
          resourceRef: 'component:default/ledger',
        },
      ],
      expect.anything(),
    );
    expect(
      execFileSync('git', ['tag', '--list'], { cwd: bare, encoding: 'utf8' }),
    ).toBe('');
  });

  it("refuses to release another's repository through an entity registered elsewhere", async () => {
    const failure = run({ entityRef: 'mallory-ledger' });
    await expect(failure).rejects.toThrow(
      'component:default/mallory-ledger may not act on local:ledger: it was registered from url:http://localhost:7007/api/local-git/mallory/blob/main/catalog-info.yaml, which is neither an administrator location nor inside local:ledger; an administrator can grant it in flightdeck.trust.repositories',
    );
    await expect(failure).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(
      execFileSync('git', ['tag', '--list'], { cwd: bare, encoding: 'utf8' }),
    ).toBe('');
  });

  it('leaves releases of a repository named directly to the admins', async () => {
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    await expect(run({ repository: 'ledger' })).rejects.toThrow(
      'Only admins may release a repository by its name or URL; name the service with entityRef instead',
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'flightdeck.release.repository',
          }),
        },
      ],
      expect.anything(),
    );
  });
});

describe('flightdeck:release:create input', () => {
  it.each([
    [{}, /^Give the repository to release: repository/],
    [{ repository: '', repoUrl: '' }, /^Give the repository to release/],
    [
      { repository: 'ledger', repoUrl: 'github.com?owner=a&repo=b' },
      'Give only one of repository, repoUrl and entityRef, not repository and repoUrl',
    ],
    [
      { repoUrl: 'github.com?owner=a', entityRef: 'ledger' },
      'Give only one of repository, repoUrl and entityRef, not repoUrl and entityRef',
    ],
    [
      { entityRef: 'component:default/nothing' },
      'No entity component:default/nothing in the catalog',
    ],
    [{ entityRef: 'component:' }, /^Invalid entityRef 'component:'/],
    [
      { entityRef: 'legacy-billing' },
      /lives at https:\/\/gitlab\.skyhop\.example\/billing\/legacy\/-\/tree\/main\/, which is neither on Flightdeck's local git host nor on a configured GitHub host/,
    ],
    [
      { repoUrl: 'github.com?owner=skyhop' },
      /^Invalid repo URL .*missing repo/,
    ],
    [
      { repoUrl: 'github.com?owner=..&repo=x' },
      "Invalid repoUrl 'github.com?owner=..&repo=x'",
    ],
    [
      { repoUrl: 'bitbucket.example?owner=a&repo=b' },
      'No matching integration configuration for host bitbucket.example',
    ],
    [
      { repoUrl: 'gitlab.skyhop.example?owner=billing&repo=legacy' },
      'gitlab.skyhop.example is not a GitHub host',
    ],
  ])('refuses %j', async (input, message) => {
    const failure = run(input);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ name: 'InputError' });
  });
});

it('has a test for each example of flightdeck:release:create', () => {
  expect(examples.map(e => e.description)).toEqual([
    'Release a repository of the local git host with the version the commits call for',
    'Release a GitHub repository chosen with RepoUrlPicker',
    'Release the repository of a catalog entity, on GitHub or the local git host',
    'Force a major release',
  ]);
});
