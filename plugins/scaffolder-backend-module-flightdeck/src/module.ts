import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogSourceRepositoryAction } from './actions/catalogSourceRepository';
import { createPublishLocalAction } from './actions/publishLocal';
import { createPublishLocalBranchAction } from './actions/publishLocalBranch';
import { createReleaseCreateAction } from './actions/releaseCreate';
import { createReleaseDeployAction } from './actions/releaseDeploy';
import { createReleaseDeployCheckAction } from './actions/releaseDeployCheck';
import { createReleaseWaitAction } from './actions/releaseWait';
import { createSharedConfigsApplyAction } from './actions/sharedConfigsApply';
import { createSharedConfigsCheckAction } from './actions/sharedConfigsCheck';
import { DeploymentsClient } from './deployments/DeploymentsClient';
import { releaseRepositoryPermission } from './release/authorizeRelease';

/**
 * Flightdeck's scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleFlightdeck = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'flightdeck',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        scaffolder,
        config,
        discovery,
        auth,
        catalog,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions([releaseRepositoryPermission]);
        const deployments = new DeploymentsClient(discovery, auth);
        scaffolder.addActions(
          createSharedConfigsApplyAction(),
          createSharedConfigsCheckAction(),
          createPublishLocalAction({ config }),
          createPublishLocalBranchAction({ config, catalog }),
          createCatalogSourceRepositoryAction({ config }),
          createReleaseCreateAction({ config, catalog, permissions }),
          createReleaseDeployCheckAction({ deployments }),
          createReleaseDeployAction({ deployments }),
          createReleaseWaitAction({ deployments }),
        );
      },
    });
  },
});
