import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultDeploymentsService } from './DefaultDeploymentsService';
import { DeploymentsService } from './DeploymentsService';

/**
 * The deployments API for other backend plugins and modules:
 * `deps: { deployments: deploymentsServiceRef }`.
 *
 * @public
 */
export const deploymentsServiceRef = createServiceRef<DeploymentsService>({
  id: 'flightdeck.deployments',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      factory: deps => new DefaultDeploymentsService(deps),
    }),
});
