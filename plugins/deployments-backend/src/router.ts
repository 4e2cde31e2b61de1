import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  CatalogEntityResolver,
  jsonBody,
  parseInput,
  FlightdeckEnvironment,
} from '@flightdeck/ingest-node';
import {
  DEPLOYMENT_STATUSES,
  deploymentEventBatchSchema,
  deploymentEventSchema,
} from '@flightdeck/plugin-deployments-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { InputError, NotFoundError } from '@backstage/errors';
import { DoraCalculator } from './service/dora/DoraCalculator';
import { DeploymentIngestor } from './service/DeploymentIngestor';
import { DeploymentStore } from './service/DeploymentStore';
import { normalizeOwnerRef } from './service/ownerRef';
import { deployRoutes } from './deploy/deployRoutes';
import {
  rollbackRoutes,
  RollbackRoutesOptions,
} from './rollback/rollbackRoutes';
import { cdeventsRoute } from './webhooks/cdevents/cdeventsRoute';
import { CDEventTranslator } from './webhooks/cdevents/CDEventTranslator';
import {
  githubWebhookRoute,
  GithubWebhookOptions,
} from './webhooks/github/githubWebhookRoute';

/** A group, as a full ref or as the catalog's shorthand (`payments`). */
const ownerParam = z
  .string()
  .min(1)
  .max(255)
  .transform((owner, ctx) => {
    try {
      return normalizeOwnerRef(owner);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `'${owner}' is not a group reference`,
      });
      return z.NEVER;
    }
  });

/** 1,000 events of a few hundred bytes each, with room for long change lists. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const listQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(255).optional(),
    owner: ownerParam.optional(),
    environment: z.string().min(1).max(64).optional(),
    status: z.enum(DEPLOYMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();

const stateQuerySchema = z
  .object({ entityRef: z.string().min(1).max(255) })
  .strict();

const timestamp = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 timestamp',
});
const doraQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(255).optional(),
    owner: ownerParam.optional(),
    environment: z.string().min(1).max(64).optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
  })
  .strict()
  .refine(q => !(q.entityRef && q.owner), {
    message: 'give entityRef or owner, not both',
    path: ['owner'],
  });

const DAY_MS = 24 * 3600 * 1000;
const MAX_WINDOW_DAYS = 366;

export interface RouterOptions {
  httpAuth: HttpAuthService;
  store: DeploymentStore;
  ingestor: DeploymentIngestor;
  dora: DoraCalculator;
  environments: FlightdeckEnvironment[];
  resolver: CatalogEntityResolver;
  github: Pick<GithubWebhookOptions, 'secrets'>;
  /** What the mutations (deploy, roll back) need. */
  actions: Omit<RollbackRoutesOptions, 'httpAuth' | 'store'>;
  clock?: () => Date;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, ingestor, dora, environments } = options;
  const clock = options.clock ?? (() => new Date());
  const production = environments.find(e => e.production)?.name;
  const router = Router();

  router.post(
    '/events',
    jsonBody({ limitBytes: MAX_BODY_BYTES }),
    async (req, res) => {
      await httpAuth.credentials(req, { allow: ['service'] });
      const events =
        req.body && typeof req.body === 'object' && 'events' in req.body
          ? parseInput(
              deploymentEventBatchSchema,
              req.body,
              'deployment events',
            ).events
          : [parseInput(deploymentEventSchema, req.body, 'deployment event')];
      res.json(await ingestor.ingest(events));
    },
  );

  // Authenticated by its signature; see plugin.ts for the auth policy.
  router.post(
    '/webhooks/github',
    ...githubWebhookRoute({
      ...options.github,
      resolver: options.resolver,
      environments,
      ingestor,
    }),
  );

  router.post(
    '/webhooks/cdevents',
    ...cdeventsRoute({
      httpAuth,
      ingestor,
      translator: new CDEventTranslator(environments, options.resolver, store),
    }),
  );

  router.use(rollbackRoutes({ ...options.actions, httpAuth, store }));
  router.use(
    deployRoutes({
      ...options.actions,
      httpAuth,
      store,
      ingestor,
      environments,
      clock,
    }),
  );

  router.get('/deployments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(listQuerySchema, req.query, 'query');
    res.json(await store.list(query));
  });

  // What a release follows until its deployment finishes.
  router.get('/deployments/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const deployment = await store.get(req.params.id);
    if (!deployment) {
      throw new NotFoundError(`No deployment ${req.params.id}`);
    }
    res.json(deployment);
  });

  router.get('/environment-states', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { entityRef } = parseInput(stateQuerySchema, req.query, 'query');
    const items = await store.environmentStates(
      entityRef,
      environments.map(e => e.name),
    );
    res.json({ items });
  });

  router.get('/dora', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(doraQuerySchema, req.query, 'query');
    const environment = query.environment ?? production;
    if (!environment || !environments.some(e => e.name === environment)) {
      throw new InputError(
        `environment: '${environment}' is not a configured environment`,
      );
    }
    const to = query.to ? new Date(query.to) : clock();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) {
      throw new InputError('from: must be before to');
    }
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw new InputError(
        `the window may span at most ${MAX_WINDOW_DAYS} days`,
      );
    }
    res.json(
      await dora.compute({
        entityRef: query.entityRef,
        owner: query.owner,
        environment,
        from: from.toISOString(),
        to: to.toISOString(),
      }),
    );
  });

  router.get('/environments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: environments });
  });

  return router;
}
