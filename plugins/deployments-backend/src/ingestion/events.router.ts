import { parseBatchOrSingle } from '@flightdeck/ingest-node';
import {
  deploymentEventBatchSchema,
  deploymentEventSchema,
} from '@flightdeck/plugin-deployments-common';
import { DeploymentsRouter, endpoints } from '../router/DeploymentsRouter';
import { DeploymentIngestor } from './DeploymentIngestor';

/** `POST /events`: Flightdeck's own events, one or a batch, from CI systems. */
export function bindEventsEndpoint(
  router: DeploymentsRouter,
  { ingestor }: { ingestor: DeploymentIngestor },
) {
  router.bind(endpoints.ingestion, async ({ req }) => {
    const events = parseBatchOrSingle(req.body, {
      single: deploymentEventSchema,
      batch: deploymentEventBatchSchema,
      name: 'deployment event',
    });
    return { status: 200, body: await ingestor.ingest(events) };
  });
}
