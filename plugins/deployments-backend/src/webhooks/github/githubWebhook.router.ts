import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  IngestService,
  parseInput,
  RepositoryTrust,
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
import { repositoryEntity } from './repositoryEntity';

/**
 * `POST /webhooks/github`: `deployment` and `deployment_status` deliveries,
 * signed with `X-Hub-Signature-256` (GitHub cannot send Backstage
 * credentials). Repositories map to services through the
 * `github.com/project-slug` annotation of the one entity whose claim on the
 * repository is trusted. A deployment or status sent again, under any
 * delivery id, changes nothing, nor does one older than the status recorded.
 */
export function bindGithubWebhookEndpoint(
  router: DeploymentsRouter,
  deps: {
    ingest: IngestService;
    ingestor: DeploymentIngestor;
    trust: RepositoryTrust;
    /** The current secret first, then one being rotated out. */
    secrets: string[];
  },
) {
  const { ingest, ingestor, trust, secrets } = deps;
  const { environments, entities } = ingest;
  router.bind(
    endpoints.githubWebhook,
    async ({ req }) => {
      const eventName = req.header('x-github-event');
      let delivery: GithubDeploymentDelivery | undefined;
      if (eventName === 'ping') {
        return { status: 200, body: { ok: true as const } };
      } else if (eventName === 'deployment') {
        const payload = parseInput(
          githubDeploymentPayloadSchema,
          req.body,
          'deployment payload',
        );
        delivery = fromDeploymentPayload(payload, environments);
      } else if (eventName === 'deployment_status') {
        const payload = parseInput(
          githubDeploymentStatusPayloadSchema,
          req.body,
          'deployment_status payload',
        );
        delivery = fromDeploymentStatusPayload(payload, environments);
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
      const entity = await repositoryEntity(delivery.repository, {
        entities,
        trust,
      });
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
