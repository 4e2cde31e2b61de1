import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RepositoryTrust } from '@flightdeck/ingest-node';
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
  const localGitHost = new LocalGitHost(host.path);
  const config = new ConfigReader({
    backend: { baseUrl },
    integrations: { github: [{ host: 'ghe.skyhop.example' }] },
    flightdeck: {
      trust: {
        repositories: [
          { repository: 'skyhop/fare-engine', entities: ['fare-engine'] },
        ],
      },
    },
  });
  /** The action, with a catalog that holds `entities`. */
  const actionWith = (catalog = catalogServiceMock()) =>
    createCatalogSourceRepositoryAction({
      localGitHost: new LocalGitHost(host.path, baseUrl),
      integrations: ScmIntegrations.fromConfig(config),
      catalog,
      trust: RepositoryTrust.fromConfig(config),
    });
  const action = actionWith(
    catalogServiceMock({
      entities: [localHostComponent('fare-rules', { baseUrl })],
    }),
  );

  const component = (
    name: string,
    annotations: Record<string, string>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  });

  /**
   * Runs the action on `entity` (given as catalog:fetch outputs it), with
   * the catalog holding `inCatalog` (by default, that entity).
   */
  const resolve = async (entity: Entity, inCatalog: Entity[] = [entity]) => {
    const ctx = createMockActionContext({
      input: { entity },
      workspacePath: host.path,
    });
    await actionWith(catalogServiceMock({ entities: inCatalog })).handler(
      ctx as any,
    );
    return Object.fromEntries(jest.mocked(ctx.output).mock.calls);
  };
  const resolveAnnotated = (annotations: Record<string, string>) =>
    resolve(component('payments-ledger', annotations));

  beforeAll(() => {
    execFileSync('git', [
      'init',
      '--quiet',
      '--bare',
      '--initial-branch=trunk',
      join(host.path, 'payments-ledger.git'),
    ]);
  });

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
        'backstage.io/managed-by-location':
          'url:https://github.com/skyhop/payments-ledger/blob/main/catalog-info.yaml',
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
        'backstage.io/managed-by-location':
          'url:https://ghe.skyhop.example/payments/ledger/blob/main/catalog-info.yaml',
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
    expect(await resolveAnnotated(annotations)).toEqual(outputs);
  });

  it('finds a repository that flightdeck.trust.repositories grants the entity', async () => {
    expect(
      await resolve(
        component('fare-engine', {
          'backstage.io/managed-by-location':
            'url:https://github.com/skyhop/catalog/blob/main/all.yaml',
          'github.com/project-slug': 'skyhop/fare-engine',
        }),
      ),
    ).toMatchObject({ repoUrl: 'github.com?owner=skyhop&repo=fare-engine' });
  });

  it.each([
    [
      'a repository of the local git host',
      {
        'backstage.io/managed-by-location':
          'url:https://portal.skyhop.example/api/local-git/mallory/blob/main/catalog-info.yaml',
        'backstage.io/source-location':
          'url:https://portal.skyhop.example/api/local-git/payments-ledger/blob/trunk/',
      },
      'component:default/payments-ledger may not act on local:payments-ledger: it was registered from url:https://portal.skyhop.example/api/local-git/mallory/blob/main/catalog-info.yaml, which is neither an administrator location nor inside local:payments-ledger; an administrator can grant it in flightdeck.trust.repositories',
    ],
    [
      'a GitHub repository',
      {
        'backstage.io/managed-by-location':
          'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml',
        'github.com/project-slug': 'skyhop/payments-ledger',
      },
      'component:default/payments-ledger may not act on skyhop/payments-ledger: it was registered from url:https://github.com/mallory/evil/blob/main/catalog-info.yaml, which is neither an administrator location nor inside skyhop/payments-ledger; an administrator can grant it in flightdeck.trust.repositories',
    ],
  ])(
    'refuses an entity whose claim on %s is not trusted, saying why',
    async (_, annotations, reason) => {
      await expect(resolveAnnotated(annotations)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: reason,
      });
    },
  );

  it("judges the catalog's entity, read with the initiator's credentials, not the copy it is given", async () => {
    const inCatalog = component('payments-ledger', {
      'backstage.io/managed-by-location':
        'url:https://github.com/mallory/evil/blob/main/catalog-info.yaml',
      'github.com/project-slug': 'skyhop/payments-ledger',
    });
    const given = component('payments-ledger', {
      'backstage.io/managed-by-location':
        'url:https://github.com/skyhop/payments-ledger/blob/main/catalog-info.yaml',
    });
    await expect(resolve(given, [inCatalog])).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    await expect(resolve(given, [])).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/payments-ledger in the catalog',
    });

    const catalog = catalogServiceMock({ entities: [inCatalog] });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const credentials = mockCredentials.user('user:default/priya');
    await expect(
      actionWith(catalog).handler({
        ...createMockActionContext({ input: { entity: given } }),
        getInitiatorCredentials: async () => credentials,
      } as any),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(getEntityByRef).toHaveBeenCalledWith(
      'component:default/payments-ledger',
      { credentials },
    );
  });

  it('says when the local repository the entity names is gone', async () => {
    await expect(
      resolveAnnotated({
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
    await expect(resolveAnnotated({})).rejects.toThrow(
      /says nowhere where its code is/,
    );
    await expect(
      resolveAnnotated({
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
