import { z } from 'zod';
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  FINISHED_STATUSES,
  STEP_STATUSES,
} from './types';

const timestamp = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 timestamp',
});

/**
 * The fields of a deployment event one by one, for other doors (CDEvents
 * custom data) that accept some of them with the same rules.
 *
 * @public
 */
export const deploymentEventFields = {
  entityRef: z.string().min(1).max(255).optional(),
  service: z.string().min(1).max(255).optional(),
  environment: z.string().min(1).max(64),
  version: z.string().min(1).max(128),
  status: z.enum(DEPLOYMENT_STATUSES),
  strategy: z.enum(DEPLOYMENT_STRATEGIES).default('rolling'),
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
  commitSha: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit SHA')
    .optional(),
  changes: z
    .array(
      z.object({
        sha: z
          .string()
          .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit SHA'),
        committedAt: timestamp,
      }),
    )
    .max(1000)
    .default([]),
  url: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .max(2048)
    .optional(),
  actor: z.string().min(1).max(255).optional(),
  idempotencyKey: z.string().min(1).max(255),
  steps: z
    .array(
      z.object({
        name: z.string().min(1).max(128),
        weight: z.number().min(0).max(100).optional(),
        status: z.enum(STEP_STATUSES),
      }),
    )
    .max(50)
    .default([]),
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
