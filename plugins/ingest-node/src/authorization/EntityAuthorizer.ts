import {
  AuditorService,
  AuditorServiceEvent,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { CatalogEntityResolver } from '../catalog/CatalogEntityResolver';

/** A mutation a caller asks for on one catalog entity. @public */
export interface EntityMutation {
  /** The request, which the audit record describes. */
  request: Request;
  credentials: BackstageCredentials;
  permission: ResourcePermission<'catalog-entity'>;
  /** The entity as the caller named it; resolved against the catalog first. */
  entityRef: string;
  audit: {
    /** kebab-case, e.g. `deploy`. */
    eventId: string;
    severityLevel?: AuditorServiceEventSeverityLevel;
    meta?: JsonObject;
  };
  /** The refusal, naming who may: `Only the owners of … and admins may deploy it`. */
  refusal: (entityRef: string) => string;
}

/** A mutation that may go ahead, with its open audit event. @public */
export interface AuthorizedMutation {
  entity: Entity;
  entityRef: string;
  /** Close it with `success()` or `fail({ error })` once the work is done. */
  audit: AuditorServiceEvent;
}

/**
 * The one way a mutation on a catalog entity is let through: the entity is
 * resolved first (422 when the catalog has no such entity), then the
 * permission framework decides on it, then the attempt is audited. A refused
 * attempt is audited as failed before the 403 goes out.
 *
 * @public
 */
export class EntityAuthorizer {
  constructor(
    private readonly options: {
      entities: CatalogEntityResolver;
      permissions: PermissionsService;
      auditor: AuditorService;
    },
  ) {}

  async authorizeMutation(
    mutation: EntityMutation,
  ): Promise<AuthorizedMutation> {
    const entity = await this.options.entities.byRef(mutation.entityRef);
    const entityRef = stringifyEntityRef(entity);
    const allowed = await this.isAllowed(
      mutation.credentials,
      mutation.permission,
      entityRef,
    );
    const audit = await this.options.auditor.createEvent({
      eventId: mutation.audit.eventId,
      severityLevel: mutation.audit.severityLevel ?? 'medium',
      request: mutation.request,
      meta: {
        entityRef,
        permission: mutation.permission.name,
        ...mutation.audit.meta,
      },
    });
    if (!allowed) {
      const error = new NotAllowedError(mutation.refusal(entityRef));
      await audit.fail({ error });
      throw error;
    }
    return { entity, entityRef, audit };
  }

  /** Whether the caller holds `permission` on the entity; nothing is audited. */
  async isAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}
