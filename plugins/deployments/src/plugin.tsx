import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deploymentsApiRef } from './api/DeploymentsApi';
import { DeploymentsClient } from './api/DeploymentsClient';

const deploymentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

const deploymentsTab = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: { kind: 'component', 'spec.type': { $in: ['service', 'website'] } },
    // Its own chunk: the tab's code loads when the tab opens.
    loader: () =>
      import('./components/DeploymentsTab').then(m => <m.DeploymentsTab />),
  },
});

/**
 * Flightdeck's deployments plugin: the Deployments tab on services.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'deployments',
  title: 'Deployments',
  extensions: [deploymentsApi, deploymentsTab],
});
