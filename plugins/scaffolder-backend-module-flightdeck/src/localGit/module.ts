import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { RepositoryTrust } from '@flightdeck/ingest-node';
import { defaultAuthorOf } from '../git/defaultAuthor';
import { LocalGitHost } from './LocalGitHost';
import { createPublishLocalAction } from './publishLocal';
import { createPublishLocalBranchAction } from './publishLocalBranch';

/**
 * The actions that publish to Flightdeck's local git host:
 * `flightdeck:publish:local` and `flightdeck:publish:local:branch`. They are
 * installed whether or not the host is configured, and say how to configure
 * it when they run without it.
 *
 * @public
 */
export const scaffolderModuleFlightdeckLocalGit = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'flightdeck-local-git',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, catalog, permissions }) {
        const localGitHost = LocalGitHost.fromConfig(config);
        const author = defaultAuthorOf(config);
        scaffolder.addActions(
          createPublishLocalAction({ localGitHost, author }),
          createPublishLocalBranchAction({
            localGitHost,
            author,
            catalog,
            permissions,
            trust: RepositoryTrust.fromConfig(config),
          }),
        );
      },
    });
  },
});
