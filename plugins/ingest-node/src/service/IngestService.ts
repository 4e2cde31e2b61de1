import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { ApiContract } from '@flightdeck/api-common';
import {
  AuthorizedMutation,
  EntityMutation,
} from '../authorization/EntityAuthorizer';
import { CatalogEntityResolver } from '../catalog/CatalogEntityResolver';
import { Environments } from '../environments/Environments';
import { ContractRouter } from '../http/ContractRouter';
import { IdempotencyStore } from '../idempotency/IdempotencyStore';

/**
 * The door every Flightdeck feature backend shares, one per plugin: what
 * its routes need to take events and mutations in safely.
 *
 * @public
 */
export interface IngestService {
  /** `flightdeck.environments`, read once. */
  readonly environments: Environments;
  /** Maps what external systems call a service to its catalog entity. */
  readonly entities: CatalogEntityResolver;
  /** Idempotency keys, in the plugin's own database; claim them in its transactions. */
  readonly idempotency: IdempotencyStore;
  /** A router for the plugin's API contract that checks credentials as it says. */
  router<C extends ApiContract>(contract: C): ContractRouter<C>;
  /**
   * Resolves the entity, asks the permission framework, and audits the
   * attempt (a refused one too, before throwing `NotAllowedError`).
   */
  authorizeMutation(mutation: EntityMutation): Promise<AuthorizedMutation>;
  /** Whether the caller holds `permission` on the entity, for "may I?" routes. */
  isAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<boolean>;
}
