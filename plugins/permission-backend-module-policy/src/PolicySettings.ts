import { Config } from '@backstage/config';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';

/**
 * Permissions every signed-in user holds, so that teams can create and
 * register services on their own.
 */
export const DEFAULT_SELF_SERVICE_PERMISSIONS = [
  'catalog.entity.create',
  'catalog.entity.validate',
  'catalog.location.create',
  'catalog.location.analyze',
  'scaffolder.task.create',
  'scaffolder.action.execute',
];

// A dry run runs the template sent with it rather than a registered one,
// so whoever may dry-run reads whatever the portal's git access reaches.
const ADMIN_ONLY_PERMISSIONS = ['scaffolder.template.dry-run'];

/** The policy's configuration, read from `flightdeck.permissions`. */
export interface PolicySettings {
  /** Full group refs, e.g. `group:default/platform-engineering`. */
  adminGroups: ReadonlySet<string>;
  selfServicePermissions: ReadonlySet<string>;
}

export function readPolicySettings(config: Config): PolicySettings {
  const section = config.getOptionalConfig('flightdeck.permissions');
  const adminGroups = (
    section?.getOptionalStringArray('adminGroups') ?? []
  ).map(ref =>
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  );
  const extra = section?.getOptionalStringArray('selfServicePermissions') ?? [];
  const adminOnly = extra.find(name => ADMIN_ONLY_PERMISSIONS.includes(name));
  if (adminOnly) {
    throw new Error(
      `flightdeck.permissions.selfServicePermissions may not hold '${adminOnly}': a dry run runs any template sent, and so reads whatever the portal can read; only admin groups may dry-run`,
    );
  }
  return {
    adminGroups: new Set(adminGroups),
    selfServicePermissions: new Set([
      ...DEFAULT_SELF_SERVICE_PERMISSIONS,
      ...extra,
    ]),
  };
}
