import { z } from 'zod';
import { deploymentEventFields } from './deploymentEvent';

const timestamp = deploymentEventFields.startedAt;

/**
 * Optional extras a sender may put under `customData.flightdeck`, for what
 * CDEvents itself cannot say: the commits shipped (lead time), the run URL,
 * who deployed, the strategy and the service's entity ref.
 */
const fields = deploymentEventFields;
const flightdeckCustomData = z
  .object({
    entityRef: fields.entityRef,
    commitSha: fields.commitSha,
    changes: fields.changes,
    url: fields.url,
    actor: fields.actor,
    strategy: fields.strategy.optional(),
    startedAt: fields.startedAt.optional(),
    steps: fields.steps,
  })
  .strict();
/** @public */
export type FlightdeckExtras = Partial<z.output<typeof flightdeckCustomData>>;

/**
 * A CDEvents service event as the specification's schemas describe it
 * (context, subject, optional custom data). Only what Flightdeck reads is
 * checked; other fields the specification allows pass.
 *
 * @public
 */
export const cdeventSchema = z.object({
  context: z.object({
    id: z.string().min(1).max(255),
    source: z.string().min(1).max(1024),
    type: z.string().min(1).max(255),
    timestamp,
    specversion: z.string().optional(),
    version: z.string().optional(),
  }),
  subject: z.object({
    id: z
      .string()
      .min(1)
      .max(255)
      .describe(
        'The service: an entity ref, or a path whose last segment is a component name',
      ),
    source: z.string().max(1024).optional(),
    type: z.string().optional(),
    content: z.object({
      environment: z.object({
        id: z.string().min(1).max(255),
        source: z.string().max(1024).optional(),
        name: z.string().min(1).max(255).optional(),
      }),
      artifactId: z
        .string()
        .min(1)
        .max(1024)
        .optional()
        .describe(
          "A package URL; its version becomes the deployment's version. Required except for removed events",
        ),
    }),
  }),
  customData: z
    .union([
      z.object({ flightdeck: flightdeckCustomData.optional() }),
      z.string(),
    ])
    .optional(),
});

/** @public */
export type CDEvent = z.output<typeof cdeventSchema>;

/**
 * A CloudEvent in structured JSON mode whose data is a CDEvent, as the
 * CDEvents CloudEvents binding maps them: the CloudEvent's `id`, `source`
 * and `type` repeat the CDEvent's context.
 *
 * @public
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0', { message: "expected specversion '1.0'" }),
  id: z.string().min(1).max(255),
  source: z.string().min(1).max(1024),
  type: z
    .string()
    .min(1)
    .max(255)
    .describe(
      'Equal to data.context.type, e.g. dev.cdevents.service.deployed.0.3.0',
    ),
  time: timestamp.optional(),
  subject: z.string().optional(),
  datacontenttype: z.string().optional(),
  data: cdeventSchema,
});

/** @public */
export type CloudEvent = z.output<typeof cloudEventSchema>;

/** The most CloudEvents one request may carry. @public */
export const MAX_CLOUDEVENTS_PER_BATCH = 1000;

/** A structured-mode batch (`application/cloudevents-batch+json`). @public */
export const cloudEventBatchSchema = z
  .array(cloudEventSchema)
  .min(1)
  .max(MAX_CLOUDEVENTS_PER_BATCH);
