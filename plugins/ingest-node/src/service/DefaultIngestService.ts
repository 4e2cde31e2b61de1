import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { ApiContract } from '@flightdeck/api-common';
import {
  EntityAuthorizer,
  EntityMutation,
} from '../authorization/EntityAuthorizer';
import { CatalogEntityResolver } from '../catalog/CatalogEntityResolver';
import { Environments } from '../environments/Environments';
import { ContractRouter } from '../http/ContractRouter';
import { IdempotencyKeyJanitor } from '../idempotency/IdempotencyKeyJanitor';
import { IdempotencyStore } from '../idempotency/IdempotencyStore';
import { IngestService } from './IngestService';

/** The services the door is built from, all scoped to the feature's plugin. */
export interface IngestServiceDeps {
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
}

/** The door as the default factory of `ingestServiceRef` builds it. */
export class DefaultIngestService implements IngestService {
  /**
   * Reads the config, migrates the idempotency table in the plugin's
   * database (unless its migrations are skipped) and schedules its janitor.
   */
  static async create(deps: IngestServiceDeps): Promise<DefaultIngestService> {
    const idempotency = await IdempotencyStore.create({
      knex: await deps.database.getClient(),
      skipMigrations: deps.database.migrations?.skip,
    });
    await IdempotencyKeyJanitor.fromConfig(deps.config, {
      store: idempotency,
      scheduler: deps.scheduler,
      logger: deps.logger,
    }).start();
    return new DefaultIngestService(deps, idempotency);
  }

  readonly environments: Environments;
  readonly entities: CatalogEntityResolver;
  private readonly authorizer: EntityAuthorizer;

  private constructor(
    private readonly deps: IngestServiceDeps,
    readonly idempotency: IdempotencyStore,
  ) {
    this.environments = Environments.fromConfig(deps.config);
    this.entities = new CatalogEntityResolver(deps.catalog, deps.auth);
    this.authorizer = new EntityAuthorizer({
      entities: this.entities,
      permissions: deps.permissions,
      auditor: deps.auditor,
    });
  }

  router<C extends ApiContract>(contract: C): ContractRouter<C> {
    return new ContractRouter(contract, {
      httpAuth: this.deps.httpAuth,
      auditor: this.deps.auditor,
    });
  }

  authorizeMutation(mutation: EntityMutation) {
    return this.authorizer.authorizeMutation(mutation);
  }

  isAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ) {
    return this.authorizer.isAllowed(credentials, permission, entityRef);
  }
}
