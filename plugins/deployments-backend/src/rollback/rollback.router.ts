import { NotFoundError } from '@backstage/errors';
import { IngestService, parseInput } from '@flightdeck/ingest-node';
import {
  deploymentRollbackPermission,
  rollbackRequestSchema,
} from '@flightdeck/plugin-deployments-common';
import { ActionSupport } from '../providers/ActionSupport';
import { DeploymentsRouter, endpoints } from '../router/DeploymentsRouter';
import { DeploymentStore } from '../store/DeploymentStore';
import { RollbackRequests } from './RollbackRequests';

/**
 * `POST /deployments/{id}/rollback`: rolling a service back to an earlier
 * successful deployment (owners and admins; audited);
 * `GET /rollback-support`: whether the button can work and, if not, what to
 * configure.
 */
export function bindRollbackEndpoints(
  router: DeploymentsRouter,
  deps: {
    ingest: IngestService;
    store: DeploymentStore;
    rollbacks: RollbackRequests;
    support: ActionSupport;
  },
) {
  const { ingest, store, rollbacks, support } = deps;

  router.bind(endpoints.rollback, async ({ req, params, credentials }) => {
    const { reason } = parseInput(
      rollbackRequestSchema,
      req.body,
      'rollback request',
    );
    const deployment = await store.get(params.id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${params.id}`);
    }
    const { entity, audit } = await ingest.authorizeMutation({
      request: req,
      credentials,
      permission: deploymentRollbackPermission,
      entityRef: deployment.entityRef,
      audit: {
        eventId: 'rollback',
        severityLevel: 'high',
        meta: {
          environment: deployment.environment,
          version: deployment.version,
          deploymentId: deployment.id,
          reason,
        },
      },
      refusal: entityRef =>
        `Only the owners of ${entityRef} and admins may roll it back`,
    });
    const answer = await rollbacks.rollback(
      {
        entity,
        deployment,
        reason,
        requestedBy: credentials.principal.userEntityRef,
      },
      audit,
    );
    return { status: 202, body: answer };
  });

  router.bind(endpoints.rollbackSupport, async ({ query, credentials }) => ({
    status: 200,
    body: await support.of(
      credentials,
      deploymentRollbackPermission,
      query.entityRef,
    ),
  }));
}
