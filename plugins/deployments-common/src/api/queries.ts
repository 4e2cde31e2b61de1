import {
  entityRefParameter,
  ownerParameter,
  timestampParameter,
} from '@flightdeck/api-common';
import { z } from 'zod';
import { deploymentStatusSchema } from './deployment';

const environment = z
  .string()
  .min(1)
  .max(64)
  .describe('A name from flightdeck.environments, in any case');

/** Which deployments to list, a page at a time. @public */
export const deploymentListQuerySchema = z
  .object({
    entityRef: entityRefParameter.optional(),
    owner: ownerParameter.optional(),
    environment: environment.optional(),
    status: deploymentStatusSchema.optional(),
    limit: z.coerce.number<number>().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(512)
      .optional()
      .describe('nextCursor of the page before'),
  })
  .strict();

/** @public */
export type DeploymentListQuery = z.input<typeof deploymentListQuerySchema>;

/** One service. @public */
export const serviceQuerySchema = z
  .object({ entityRef: entityRefParameter })
  .strict();

const window = {
  environment: environment
    .optional()
    .describe('Defaults to the production environment'),
  from: timestampParameter.optional().describe('Defaults to 30 days before to'),
  to: timestampParameter.optional().describe('Defaults to now'),
};

/** The scope and window of DORA metrics. @public */
export const doraQuerySchema = z
  .object({
    entityRef: entityRefParameter.optional(),
    owner: ownerParameter.optional(),
    ...window,
  })
  .strict()
  .refine(q => !(q.entityRef && q.owner), {
    message: 'give entityRef or owner, not both',
    path: ['owner'],
  });

/** @public */
export type DoraQuery = z.input<typeof doraQuerySchema>;

/** The most teams one request may compare. @public */
export const MAX_OWNERS_PER_REQUEST = 100;

/** Several teams' DORA metrics over one window. @public */
export const doraByOwnerQuerySchema = z
  .object({
    owner: z
      .union([ownerParameter, z.array(ownerParameter)])
      .transform(owners => [...new Set([owners].flat())])
      .pipe(z.array(z.string()).min(1).max(MAX_OWNERS_PER_REQUEST))
      .describe('The teams, the parameter repeated once per team'),
    ...window,
  })
  .strict();

/** @public */
export type DoraByOwnerQuery = z.input<typeof doraByOwnerQuerySchema>;
