import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogEntityResolver,
  FlightdeckEnvironment,
  jsonBody,
  parseInput,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';
import {
  Deployment,
  deploymentDeployPermission,
} from '@flightdeck/plugin-deployments-common';
import { createHash, randomUUID } from 'node:crypto';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeployProviders } from '../providers/DeployProviders';
import { DeploymentIngestor } from '../service/DeploymentIngestor';
import { DeploymentStore } from '../service/DeploymentStore';

const deployBodySchema = z
  .object({
    entityRef: z.string().min(1).max(255),
    environment: z.string().min(1).max(64),
    version: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\w.+-]+$/, 'expected a version or tag such as v1.4.0'),
    reason: z.string().trim().min(3, 'say why, in a few words').max(1000),
    commitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit SHA')
      .optional(),
    requestId: z
      .string()
      .regex(
        /^[\w.:-]{1,128}$/,
        'expected up to 128 letters, digits, ".", ":", "_" or "-"',
      )
      .optional()
      .describe('Makes the request safe to retry: the same id deploys once'),
  })
  .strict();

export interface DeployRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: DeploymentStore;
  ingestor: DeploymentIngestor;
  resolver: CatalogEntityResolver;
  providers: DeployProviders;
  environments: FlightdeckEnvironment[];
  clock: () => Date;
}

/**
 * Deploying a version from Flightdeck (a release does this): permission
 * checked (owners and admins), recorded as a `started` deployment before
 * the service's provider is asked, audited. The provider is given the
 * deployment's id, which the CD system reports its outcome under, so the
 * outcome lands on the same deployment. `GET /deployments/:id` follows it.
 */
export function deployRoutes(options: DeployRoutesOptions) {
  const { httpAuth, permissions, auditor, store, ingestor, resolver } = options;
  const router = Router();

  router.get('/deployments/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const deployment = await store.get(req.params.id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${req.params.id}`);
    }
    res.json(deployment);
  });

  router.post(
    '/deployments',
    jsonBody({ limitBytes: 16 * 1024 }),
    async (req, res) => {
      const body = parseInput(deployBodySchema, req.body, 'deploy request');
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      if (!options.environments.some(e => e.name === body.environment)) {
        throw new InputError(
          `environment: '${
            body.environment
          }' is not a configured environment (${options.environments
            .map(e => e.name)
            .join(', ')})`,
        );
      }
      const entity = await resolver.byRef(body.entityRef);
      const entityRef = stringifyEntityRef(entity);
      const [decision] = await permissions.authorize(
        [{ permission: deploymentDeployPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Only the owners of ${entityRef} and admins may deploy it`,
        );
      }
      const choice = options.providers.forEntity(entity);
      if (!choice.provider) {
        throw new UnprocessableEntityError(choice.missing);
      }
      const requestedBy = credentials.principal.userEntityRef;
      const deploymentKey = body.requestId
        ? `flightdeck-${createHash('sha256')
            .update(`${requestedBy}\n${body.requestId}`)
            .digest('hex')
            .slice(0, 32)}`
        : `flightdeck-${randomUUID()}`;

      const earlier = await store.getByKey(
        entityRef,
        body.environment,
        deploymentKey,
      );
      if (earlier) {
        if (earlier.version !== body.version) {
          throw new ConflictError(
            `requestId '${body.requestId}' was used for version ${earlier.version}, not ${body.version}`,
          );
        }
        res
          .status(200)
          .json({ deployment: earlier, provider: choice.provider.id });
        return;
      }

      const startedAt = options.clock().toISOString();
      const event = {
        entityRef,
        environment: body.environment,
        version: body.version,
        strategy: 'rolling' as const,
        deploymentId: deploymentKey,
        actor: requestedBy,
        commitSha: body.commitSha,
        changes: [],
        steps: [],
      };
      const [recorded] = (
        await ingestor.ingest([
          {
            ...event,
            status: 'started',
            startedAt,
            idempotencyKey: `${deploymentKey}:requested`,
          },
        ])
      ).results;
      const audit = await auditor.createEvent({
        eventId: 'deploy',
        severityLevel: 'high',
        request: req,
        meta: {
          entityRef,
          environment: body.environment,
          version: body.version,
          deploymentId: recorded.deploymentId,
          provider: choice.provider.id,
          reason: body.reason,
        },
      });
      try {
        const { url } = await choice.provider.trigger({
          entity,
          action: 'deploy',
          environment: body.environment,
          version: body.version,
          deploymentId: deploymentKey,
          reason: body.reason,
          requestedBy,
        });
        await audit.success();
        const deployment = (await store.get(
          recorded.deploymentId!,
        )) as Deployment;
        res.status(202).json({
          deployment,
          provider: choice.provider.id,
          url: url ?? null,
        });
      } catch (error) {
        // Nothing will report on a deploy the CD system never took.
        await ingestor.ingest([
          {
            ...event,
            status: 'cancelled',
            startedAt,
            finishedAt: options.clock().toISOString(),
            idempotencyKey: `${deploymentKey}:refused`,
          },
        ]);
        await audit.fail({ error: error as Error });
        throw new ConflictError(
          `The ${choice.provider.id} provider refused the deploy: ${
            (error as Error).message
          }`,
        );
      }
    },
  );

  return router;
}
