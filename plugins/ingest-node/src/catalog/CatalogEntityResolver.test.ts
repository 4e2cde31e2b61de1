import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntityResolver } from './CatalogEntityResolver';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'skyhop/payments-api' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

function resolverWith(entities: Entity[], now = () => 0) {
  const catalog = catalogServiceMock({ entities });
  return {
    catalog,
    resolver: new CatalogEntityResolver(catalog, mockServices.auth(), { now }),
  };
}

describe('CatalogEntityResolver', () => {
  it('resolves full refs and bare component names', async () => {
    const { resolver } = resolverWith([paymentsApi]);
    await expect(
      resolver.byRef('component:default/payments-api'),
    ).resolves.toBe(paymentsApi);
    await expect(resolver.byRef('payments-api')).resolves.toBe(paymentsApi);
  });

  it('finds every entity with a repository slug annotation, not only the first', async () => {
    const copy = {
      ...paymentsApi,
      metadata: { ...paymentsApi.metadata, name: 'payments-api-copy' },
    };
    const { resolver } = resolverWith([paymentsApi, copy]);
    await expect(
      resolver.allByAnnotation(
        'github.com/project-slug',
        'skyhop/payments-api',
      ),
    ).resolves.toEqual([paymentsApi, copy]);
    await expect(
      resolver.allByAnnotation('github.com/project-slug', 'skyhop/ghost'),
    ).resolves.toEqual([]);
  });

  it('rejects unknown services with 422 naming them', async () => {
    const { resolver } = resolverWith([paymentsApi]);
    await expect(
      resolver.byRef('component:default/ghost'),
    ).rejects.toMatchObject({
      statusCode: 422,
      message: "No entity 'component:default/ghost' in the catalog",
    });
    await expect(resolver.byRef('component:')).rejects.toMatchObject({
      statusCode: 422,
    });
  });

  it('asks the catalog once per service while the answer is fresh', async () => {
    let now = 0;
    const { resolver, catalog } = resolverWith([paymentsApi], () => now);
    const spy = jest.spyOn(catalog, 'getEntityByRef');
    await resolver.byRef('payments-api');
    await resolver.byRef('component:default/payments-api');
    expect(spy).toHaveBeenCalledTimes(1);
    now = 61_000;
    await resolver.byRef('payments-api');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('finds a service registered right after a miss', async () => {
    const { resolver, catalog } = resolverWith([]);
    await expect(resolver.byRef('payments-api')).rejects.toMatchObject({
      statusCode: 422,
    });
    jest.spyOn(catalog, 'getEntityByRef').mockResolvedValue(paymentsApi);
    await expect(resolver.byRef('payments-api')).resolves.toBe(paymentsApi);
  });
});
