import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { IngestService } from '@flightdeck/ingest-node';
import { ActionSupport as Support } from '@flightdeck/plugin-deployments-common';
import { DeployProviders } from './DeployProviders';

/**
 * Whether a user may deploy or roll back a service, which provider it has,
 * and without one, what to configure. Buttons and templates ask before they
 * offer the action; nothing is audited, since nothing changes.
 */
export class ActionSupport {
  constructor(
    private readonly ingest: Pick<IngestService, 'entities' | 'isAllowed'>,
    private readonly providers: DeployProviders,
  ) {}

  async of(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<Support> {
    const [allowed, entity] = await Promise.all([
      this.ingest.isAllowed(credentials, permission, entityRef),
      this.ingest.entities.byRef(entityRef),
    ]);
    const choice = this.providers.forEntity(entity);
    return {
      allowed,
      provider: choice.provider?.id ?? null,
      missing: choice.missing ?? choice.refused ?? null,
    };
  }
}
