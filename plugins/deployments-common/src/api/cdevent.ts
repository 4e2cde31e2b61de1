import { z } from 'zod';
import { deploymentEventFields } from '@flightdeck/plugin-deployments-common';

const timestamp = deploymentEventFields.startedAt;

/** The service events Flightdeck records, by predicate. */
export const SERVICE_PREDICATES = [
  'deployed',
  'upgraded',
  'rolledback',
  'removed',
] as const;
export type ServicePredicate = (typeof SERVICE_PREDICATES)[number];

/** `dev.cdevents.service.deployed.0.3.0`: subject, predicate, event version. */
const SERVICE_TYPE =
  /^dev\.cdevents\.service\.(deployed|upgraded|rolledback|removed)\.\d+\.\d+\.\d+(-draft)?$/;

export function predicateOf(type: string): ServicePredicate | undefined {
  return SERVICE_TYPE.exec(type)?.[1] as ServicePredicate | undefined;
}

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
export type FlightdeckExtras = Partial<z.output<typeof flightdeckCustomData>>;

/**
 * A CDEvents service event as the specification's schemas describe it
 * (context, subject, optional custom data). Only what Flightdeck reads is
 * checked; other fields the specification allows pass.
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
    id: z.string().min(1).max(255),
    source: z.string().max(1024).optional(),
    type: z.string().optional(),
    content: z.object({
      environment: z.object({
        id: z.string().min(1).max(255),
        source: z.string().max(1024).optional(),
        name: z.string().min(1).max(255).optional(),
      }),
      artifactId: z.string().min(1).max(1024).optional(),
    }),
  }),
  customData: z
    .union([
      z.object({ flightdeck: flightdeckCustomData.optional() }),
      z.string(),
    ])
    .optional(),
});
export type CDEvent = z.output<typeof cdeventSchema>;

/**
 * A CloudEvent in structured JSON mode whose data is a CDEvent, as the
 * CDEvents CloudEvents binding maps them: the CloudEvent's `id`, `source`
 * and `type` repeat the CDEvent's context.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0', { message: "expected specversion '1.0'" }),
  id: z.string().min(1).max(255),
  source: z.string().min(1).max(1024),
  type: z.string().min(1).max(255),
  time: timestamp.optional(),
  subject: z.string().optional(),
  datacontenttype: z.string().optional(),
  data: cdeventSchema,
});
export type CloudEvent = z.output<typeof cloudEventSchema>;

/** A structured-mode batch (`application/cloudevents-batch+json`). */
export const MAX_CLOUDEVENTS_PER_BATCH = 1000;
export const cloudEventBatchSchema = z
  .array(cloudEventSchema)
  .min(1)
  .max(MAX_CLOUDEVENTS_PER_BATCH);

/**
 * The version in a package URL (`pkg:oci/payments-api@sha256%3Aab12...`
 * gives `sha256:ab12...`), or the identifier itself when it is not a purl
 * with a version, as the specification's plain digests are.
 */
export function versionOfArtifact(artifactId: string): string {
  if (!artifactId.startsWith('pkg:')) return artifactId;
  const withoutSuffix = artifactId.split(/[?#]/, 1)[0];
  const at = withoutSuffix.lastIndexOf('@');
  if (at < 0) return artifactId;
  try {
    return decodeURIComponent(withoutSuffix.slice(at + 1));
  } catch {
    return withoutSuffix.slice(at + 1);
  }
}
