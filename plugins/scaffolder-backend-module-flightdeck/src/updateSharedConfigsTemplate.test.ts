import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadSharedConfigs } from '@flightdeck/shared-configs';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { parse } from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LocalGitHost } from './localGit/LocalGitHost';
import { createPublishLocalAction } from './localGit/publishLocal';
import { createSharedConfigsApplyAction } from './sharedConfigs/sharedConfigsApply';
import { temporaryDirectories } from './__testUtils__/temporaryDirectories';
import {
  localHostComponent,
  paymentsComponent,
} from './__testUtils__/entities';
import { runTask } from './__testUtils__/runTask';
import { startScaffolderTestBackend } from './__testUtils__/startScaffolderTestBackend';
import { localGitUrlReaderFactory } from './localGit/localGitUrlReaderFactory';

jest.setTimeout(60_000);

const baseUrl = 'http://localhost:7007';
const host = createMockDirectory();
const seed = createMockDirectory();
const github = createMockDirectory();
const config = {
  backend: { baseUrl },
  flightdeck: { localGitHost: { directory: host.path } },
  integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
  scaffolder: {
    defaultAuthor: { name: 'Flightdeck', email: 'flightdeck@skyhop.example' },
  },
};

const onLocalHost = (name: string) => localHostComponent(name, { baseUrl });

/**
 * GitHub, as far as the template reads it: the files of `github` for any
 * repository on github.com.
 */
const fakeGithubReaders: ReaderFactory = ({ treeResponseFactory }) => [
  {
    predicate: url => url.host === 'github.com',
    reader: {
      readUrl: () => Promise.reject(new Error('not in this test')),
      search: () => Promise.reject(new Error('not in this test')),
      readTree: async () => {
        const files = Object.keys(github.content() ?? {});
        return treeResponseFactory.fromReadableArray(
          await Promise.all(
            files.map(async path => ({
              path,
              data: Readable.from([await readFile(join(github.path, path))]),
            })),
          ),
        );
      },
    },
  },
];

const createTemporaryDirectory = temporaryDirectories();

/** Publishes `files` as a repository of the local git host. */
async function publish(name: string, files: Record<string, string>) {
  seed.setContent(files);
  await createPublishLocalAction({
    localGitHost: LocalGitHost.fromConfig(new ConfigReader(config)),
    author: config.scaffolder.defaultAuthor,
  }).handler({
    ...createMockActionContext({
      input: { name, gitCommitMessage: 'feat: start' },
      workspacePath: seed.path,
    }),
    createTemporaryDirectory,
  } as any);
}

const branchesOf = (name: string) =>
  execFileSync('git', ['branch', '--format=%(refname:short)'], {
    cwd: join(host.path, `${name}.git`),
    encoding: 'utf8',
  })
    .trim()
    .split('\n');

let backend: Awaited<ReturnType<typeof startScaffolderTestBackend>>;
let template: any;

beforeAll(async () => {
  template = parse(
    await readFile(
      join(__dirname, '../../../templates/update-shared-configs.yaml'),
      'utf8',
    ),
  );
  template.metadata.namespace = 'default';

  await publish('payments-ledger', {
    'README.md': '# payments-ledger\n',
    'tsconfig.json': '{}\n',
  });
  seed.clear();
  await createSharedConfigsApplyAction().handler(
    createMockActionContext({ input: {}, workspacePath: seed.path }) as any,
  );
  await publish('booking-service', {
    ...(seed.content() as Record<string, string>),
    'README.md': '# booking-service\n',
  });

  backend = await startScaffolderTestBackend({
    config,
    entities: [
      onLocalHost('payments-ledger'),
      onLocalHost('booking-service'),
      paymentsComponent('fraud-detector', {
        'backstage.io/managed-by-location':
          'url:https://github.com/skyhop/fraud-detector/blob/main/catalog-info.yaml',
        'backstage.io/source-location':
          'url:https://github.com/skyhop/fraud-detector/tree/main/',
      }),
      template,
    ],
    features: [
      localGitUrlReaderFactory,
      createServiceFactory({
        service: urlReaderFactoriesServiceRef,
        deps: {},
        factory: async () => fakeGithubReaders,
      }),
    ],
  });
});
afterAll(() => backend?.stop());

async function dryRun(service: string) {
  const res = await request(backend.server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({ template, values: { service }, directoryContents: [] });
  expect(res.status).toBe(200);
  return {
    output: res.body.output,
    paths: res.body.directoryContents.map((f: { path: string }) => f.path),
    log: res.body.log.map(
      (entry: { body: { message: string } }) => entry.body.message,
    ) as string[],
  };
}

describe('the update-shared-configs template', () => {
  it('proposes the current configs for a drifted service on the local git host', async () => {
    const { version } = await loadSharedConfigs();
    const { output, paths, log } = await dryRun(
      'component:default/payments-ledger',
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'repo/README.md',
        'update/tsconfig.json',
        'update/.flightdeck/shared-configs.json',
      ]),
    );
    // Only the configs go into the proposal.
    expect(paths.filter((p: string) => p.startsWith('update/'))).not.toContain(
      'update/README.md',
    );
    expect(output.text.map((t: { title: string }) => t.title)).toEqual([
      'What drifted',
      'The branch',
    ]);
    expect(output.links.map((l: { title: string }) => l.title)).toEqual([
      'The service',
    ]);
    expect(output.text[0].content).toContain(
      'Shared configs drifted: the repository has no record',
    );
    expect(output.text[1].content).toContain(
      'Branch `flightdeck/shared-configs`',
    );
    expect(output.text[1].content).toContain(`shared\nconfigs ${version}`);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Dry run: would push branch flightdeck\/shared-configs/,
        ),
        expect.stringMatching(
          /Skipping step pull-request because its if condition was false/,
        ),
      ]),
    );
    expect(branchesOf('payments-ledger')).toEqual(['main']);
  });

  it('opens nothing for a service that is up to date', async () => {
    const { output, paths, log } = await dryRun(
      'component:default/booking-service',
    );
    expect(output.text).toEqual([
      {
        title: 'Already up to date',
        content: expect.stringContaining('already up to date'),
      },
    ]);
    expect(output.links.map((l: { title: string }) => l.title)).toEqual([
      'The service',
    ]);
    expect(paths.some((p: string) => p.startsWith('update/'))).toBe(false);
    for (const step of ['apply', 'branch', 'pull-request']) {
      expect(log).toContainEqual(
        expect.stringContaining(
          `Skipping step ${step} because its if condition was false`,
        ),
      );
    }
    expect(branchesOf('booking-service')).toEqual(['main']);
  });

  it('opens a pull request for a drifted service on GitHub', async () => {
    github.setContent({ 'README.md': '# fraud-detector\n' });
    const { output, log } = await dryRun('component:default/fraud-detector');
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Skipping step branch because its if condition was false/,
        ),
        expect.stringContaining('Performing dry run of creating pull request'),
      ]),
    );
    const inputs = log.find(line =>
      line.includes('Running publish:github:pull-request in dry-run mode'),
    );
    expect(inputs).toContain(
      '"repoUrl": "github.com?owner=skyhop&repo=fraud-detector"',
    );
    expect(inputs).toContain('"sourcePath": "./update"');
    expect(output.links).toContainEqual({
      title: 'The pull request',
      url: 'github.com?owner=skyhop&repo=fraud-detector',
    });
  });

  it('pushes the branch when it runs for real', async () => {
    const { status, output } = await runTask(backend.server, {
      templateRef: 'template:default/update-shared-configs',
      values: {
        service: 'component:default/payments-ledger',
        branchName: 'chore/configs',
      },
    });
    expect(status).toBe('completed');
    expect(output.text[1]).toEqual({
      title: 'The branch',
      content: expect.stringContaining(
        `git -C 'payments-ledger' diff 'origin/main...origin/chore/configs'`,
      ),
    });

    expect(branchesOf('payments-ledger')).toEqual(['chore/configs', 'main']);
    const repo = join(host.path, 'payments-ledger.git');
    const { files } = await loadSharedConfigs();
    const tsconfig = files.find(f => f.path === 'tsconfig.json')!;
    expect(
      execFileSync('git', ['show', 'chore/configs:tsconfig.json'], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ).toBe(tsconfig.content);
    expect(
      execFileSync('git', ['log', '-1', '--format=%an|%s', 'chore/configs'], {
        cwd: repo,
        encoding: 'utf8',
      }),
    ).toMatch(
      /^Flightdeck\|chore: update the shared configs to \d+\.\d+\.\d+\n$/,
    );
  });
});
