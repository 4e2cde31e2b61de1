import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import FlightTakeoffIcon from '@material-ui/icons/FlightTakeoff';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { deploymentsApiRef } from './api/DeploymentsApi';
import { DeploymentsClient } from './api/DeploymentsClient';
import { rootRouteRef } from './routes';

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

const deploymentsPage = PageBlueprint.make({
  params: {
    path: '/deployments',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/DeploymentsPage').then(m => <m.DeploymentsPage />),
  },
});

/**
 * Flightdeck's deployments plugin: the Deployments tab on services and the
 * organisation's Deployments page.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'deployments',
  title: 'Deployments',
  icon: <FlightTakeoffIcon />,
  routes: { root: rootRouteRef },
  extensions: [deploymentsApi, deploymentsTab, deploymentsPage],
});
