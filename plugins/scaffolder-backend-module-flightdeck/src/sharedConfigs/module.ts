import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSharedConfigsApplyAction } from './sharedConfigsApply';
import { createSharedConfigsCheckAction } from './sharedConfigsCheck';

/**
 * The actions that give a repository the organisation's shared configs and
 * tell when it drifted from them: `flightdeck:shared-configs:apply` and
 * `flightdeck:shared-configs:check`.
 *
 * @public
 */
export const scaffolderModuleFlightdeckSharedConfigs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'flightdeck-shared-configs',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createSharedConfigsApplyAction(),
          createSharedConfigsCheckAction(),
        );
      },
    });
  },
});
