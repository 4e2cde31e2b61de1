import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
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
import { DeploymentIngestor } from './service/DeploymentIngestor';
import { DeploymentStore } from './service/DeploymentStore';

/** 1,000 events of a few hundred bytes each, with room for long change lists. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const listQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(255).optional(),
    environment: z.string().min(1).max(64).optional(),
    status: z.enum(DEPLOYMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
  })
  .strict();

const stateQuerySchema = z
  .object({ entityRef: z.string().min(1).max(255) })
  .strict();

export interface RouterOptions {
  httpAuth: HttpAuthService;
  store: DeploymentStore;
  ingestor: DeploymentIngestor;
  environments: FlightdeckEnvironment[];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, ingestor, environments } = options;
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

  router.get('/deployments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(listQuerySchema, req.query, 'query');
    res.json(await store.list(query));
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

  router.get('/environments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: environments });
  });

  return router;
}
