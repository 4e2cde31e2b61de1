import { entityRefParameter } from '@flightdeck/api-common';
import { z } from 'zod';
import { deploymentSchema } from './deployment';
import { deploymentChangesSchema } from './deploymentEvent';

/** The CD systems Flightdeck can ask to deploy. @public */
export const DEPLOY_PROVIDERS = ['github-actions', 'webhook'] as const;

/** @public */
export const deployProviderSchema = z.enum(DEPLOY_PROVIDERS);

/** @public */
export type DeployProviderId = z.output<typeof deployProviderSchema>;

const reason = z.string().trim().min(3, 'say why, in a few words').max(1000);

/** A request to deploy a version of a service from Flightdeck. @public */
export const deployRequestSchema = z
  .object({
    entityRef: entityRefParameter,
    environment: z.string().min(1).max(64),
    version: z
      .string()
      .min(1)
      .max(128)
      .regex(
        /^\w[\w.+-]*$/,
        'expected a version or tag such as v1.4.0, starting with a letter or digit',
      ),
    reason,
    commitSha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit SHA')
      .optional()
      .describe('The commit the version was built from, shown in the history'),
    changes: deploymentChangesSchema.describe(
      'The commits the version brings since the one deployed before, for lead time',
    ),
    requestId: z
      .string()
      .regex(
        /^[\w.:-]{1,128}$/,
        'expected up to 128 letters, digits, ".", ":", "_" or "-"',
      )
      .optional()
      .describe(
        'The same id from the same user, for the same service and environment, deploys once; a retry gets the first deployment back. A retry of a request the provider refused is refused (409); send a new id',
      ),
  })
  .strict();

/** @public */
export type DeployRequest = z.input<typeof deployRequestSchema>;

/** What a deploy from Flightdeck started. @public */
export const deployAnswerSchema = z.object({
  deployment: deploymentSchema,
  provider: deployProviderSchema,
  url: z
    .string()
    .nullable()
    .describe('Where the provider shows the run, when it says'),
});

/** @public */
export type DeployAnswer = z.output<typeof deployAnswerSchema>;

/** A request to roll back to an earlier successful deployment. @public */
export const rollbackRequestSchema = z.object({ reason }).strict();

/** What a rollback started. @public */
export const rollbackAnswerSchema = z.object({
  provider: deployProviderSchema,
  environment: z.string(),
  version: z.string(),
  url: z.string().nullable(),
});

/** @public */
export type RollbackAnswer = z.output<typeof rollbackAnswerSchema>;

/**
 * Whether the signed-in user may deploy (or roll back) a service, which
 * provider it has, and without one, what to configure.
 *
 * @public
 */
export const actionSupportSchema = z.object({
  allowed: z.boolean(),
  provider: deployProviderSchema.nullable(),
  missing: z
    .string()
    .nullable()
    .describe('What to configure when there is no provider'),
});

/** @public */
export type ActionSupport = z.output<typeof actionSupportSchema>;
