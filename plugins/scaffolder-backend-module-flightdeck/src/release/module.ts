import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { deploymentsServiceRef } from '@flightdeck/plugin-deployments-node';
import { defaultAuthorOf } from '../git/defaultAuthor';
import { LocalGitHost } from '../localGit/LocalGitHost';
import { releaseRepositoryPermission } from './authorizeRelease';
import { createReleaseCreateAction } from './releaseCreate';
import { createReleaseDeployAction } from './releaseDeploy';
import { createReleaseDeployCheckAction } from './releaseDeployCheck';
import { createReleaseWaitAction } from './releaseWait';

/**
 * The actions that release a service: `flightdeck:release:create` (tag and
 * changelog, on the local git host or GitHub), and
 * `flightdeck:release:deploy-check`, `flightdeck:release:deploy` and
 * `flightdeck:release:wait` (through the deployments plugin).
 *
 * @public
 */
export const scaffolderModuleFlightdeckRelease = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'flightdeck-release',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        deployments: deploymentsServiceRef,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        scaffolder,
        config,
        deployments,
        catalog,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions([releaseRepositoryPermission]);
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createReleaseCreateAction({
            integrations,
            githubCredentialsProvider:
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            localGitHost: LocalGitHost.fromConfig(config),
            author: defaultAuthorOf(config),
            catalog,
            permissions,
            trust: RepositoryTrust.fromConfig(config),
          }),
          createReleaseDeployCheckAction({ deployments }),
          createReleaseDeployAction({ deployments }),
          createReleaseWaitAction({ deployments }),
        );
      },
    });
  },
});
