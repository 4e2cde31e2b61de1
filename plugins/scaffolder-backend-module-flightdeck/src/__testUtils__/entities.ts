import { Entity } from '@backstage/catalog-model';

/** A service of the payments team, with the annotations given. */
export function paymentsComponent(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/payments' },
  };
}

/**
 * A service registered from the local git host of a portal at `baseUrl`,
 * as `flightdeck:publish:local` and `catalog:register` leave it.
 */
export function localHostComponent(
  name: string,
  options: { baseUrl?: string; annotations?: Record<string, string> } = {},
): Entity {
  return paymentsComponent(name, {
    'backstage.io/managed-by-location': `url:${
      options.baseUrl ?? 'http://localhost:7007'
    }/api/local-git/${name}/blob/main/catalog-info.yaml`,
    ...options.annotations,
  });
}
