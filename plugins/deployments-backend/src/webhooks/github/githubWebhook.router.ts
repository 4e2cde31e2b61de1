import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  IngestService,
  parseInput,
  signedJsonBody,
} from '@flightdeck/ingest-node';
import { DeploymentIngestor } from '../../ingestion/DeploymentIngestor';
import { DeploymentsRouter, endpoints } from '../../router/DeploymentsRouter';
import {
  fromDeploymentPayload,
  fromDeploymentStatusPayload,
  GithubDeploymentDelivery,
  githubDeploymentPayloadSchema,
  githubDeploymentStatusPayloadSchema,
} from './githubDeploymentEvent';

/**
 * `POST /webhooks/github`: `deployment` and `deployment_status` deliveries,
 * signed with `X-Hub-Signature-256` (GitHub cannot send Backstage
 * credentials). Repositories map to services through the
 * `github.com/project-slug` annotation; a redelivery (same
 * `X-GitHub-Delivery`) changes nothing.
 */
export function bindGithubWebhookEndpoint(
  router: DeploymentsRouter,
  deps: {
    ingest: IngestService;
    ingestor: DeploymentIngestor;
    /** The current secret first, then one being rotated out. */
    secrets: string[];
  },
) {
  const { ingest, ingestor, secrets } = deps;
  const { environments, entities } = ingest;
  router.bind(
    endpoints.githubWebhook,
    async ({ req }) => {
      const eventName = req.header('x-github-event');
      const deliveryId = req.header('x-github-delivery');
      if (!deliveryId || !/^[\w-]{1,128}$/.test(deliveryId)) {
        throw new InputError('Missing or malformed X-GitHub-Delivery header');
      }
      let delivery: GithubDeploymentDelivery | undefined;
      if (eventName === 'ping') {
        return { status: 200, body: { ok: true as const } };
      } else if (eventName === 'deployment') {
        const payload = parseInput(
          githubDeploymentPayloadSchema,
          req.body,
          'deployment payload',
        );
        delivery = fromDeploymentPayload(payload, environments, deliveryId);
      } else if (eventName === 'deployment_status') {
        const payload = parseInput(
          githubDeploymentStatusPayloadSchema,
          req.body,
          'deployment_status payload',
        );
        delivery = fromDeploymentStatusPayload(
          payload,
          environments,
          deliveryId,
        );
      } else {
        return {
          status: 202,
          body: {
            ignored: `GitHub event '${
              eventName ?? 'none'
            }' is not handled here`,
          },
        };
      }
      if (!delivery) {
        return {
          status: 202,
          body: {
            ignored: 'this action or state does not change a deployment',
          },
        };
      }
      const entity = await entities.byAnnotation(
        'github.com/project-slug',
        delivery.repository,
      );
      return {
        status: 200,
        body: await ingestor.ingest([
          { ...delivery.event, entityRef: stringifyEntityRef(entity) },
        ]),
      };
    },
    {
      readBody: signedJsonBody({
        limitBytes: endpoints.githubWebhook.body.limitBytes,
        headerName: 'X-Hub-Signature-256',
        secrets,
      }),
    },
  );
}
