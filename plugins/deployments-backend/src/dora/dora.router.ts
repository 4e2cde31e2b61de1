import { DeploymentsRouter, endpoints } from '../router/DeploymentsRouter';
import { DoraService } from './DoraService';

/** `GET /dora` for one scope, and `GET /dora/by-owner` for the teams table. */
export function bindDoraEndpoints(
  router: DeploymentsRouter,
  { dora }: { dora: DoraService },
) {
  router.bind(endpoints.dora, async ({ query }) => ({
    status: 200,
    body: await dora.metrics(query),
  }));

  router.bind(endpoints.doraByOwner, async ({ query }) => {
    const { owner, ...window } = query;
    return {
      status: 200,
      body: { items: await dora.metricsByOwner(owner, window) },
    };
  });
}
