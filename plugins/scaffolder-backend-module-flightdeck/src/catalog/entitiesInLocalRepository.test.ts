import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { stringify } from 'yaml';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { entitiesInLocalRepository } from './entitiesInLocalRepository';

jest.setTimeout(60_000);

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
});
const local = (name: string, rest = 'blob/main/') =>
  `url:http://localhost:7007/api/local-git/${name}/${rest}`;

describe('entitiesInLocalRepository, on the real catalog', () => {
  const files = createMockDirectory();
  let catalog: CatalogService;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    files.setContent({
      'all.yaml': [
        component('ledger', {
          'backstage.io/source-location': local('payments-ledger'),
        }),
        component('ledger-worker', {
          'backstage.io/source-location': local('Payments-Ledger', 'tree/v1/'),
        }),
        component('ledger-next', {
          'backstage.io/source-location': local('payments-ledger-next'),
        }),
        component('ledger-mirror', {
          'backstage.io/source-location': local('payments-ledger'),
          'github.com/project-slug': 'skyhop/ledger-mirror',
        }),
        component('elsewhere', {
          'backstage.io/source-location':
            'url:https://github.com/a/b/tree/main/',
        }),
      ]
        .map(entity => stringify(entity))
        .join('---\n'),
    });
    backend = await startTestBackend({
      features: [
        require('@backstage/plugin-catalog-backend'),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [{ type: 'file', target: files.resolve('all.yaml') }],
            },
          },
        }),
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { catalogService: catalogServiceRef },
              async init({ catalogService }) {
                catalog = catalogService;
              },
            });
          },
        }),
      ],
    });
    const credentials = mockCredentials.user();
    const deadline = Date.now() + 30_000;
    while ((await catalog.getEntities({}, { credentials })).items.length < 5) {
      if (Date.now() > deadline) throw new Error('The catalog read nothing');
      await new Promise(r => setTimeout(r, 200));
    }
  });
  afterAll(() => backend?.stop());

  it('finds the entities whose code the repository holds, and only those', async () => {
    const found = await entitiesInLocalRepository('payments-ledger', {
      catalog,
      credentials: mockCredentials.user(),
      localGitHost: new LocalGitHost(files.path),
    });
    expect(found.map(entity => entity.metadata.name)).toEqual(['ledger']);
  });
});
