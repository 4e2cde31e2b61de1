import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mockActionContext } from '../testing/mockActionContext';
import { createCatalogSourceRepositoryAction } from './catalogSourceRepository';

describe('flightdeck:catalog:source-repository', () => {
  const host = createMockDirectory();
  const action = createCatalogSourceRepositoryAction({
    config: new ConfigReader({
      backend: { baseUrl: 'https://portal.skyhop.example' },
      flightdeck: { localGitHost: { directory: host.path } },
      integrations: { github: [{ host: 'ghe.skyhop.example' }] },
    }),
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
    const ctx = mockActionContext({
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
    return Object.fromEntries(ctx.output.mock.calls);
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
});
