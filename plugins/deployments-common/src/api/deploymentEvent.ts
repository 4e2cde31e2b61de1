import { timestampParameter as timestamp } from '@flightdeck/api-common';
import { z } from 'zod';
import {
  deploymentStatusSchema,
  deploymentStepSchema,
  deploymentStrategySchema,
  FINISHED_STATUSES,
} from './deployment';

const commitSha = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit SHA');

/**
 * The commits a deployment brings to its environment, for lead time.
 *
 * @public
 */
export const deploymentChangesSchema = z
  .array(z.object({ sha: commitSha, committedAt: timestamp }))
  .max(1000)
  .default([])
  .describe('The commits this deployment brings to the environment');

/**
 * The fields of a deployment event one by one, for other doors (CDEvents
 * custom data) that accept some of them with the same rules.
 *
 * @public
 */
export const deploymentEventFields = {
  entityRef: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('The service, e.g. component:default/payments-api'),
  service: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('A component name instead of entityRef, e.g. payments-api'),
  environment: z
    .string()
    .min(1)
    .max(64)
    .describe('A name from flightdeck.environments'),
  version: z.string().min(1).max(128),
  status: deploymentStatusSchema,
  strategy: deploymentStrategySchema.default('rolling'),
  deploymentId: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe(
      'Ties the events of one deployment together; defaults to version and start time',
    ),
  startedAt: timestamp,
  finishedAt: timestamp.optional(),
  commitSha: commitSha.optional(),
  changes: deploymentChangesSchema,
  url: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .max(2048)
    .optional(),
  actor: z.string().min(1).max(255).optional(),
  idempotencyKey: z.string().min(1).max(255),
  steps: z.array(deploymentStepSchema).max(50).default([]),
};

/**
 * Flightdeck's own deployment event, as CI pipelines and the report CLI send
 * it. Either `entityRef` or `service` (a component name) names the service.
 *
 * @public
 */
export const deploymentEventSchema = z
  .object(deploymentEventFields)
  .strict()
  .refine(e => e.entityRef || e.service, {
    message: 'either entityRef or service is required',
    path: ['entityRef'],
  })
  .refine(e => !FINISHED_STATUSES.includes(e.status) || e.finishedAt, {
    message: 'required when the status is final',
    path: ['finishedAt'],
  })
  .refine(
    e => !e.finishedAt || Date.parse(e.finishedAt) >= Date.parse(e.startedAt),
    {
      message: 'must not be before startedAt',
      path: ['finishedAt'],
    },
  );

/** @public */
export type DeploymentEvent = z.output<typeof deploymentEventSchema>;

/** The most events one request may carry. @public */
export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * A batch request body: `{ "events": [...] }` with 1 to 1,000 events. A body
 * without `events` is a single event.
 *
 * @public
 */
export const deploymentEventBatchSchema = z
  .object({
    events: z.array(deploymentEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
  })
  .strict();

/** What an ingestion route answers: each event recorded once. @public */
export const ingestResultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  results: z.array(
    z.object({
      idempotencyKey: z.string(),
      deploymentId: z
        .string()
        .optional()
        .describe('The deployment the event belongs to; absent for duplicates'),
      duplicate: z.boolean(),
    }),
  ),
});

/** @public */
export type IngestResult = z.output<typeof ingestResultSchema>;
