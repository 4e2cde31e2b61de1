import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An owner as the catalog writes it (`payments`, `group:payments`,
 * `group:default/payments`) in the one form records are stored and queried
 * by: `group:default/payments`. Throws a TypeError for a malformed one.
 *
 * @public
 */
export function normalizeOwnerRef(owner: string): string {
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
}
