import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { FlightdeckPermissionPolicy } from './FlightdeckPermissionPolicy';
import { readPolicySettings } from './PolicySettings';

/**
 * Installs {@link FlightdeckPermissionPolicy} in the permission backend.
 *
 * @public
 */
export const permissionModulePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'flightdeck-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const settings = readPolicySettings(config);
        if (settings.adminGroups.size === 0) {
          logger.warn(
            'flightdeck.permissions.adminGroups is empty: nobody is an admin',
          );
        }
        policy.setPolicy(
          new FlightdeckPermissionPolicy(settings, userInfo, logger),
        );
      },
    });
  },
});
