import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderModuleFlightdeck } from '../module';

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig>[0]
>['data'];

/**
 * A backend with the real scaffolder, Backstage's GitHub actions and
 * Flightdeck's modules, for tests through the scaffolder's HTTP API (dry
 * runs and tasks). The catalog is an in-memory one holding `entities`, or
 * with `realCatalog` the catalog backend itself, which processes the
 * locations of `catalog.locations` and of `catalog:register` as a portal
 * does. Extra `features` come last, such as URL reader factories.
 */
export function startScaffolderTestBackend(
  options: {
    config?: ConfigData;
    entities?: Entity[];
    realCatalog?: boolean;
    features?: BackendFeature[];
  } = {},
) {
  // A dynamic import() needs jest's ESM mode; require() does not.
  const catalog = options.realCatalog
    ? [
        require('@backstage/plugin-catalog-backend'),
        require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
      ]
    : [catalogServiceMock.factory({ entities: options.entities })];
  return startTestBackend({
    features: [
      require('@backstage/plugin-scaffolder-backend'),
      require('@backstage/plugin-scaffolder-backend-module-github'),
      scaffolderModuleFlightdeck,
      ...catalog,
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
}
