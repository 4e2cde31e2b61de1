import { IngestService, parseInput } from '@flightdeck/ingest-node';
import {
  deployRequestSchema,
  deploymentDeployPermission,
} from '@flightdeck/plugin-deployments-common';
import { ActionSupport } from '../providers/ActionSupport';
import { DeploymentsRouter, endpoints } from '../router/DeploymentsRouter';
import { DeployRequests } from './DeployRequests';

/**
 * `POST /deployments`: deploying a version from Flightdeck, as a release
 * does (owners and admins; audited); `GET /deploy-support`: whether the
 * user may, and through which provider.
 */
export function bindDeployEndpoints(
  router: DeploymentsRouter,
  deps: {
    ingest: IngestService;
    deploys: DeployRequests;
    support: ActionSupport;
  },
) {
  const { ingest, deploys, support } = deps;

  router.bind(endpoints.deploy, async ({ req, credentials }) => {
    const body = parseInput(deployRequestSchema, req.body, 'deploy request');
    const environment = ingest.environments.resolve(body.environment);
    const { entity, audit } = await ingest.authorizeMutation({
      request: req,
      credentials,
      permission: deploymentDeployPermission,
      entityRef: body.entityRef,
      audit: {
        eventId: 'deploy',
        severityLevel: 'high',
        meta: { environment, version: body.version, reason: body.reason },
      },
      refusal: entityRef =>
        `Only the owners of ${entityRef} and admins may deploy it`,
    });
    const outcome = await deploys.deploy(
      {
        ...body,
        entity,
        environment,
        requestedBy: credentials.principal.userEntityRef,
      },
      audit,
    );
    return {
      status: outcome.triggered ? 202 : 200,
      body: {
        deployment: outcome.deployment,
        provider: outcome.provider,
        url: outcome.url ?? null,
      },
    };
  });

  router.bind(endpoints.deploySupport, async ({ query, credentials }) => ({
    status: 200,
    body: await support.of(
      credentials,
      deploymentDeployPermission,
      query.entityRef,
    ),
  }));
}
