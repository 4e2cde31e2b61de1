import { Entity } from '@backstage/catalog-model';

/**
 * A service as the catalog serves it after reading it from `registeredFrom`
 * (a `url:` or `file:` location), which is what decides whether its claims
 * on repositories are trusted.
 */
export function registeredComponent(
  name: string,
  registeredFrom: string,
  annotations: Record<string, string>,
  owner = 'group:default/payments',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-origin-location': registeredFrom,
        'backstage.io/managed-by-location': registeredFrom,
        ...annotations,
      },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}
