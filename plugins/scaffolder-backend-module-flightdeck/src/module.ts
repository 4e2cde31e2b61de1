import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPublishLocalAction } from './actions/publishLocal';
import { createReleaseCreateAction } from './actions/releaseCreate';
import { createSharedConfigsApplyAction } from './actions/sharedConfigsApply';
import { createSharedConfigsCheckAction } from './actions/sharedConfigsCheck';

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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createSharedConfigsApplyAction(),
          createSharedConfigsCheckAction(),
          createPublishLocalAction({ config }),
          createReleaseCreateAction({ config }),
        );
      },
    });
  },
});
