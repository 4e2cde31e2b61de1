import { defineContract, defineEndpoint } from '@flightdeck/api-common';
import { environmentSchema } from '@flightdeck/api-common';
import { z } from 'zod';
import {
  cdeventSchema,
  cloudEventBatchSchema,
  cloudEventSchema,
} from './cdevent';
import {
  actionSupportSchema,
  deployAnswerSchema,
  deployRequestSchema,
  rollbackAnswerSchema,
  rollbackRequestSchema,
} from './deploy';
import {
  deploymentPageSchema,
  deploymentSchema,
  deploymentStatusSchema,
  deploymentStepSchema,
  deploymentStrategySchema,
  environmentStateSchema,
} from './deployment';
import {
  deploymentEventBatchSchema,
  deploymentEventSchema,
  ingestResultSchema,
} from './deploymentEvent';
import { doraByOwnerSchema, doraLevelSchema, doraMetricsSchema } from './dora';
import {
  deploymentListQuerySchema,
  doraByOwnerQuerySchema,
  doraQuerySchema,
  serviceQuerySchema,
} from './queries';

const USERS_AND_SERVICES = ['user', 'service'] as const;
const USERS = ['user'] as const;
const SERVICES = ['service'] as const;
const KB = 1024;

const idParams = z.object({ id: z.string().min(1).max(64) });

const ingestion = defineEndpoint({
  operationId: 'PostDeploymentEvents',
  method: 'POST',
  path: '/events',
  summary: 'Record one deployment event, or a batch of up to 1,000.',
  description:
    'For CI systems, with an external-access token. A body with `events` is a batch; any other body is one event. A batch is written whole or not at all; an idempotency key seen before is reported as a duplicate and changes nothing.',
  auth: SERVICES,
  // 1,000 events of a few hundred bytes each, with room for long change lists.
  body: {
    limitBytes: 5 * KB * KB,
    content: {
      'application/json': z.union([
        deploymentEventSchema,
        deploymentEventBatchSchema,
      ]),
    },
  },
  answers: {
    200: {
      description:
        'Every event recorded once; repeated idempotency keys are reported as duplicates.',
      schema: ingestResultSchema,
    },
  },
  errors: [400, 401, 403, 413, 415, 422],
});

const githubWebhook = defineEndpoint({
  operationId: 'PostGithubWebhook',
  method: 'POST',
  path: '/webhooks/github',
  summary: 'GitHub deployment and deployment_status deliveries.',
  description:
    'No Backstage credentials: the body must be signed with deployments.github.webhookSecret (or previousWebhookSecret during a rotation) in X-Hub-Signature-256. Repositories map to services by the github.com/project-slug annotation of the one entity whose claim is trusted (ingested from an administrator location, or from a catalog file in that repository, or granted in flightdeck.trust.repositories); two such entities answer 409. A deployment or status sent again, under any X-GitHub-Delivery, changes nothing (deliveries count by the ids in the signed body), nor does a status older than the one recorded.',
  auth: 'signed-body',
  headers: z.object({
    'X-GitHub-Event': z.string(),
    'X-Hub-Signature-256': z.string().describe('sha256=<hex HMAC of the body>'),
  }),
  // GitHub caps payloads at 25 MB; deployment payloads are a few KB.
  body: {
    limitBytes: KB * KB,
    content: {
      'application/json': z
        .looseObject({})
        .describe('The payload exactly as GitHub sends it'),
    },
  },
  answers: {
    200: {
      description: 'Recorded (or a duplicate delivery), or a ping answered.',
      schema: z.union([ingestResultSchema, z.object({ ok: z.literal(true) })]),
    },
    202: {
      description: 'A delivery that does not change a deployment; ignored.',
      schema: z.object({ ignored: z.string() }),
    },
  },
  errors: [400, 401, 409, 413, 415, 422],
});

const cdevents = defineEndpoint({
  operationId: 'PostCDEvents',
  method: 'POST',
  path: '/webhooks/cdevents',
  summary:
    'CDEvents service deployed, upgraded, rolledback and removed events.',
  description:
    'CloudEvents in structured mode whose data is a CDEvent (one event, or an array of up to 1,000 as application/cloudevents-batch+json), or a bare CDEvent as sent in HTTP binary mode. The subject id names the service (an entity ref, or a component name as its last path segment); the environment id or name must match a configured environment. A rolledback event also marks the deployment it replaced as rolled_back. Optional customData.flightdeck carries commits for lead time, the run URL, the actor and the strategy.',
  auth: SERVICES,
  // A batch of 1,000 CloudEvents of about 1 KB each, with room to spare.
  body: {
    limitBytes: 2 * KB * KB,
    content: {
      'application/cloudevents+json': cloudEventSchema,
      'application/cloudevents-batch+json': cloudEventBatchSchema,
      'application/cdevents+json': cdeventSchema,
    },
  },
  answers: {
    200: {
      description:
        'Every event recorded once; redeliveries (same source and id) are reported as duplicates.',
      schema: ingestResultSchema,
    },
  },
  errors: [400, 401, 403, 413, 415, 422],
});

/** A "may I, and how?" endpoint a button or template asks before it offers an action. */
const actionSupport = <const O extends string, const P extends `/${string}`>(
  operationId: O,
  path: P,
  summary: string,
  answer: string,
) =>
  defineEndpoint({
    operationId,
    method: 'GET',
    path,
    summary,
    auth: USERS,
    query: serviceQuerySchema,
    answers: { 200: { description: answer, schema: actionSupportSchema } },
    errors: [400, 401, 403, 422],
  });

const rollbackSupport = actionSupport(
  'GetRollbackSupport',
  '/rollback-support',
  'Whether the signed-in user may roll a service back, and whether a provider is configured.',
  'What the Rollback button can do.',
);

const deploySupport = actionSupport(
  'GetDeploySupport',
  '/deploy-support',
  'Whether the signed-in user may deploy a service from Flightdeck, and whether a provider is configured; a release asks before it tags.',
  'What a deploy from Flightdeck can do.',
);

const rollback = defineEndpoint({
  operationId: 'RollbackToDeployment',
  method: 'POST',
  path: '/deployments/{id}/rollback',
  summary:
    "Redeploy the version of an earlier successful deployment, through the service's provider.",
  description:
    'Owners of the service and admins only (permission deployments.rollback); audited, refused attempts too.',
  auth: USERS,
  params: idParams,
  body: {
    limitBytes: 16 * KB,
    content: { 'application/json': rollbackRequestSchema },
  },
  answers: {
    202: {
      description: 'The provider accepted the request.',
      schema: rollbackAnswerSchema,
    },
  },
  errors: [400, 401, 403, 404, 409, 413, 415, 422, 502, 503],
});

const listDeployments = defineEndpoint({
  operationId: 'ListDeployments',
  method: 'GET',
  path: '/deployments',
  summary: 'Deployments, newest first, a page at a time.',
  auth: USERS_AND_SERVICES,
  query: deploymentListQuerySchema,
  answers: { 200: { description: 'One page.', schema: deploymentPageSchema } },
  errors: [400, 401],
});

const deploy = defineEndpoint({
  operationId: 'DeployVersion',
  method: 'POST',
  path: '/deployments',
  summary:
    'Deploy a version of a service through its provider, as a release does.',
  description:
    'Owners of the service and admins only (permission deployments.deploy); audited, refused attempts too; user credentials only (the scaffolder calls it on behalf of the user who runs the template). The deployment is recorded as started before the provider is asked, and the provider is given its id (`deploymentId` of the webhook body, `deployment_id` input of a GitHub workflow), under which the CD system reports the outcome. A deploy the provider refuses is recorded as cancelled and answered with 502 (503 when the provider cannot be reached).',
  auth: USERS,
  body: {
    limitBytes: 128 * KB,
    content: { 'application/json': deployRequestSchema },
  },
  answers: {
    200: {
      description:
        'A retry of an earlier request (same requestId); nothing was triggered again.',
      schema: deployAnswerSchema,
    },
    202: {
      description: 'Recorded as started and accepted by the provider.',
      schema: deployAnswerSchema,
    },
  },
  errors: [400, 401, 403, 409, 413, 415, 422, 502, 503],
});

const getDeployment = defineEndpoint({
  operationId: 'GetDeployment',
  method: 'GET',
  path: '/deployments/{id}',
  summary: 'One deployment, to follow it until it finishes.',
  auth: USERS_AND_SERVICES,
  params: idParams,
  answers: {
    200: { description: 'The deployment.', schema: deploymentSchema },
  },
  errors: [401, 404],
});

const environmentStates = defineEndpoint({
  operationId: 'ListEnvironmentStates',
  method: 'GET',
  path: '/environment-states',
  summary:
    'For one service, what runs in each environment and the latest attempt there.',
  auth: USERS_AND_SERVICES,
  query: serviceQuerySchema,
  answers: {
    200: {
      description: 'One entry per configured environment, in promotion order.',
      schema: z.object({ items: z.array(environmentStateSchema) }),
    },
  },
  errors: [400, 401],
});

const dora = defineEndpoint({
  operationId: 'GetDoraMetrics',
  method: 'GET',
  path: '/dora',
  summary:
    'DORA metrics for a service (entityRef), a team (owner) or the whole organisation.',
  description:
    'Defaults: the production environment and the 30 days before now. The window may span at most 366 days. See docs/deployments.md for the definitions.',
  auth: USERS_AND_SERVICES,
  query: doraQuerySchema,
  answers: {
    200: {
      description: 'The four keys, their levels and a trend.',
      schema: doraMetricsSchema,
    },
  },
  errors: [400, 401],
});

const doraByOwner = defineEndpoint({
  operationId: 'GetDoraMetricsByOwner',
  method: 'GET',
  path: '/dora/by-owner',
  summary: "Several teams' DORA metrics over one window, in one request.",
  description:
    'The same metrics as /dora with owner, for up to 100 teams, in the order asked. Defaults and limits as /dora.',
  auth: USERS_AND_SERVICES,
  query: doraByOwnerQuerySchema,
  answers: {
    200: { description: 'One entry per team.', schema: doraByOwnerSchema },
  },
  errors: [400, 401],
});

const environments = defineEndpoint({
  operationId: 'ListEnvironments',
  method: 'GET',
  path: '/environments',
  summary: 'The configured environments in promotion order.',
  auth: USERS_AND_SERVICES,
  answers: {
    200: {
      description: 'The environments.',
      schema: z.object({ items: z.array(environmentSchema) }),
    },
  },
  errors: [401],
});

/**
 * The deployments API: the one description its backend router, its clients
 * and its OpenAPI document (served at `/api/deployments/openapi.json`) come
 * from.
 *
 * @public
 */
export const deploymentsApi = defineContract({
  pluginId: 'deployments',
  title: 'deployments',
  version: '0.1.0',
  description:
    "Flightdeck's deployments API. Ingestion routes take a service's Backstage credentials (the external-access ingest token) or a signature; read routes take a signed-in user's or a service's credentials; deploy and rollback take a user's.",
  schemas: {
    Deployment: deploymentSchema,
    DeploymentStatus: deploymentStatusSchema,
    DeploymentStrategy: deploymentStrategySchema,
    Step: deploymentStepSchema,
    DeploymentEvent: deploymentEventSchema,
    IngestResult: ingestResultSchema,
    CloudEvent: cloudEventSchema,
    CDEvent: cdeventSchema,
    DeployAnswer: deployAnswerSchema,
    DoraLevel: doraLevelSchema,
    DoraMetrics: doraMetricsSchema,
    Environment: environmentSchema,
  },
  endpoints: {
    ingestion,
    githubWebhook,
    cdevents,
    rollbackSupport,
    deploySupport,
    rollback,
    listDeployments,
    deploy,
    getDeployment,
    environmentStates,
    dora,
    doraByOwner,
    environments,
  },
});
