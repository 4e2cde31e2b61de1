import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { createCatalogSourceRepositoryAction } from './catalogSourceRepository';
import { createCatalogWaitAction } from './catalogWait';

/**
 * The actions about catalog entities: `flightdeck:catalog:source-repository`
 * (where an entity's code lives) and `flightdeck:catalog:wait` (until the
 * catalog has processed a newly registered entity).
 *
 * @public
 */
export const scaffolderModuleFlightdeckCatalog = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'flightdeck-catalog',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, auth, catalog }) {
        scaffolder.addActions(
          createCatalogSourceRepositoryAction({
            localGitHost: LocalGitHost.fromConfig(config),
            integrations: ScmIntegrations.fromConfig(config),
            catalog,
            trust: RepositoryTrust.fromConfig(config),
          }),
          createCatalogWaitAction({ catalog, auth }),
        );
      },
    });
  },
});
