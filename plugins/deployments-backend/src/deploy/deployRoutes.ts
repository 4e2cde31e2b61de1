import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogEntityResolver,
  FlightdeckEnvironment,
  jsonBody,
  parseInput,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';
import { deploymentDeployPermission } from '@flightdeck/plugin-deployments-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeployProviders } from '../providers/DeployProviders';
import { supportRoute } from '../providers/supportRoute';
import { DeployRequests } from './DeployRequests';
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
      .regex(
        /^\w[\w.+-]*$/,
        'expected a version or tag such as v1.4.0, starting with a letter or digit',
      ),
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
 * outcome lands on the same deployment.
 */
export function deployRoutes(options: DeployRoutesOptions) {
  const { httpAuth, permissions, auditor, store, resolver } = options;
  const requests = new DeployRequests(store, options.ingestor, options.clock);
  const router = Router();

  router.get(
    '/deploy-support',
    supportRoute({ ...options, permission: deploymentDeployPermission }),
  );

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
      const outcome = await requests.deploy(
        {
          entity,
          environment: body.environment,
          version: body.version,
          reason: body.reason,
          commitSha: body.commitSha,
          requestId: body.requestId,
          requestedBy: credentials.principal.userEntityRef,
          provider: choice.provider,
        },
        (deploymentId: string) =>
          auditor.createEvent({
            eventId: 'deploy',
            severityLevel: 'high',
            request: req,
            meta: {
              entityRef,
              environment: body.environment,
              version: body.version,
              deploymentId,
              provider: choice.provider.id,
              reason: body.reason,
            },
          }),
      );
      res.status(outcome.triggered ? 202 : 200).json({
        deployment: outcome.deployment,
        provider: choice.provider.id,
        url: outcome.url ?? null,
      });
    },
  );

  return router;
}
