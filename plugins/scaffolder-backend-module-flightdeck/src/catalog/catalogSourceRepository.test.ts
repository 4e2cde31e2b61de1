import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createLocalGitReaders } from '../localGit/localGitUrlReaderFactory';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { createPublishLocalAction } from '../localGit/publishLocal';
import { localHostComponent } from '../__testUtils__/entities';
import { exampleInput } from '../__testUtils__/exampleInput';
import { temporaryDirectories } from '../__testUtils__/temporaryDirectories';
import { createCatalogSourceRepositoryAction } from './catalogSourceRepository';
import { examples } from './catalogSourceRepository.examples';

describe('flightdeck:catalog:source-repository', () => {
  const host = createMockDirectory();
  const baseUrl = 'https://portal.skyhop.example';
  const localGitHost = new LocalGitHost(host.path, baseUrl);
  const action = createCatalogSourceRepositoryAction({
    localGitHost,
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'ghe.skyhop.example' }] },
      }),
    ),
  });

  beforeAll(() => {
    execFileSync('git', [
      'init',
      '--quiet',
      '--bare',
      '--initial-branch=trunk',
      join(host.path, 'payments-ledger.git'),
    ]);
  });

  const resolve = async (annotations: Record<string, string>) => {
    const ctx = createMockActionContext({
      input: {
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments-ledger', annotations },
          spec: {},
        },
      },
      workspacePath: host.path,
    });
    await action.handler(ctx as any);
    return Object.fromEntries(jest.mocked(ctx.output).mock.calls);
  };

  it.each([
    [
      'a repository of the local git host, on its default branch',
      {
        'backstage.io/managed-by-location':
          'url:https://portal.skyhop.example/api/local-git/payments-ledger/blob/release/v1/catalog-info.yaml',
      },
      {
        host: 'local',
        repository: 'payments-ledger',
        defaultBranch: 'trunk',
        contentsUrl:
          'https://portal.skyhop.example/api/local-git/payments-ledger/blob/trunk/',
      },
    ],
    [
      'a GitHub repository, in the form the GitHub actions take',
      {
        'backstage.io/source-location':
          'url:https://github.com/skyhop/payments-ledger/tree/main/',
      },
      {
        host: 'github',
        repoUrl: 'github.com?owner=skyhop&repo=payments-ledger',
        contentsUrl: 'https://github.com/skyhop/payments-ledger',
      },
    ],
    [
      'a repository of a GitHub Enterprise host of the integrations',
      {
        'backstage.io/source-location':
          'url:https://ghe.skyhop.example/payments/ledger/tree/main/',
      },
      {
        host: 'github',
        repoUrl: 'ghe.skyhop.example?owner=payments&repo=ledger',
        contentsUrl: 'https://ghe.skyhop.example/payments/ledger',
      },
    ],
  ])('finds %s', async (_, annotations, outputs) => {
    expect(await resolve(annotations)).toEqual(outputs);
  });

  it('says when the local repository the entity names is gone', async () => {
    await expect(
      resolve({
        'backstage.io/managed-by-location':
          'url:https://portal.skyhop.example/api/local-git/deleted/blob/main/catalog-info.yaml',
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        "payments-ledger names repository 'deleted', which is not on the local git host",
    });
  });

  it('says when the entity tells nowhere where its code is', async () => {
    await expect(resolve({})).rejects.toThrow(/says nowhere where its code is/);
    await expect(
      resolve({
        'backstage.io/source-location': 'url:https://gitlab.example/a/b/',
      }),
    ).rejects.toThrow(/neither on Flightdeck's local git host nor on/);
  });

  describe('examples', () => {
    /** What fetch:plain reads the contents URL with. */
    const reader = UrlReaders.create({
      config: new ConfigReader({
        backend: { baseUrl },
        flightdeck: { localGitHost: { directory: host.path } },
      }),
      logger: mockServices.logger.mock(),
      factories: [createLocalGitReaders],
    });
    const seed = createMockDirectory({
      content: { 'README.md': '# fare-rules\n' },
    });

    beforeAll(async () => {
      await createPublishLocalAction({
        localGitHost,
        author: { name: 'Dev', email: 'dev@example.com' },
      }).handler({
        ...createMockActionContext({
          input: { name: 'fare-rules', defaultBranch: 'trunk' },
          workspacePath: seed.path,
        }),
        createTemporaryDirectory: temporaryDirectories(),
      } as any);
    });

    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        "Fetch a service's repository, wherever it lives",
      ]);
    });

    it("finds a service's repository, whose files fetch:plain then reads", async () => {
      const ctx = createMockActionContext({
        input: exampleInput(examples[0], action.id, {
          // What catalog:fetch outputs for the service.
          'steps.entity.output.entity': localHostComponent('fare-rules', {
            baseUrl,
          }),
        }),
        workspacePath: seed.path,
      });
      await action.handler(ctx as any);
      const outputs = Object.fromEntries(jest.mocked(ctx.output).mock.calls);
      expect(outputs).toEqual({
        host: 'local',
        repository: 'fare-rules',
        defaultBranch: 'trunk',
        contentsUrl: `${baseUrl}/api/local-git/fare-rules/blob/trunk/`,
      });

      const files = await (await reader.readTree(outputs.contentsUrl)).files();
      expect(files.map(file => file.path)).toEqual(['README.md']);
      expect((await files[0].content()).toString()).toBe('# fare-rules\n');
    });
  });
});
