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
 * Flightdeck's module, over an in-memory catalog holding `entities`, for
 * tests through the scaffolder's HTTP API (dry runs and tasks). Extra
 * `features` come last, such as URL reader factories.
 */
export function startScaffolderTestBackend(
  options: {
    config?: ConfigData;
    entities?: Entity[];
    features?: BackendFeature[];
  } = {},
) {
  return startTestBackend({
    features: [
      // A dynamic import() needs jest's ESM mode; require() does not.
      require('@backstage/plugin-scaffolder-backend'),
      require('@backstage/plugin-scaffolder-backend-module-github'),
      scaffolderModuleFlightdeck,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
}
