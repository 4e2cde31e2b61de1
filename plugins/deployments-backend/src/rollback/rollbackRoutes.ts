import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  CatalogEntityResolver,
  jsonBody,
  parseInput,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';
import { deploymentRollbackPermission } from '@flightdeck/plugin-deployments-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeploymentStore } from '../service/DeploymentStore';
import { DeployProviders } from '../providers/DeployProviders';
import { supportRoute } from '../providers/supportRoute';

const rollbackBodySchema = z
  .object({
    reason: z.string().trim().min(3, 'say why, in a few words').max(1000),
  })
  .strict();

export interface RollbackRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: DeploymentStore;
  resolver: CatalogEntityResolver;
  providers: DeployProviders;
}

/**
 * Rolling a service back to an earlier successful deployment: permission
 * checked (owners and admins), audited, and carried out by the service's
 * provider. `GET /rollback-support` tells the frontend whether the button
 * can work and, if not, what to configure.
 */
export function rollbackRoutes(options: RollbackRoutesOptions) {
  const { httpAuth, permissions, auditor, store, resolver, providers } =
    options;
  const router = Router();

  const mayRollBack = async (req: Request, entityRef: string) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: deploymentRollbackPermission, resourceRef: entityRef }],
      { credentials },
    );
    return { credentials, allowed: decision.result === AuthorizeResult.ALLOW };
  };

  router.get(
    '/rollback-support',
    supportRoute({ ...options, permission: deploymentRollbackPermission }),
  );

  router.post(
    '/deployments/:id/rollback',
    jsonBody({ limitBytes: 16 * 1024 }),
    async (req, res) => {
      const { reason } = parseInput(
        rollbackBodySchema,
        req.body,
        'rollback request',
      );
      const deployment = await store.get(req.params.id);
      if (!deployment) {
        throw new NotFoundError(`No deployment ${req.params.id}`);
      }
      const { credentials, allowed } = await mayRollBack(
        req,
        deployment.entityRef,
      );
      if (!allowed) {
        throw new NotAllowedError(
          `Only the owners of ${deployment.entityRef} and admins may roll it back`,
        );
      }
      if (deployment.status !== 'succeeded') {
        throw new ConflictError(
          `Only a successful deployment can be rolled back to; this one ${deployment.status.replace(
            '_',
            ' ',
          )}`,
        );
      }
      const entity = await resolver.byRef(deployment.entityRef);
      const choice = providers.forEntity(entity);
      if (!choice.provider) {
        throw new UnprocessableEntityError(choice.missing);
      }
      const requestedBy = credentials.principal.userEntityRef;
      const audit = await auditor.createEvent({
        eventId: 'rollback',
        severityLevel: 'high',
        request: req,
        meta: {
          entityRef: deployment.entityRef,
          environment: deployment.environment,
          version: deployment.version,
          deploymentId: deployment.id,
          provider: choice.provider.id,
          reason,
        },
      });
      try {
        const { url } = await choice.provider.trigger({
          entity,
          action: 'rollback',
          environment: deployment.environment,
          version: deployment.version,
          deploymentId: deployment.id,
          reason,
          requestedBy,
        });
        await audit.success();
        res.status(202).json({
          provider: choice.provider.id,
          environment: deployment.environment,
          version: deployment.version,
          url: url ?? null,
        });
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw new ConflictError(
          `The ${choice.provider.id} provider refused the rollback: ${
            (error as Error).message
          }`,
        );
      }
    },
  );

  return router;
}
