import {
  BackstageUserInfo,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { RESOURCE_TYPE_SCAFFOLDER_TASK } from '@backstage/plugin-scaffolder-common/alpha';
import { PolicySettings } from './PolicySettings';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Flightdeck's permission policy, decided in this order:
 *
 * 1. Nobody without a user identity gets anything.
 * 2. Members of an admin group may do everything.
 * 3. Every signed-in user may read (permissions whose action is `read`).
 * 4. Self-service permissions (creating services from templates, registering
 *    them) are open to every signed-in user. Dry runs of templates are not
 *    among them: they run whatever template is sent (see PolicySettings).
 * 5. Any other permission on a catalog entity is allowed only to the entity's
 *    owners. Feature plugins declare their mutations (rollback, acknowledge,
 *    ...) as `catalog-entity` resource permissions and get this rule for free.
 * 6. Scaffolder tasks may be cancelled by whoever started them.
 * 7. Everything else is denied.
 *
 * @public
 */
export class FlightdeckPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly settings: PolicySettings,
    private readonly userInfo: UserInfoService,
    private readonly logger: LoggerService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return deny;
    }
    const info = await this.userInfo.getUserInfo(user.credentials);
    const decision = this.decide(request, info);
    this.logger.debug(
      `${request.permission.name} for ${info.userEntityRef}: ${decision.result}`,
    );
    return decision;
  }

  private decide(
    request: PolicyQuery,
    info: BackstageUserInfo,
  ): PolicyDecision {
    const { permission } = request;
    const claims = info.ownershipEntityRefs;

    if (claims.some(ref => this.settings.adminGroups.has(ref))) {
      return allow;
    }
    if (permission.attributes.action === 'read') {
      return allow;
    }
    if (this.settings.selfServicePermissions.has(permission.name)) {
      return allow;
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_SCAFFOLDER_TASK)) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [info.userEntityRef],
        }),
      );
    }
    return deny;
  }
}
