import { NotFoundError } from '@backstage/errors';
import { Environments } from '@flightdeck/ingest-node';
import { DeploymentsRouter, endpoints } from '../router/DeploymentsRouter';
import { DeploymentStore } from '../store/DeploymentStore';

/**
 * The history: pages of deployments, one deployment (what a release
 * follows), what runs in each environment, and the environments.
 */
export function bindHistoryEndpoints(
  router: DeploymentsRouter,
  deps: { store: DeploymentStore; environments: Environments },
) {
  const { store, environments } = deps;

  router.bind(endpoints.listDeployments, async ({ query }) => {
    const environment =
      query.environment && environments.resolve(query.environment);
    return { status: 200, body: await store.list({ ...query, environment }) };
  });

  router.bind(endpoints.getDeployment, async ({ params }) => {
    const deployment = await store.get(params.id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${params.id}`);
    }
    return { status: 200, body: deployment };
  });

  router.bind(endpoints.environmentStates, async ({ query }) => ({
    status: 200,
    body: {
      items: await store.environmentStates(query.entityRef, environments.names),
    },
  }));

  router.bind(endpoints.environments, async () => ({
    status: 200,
    body: { items: [...environments.all] },
  }));
}
