import { Entity } from '@backstage/catalog-model';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { sourceRepositoryOf } from './sourceRepository';

const localGitHost = new LocalGitHost(
  '/srv/git',
  'https://portal.skyhop.example',
);

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-ledger', annotations },
    spec: {},
  };
}

describe('sourceRepositoryOf', () => {
  it('finds a repository of the local git host from where the entity was registered', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://portal.skyhop.example/api/local-git/payments-ledger/blob/main/catalog-info.yaml',
    });
    expect(sourceRepositoryOf(entity, { localGitHost })).toEqual({
      host: 'local',
      name: 'payments-ledger',
    });
  });

  it('prefers github.com/project-slug', () => {
    const entity = component({
      'github.com/project-slug': 'skyhop/payments-ledger',
      'backstage.io/managed-by-location':
        'url:https://portal.skyhop.example/api/local-git/other/blob/main/catalog-info.yaml',
    });
    expect(sourceRepositoryOf(entity, { localGitHost })).toEqual({
      host: 'github',
      owner: 'skyhop',
      repo: 'payments-ledger',
      hostname: 'github.com',
    });
  });

  it('reads a GitHub source location', () => {
    const entity = component({
      'backstage.io/source-location':
        'url:https://github.com/skyhop/payments-ledger.git/tree/main/',
    });
    expect(sourceRepositoryOf(entity, { localGitHost })).toMatchObject({
      host: 'github',
      owner: 'skyhop',
      repo: 'payments-ledger',
    });
  });

  it('names the entity and what is missing when nothing tells', () => {
    expect(() => sourceRepositoryOf(component({}), { localGitHost })).toThrow(
      /component:default\/payments-ledger says nowhere where its code is/,
    );
    expect(() =>
      sourceRepositoryOf(component({ 'github.com/project-slug': '../etc' }), {
        localGitHost,
      }),
    ).toThrow(/invalid github.com\/project-slug '..\/etc'/);
    expect(() =>
      sourceRepositoryOf(
        component({
          'backstage.io/managed-by-location':
            'url:https://gitlab.example/skyhop/ledger/-/blob/main/catalog-info.yaml',
        }),
        { localGitHost },
      ),
    ).toThrow(
      /neither on Flightdeck's local git host nor on a configured GitHub host/,
    );
  });
});
