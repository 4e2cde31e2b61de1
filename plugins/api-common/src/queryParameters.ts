import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { normalizeOwnerRef } from './ownerRef';

/** A ref parameter answered in its full form, or an issue naming what it is not. */
function refParameter(normalize: (ref: string) => string, what: string) {
  return z
    .string()
    .min(1)
    .max(255)
    .transform((ref, ctx) => {
      try {
        return normalize(ref);
      } catch {
        ctx.addIssue({ code: 'custom', message: `'${ref}' is not ${what}` });
        return z.NEVER;
      }
    });
}

/**
 * A catalog entity: a full ref, or a component's name in the default
 * namespace (`payments-api`), answered in its full form.
 *
 * @public
 */
export const entityRefParameter = refParameter(
  ref =>
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ),
  'an entity ref',
).describe(
  'A catalog entity ref, e.g. component:default/payments-api, or a component name',
);

/**
 * An owning group, as a full ref or as the catalog's shorthand
 * (`payments`), answered as `group:default/payments`.
 *
 * @public
 */
export const ownerParameter = refParameter(
  normalizeOwnerRef,
  'a group reference',
).describe(
  'An owning group: a group ref, or a group name in the default namespace',
);

/** An ISO 8601 timestamp with its offset. @public */
export const timestampParameter = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 timestamp',
});
