import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogEntityResolver, parseInput } from '@flightdeck/ingest-node';
import { Request, Response } from 'express';
import { z } from 'zod';
import { DeployProviders } from './DeployProviders';

const supportQuerySchema = z
  .object({ entityRef: z.string().min(1).max(255) })
  .strict();

/**
 * A `GET ...-support?entityRef=` handler: whether the signed-in user holds
 * `permission` on the service, which provider it has, and, without one,
 * what to configure. Buttons and templates ask before they offer an action.
 */
export function supportRoute(options: {
  permission: ResourcePermission<'catalog-entity'>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  resolver: CatalogEntityResolver;
  providers: DeployProviders;
}) {
  return async (req: Request, res: Response) => {
    const { entityRef } = parseInput(supportQuerySchema, req.query, 'query');
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const [decision] = await options.permissions.authorize(
      [{ permission: options.permission, resourceRef: entityRef }],
      { credentials },
    );
    const choice = options.providers.forEntity(
      await options.resolver.byRef(entityRef),
    );
    res.json({
      allowed: decision.result === AuthorizeResult.ALLOW,
      provider: choice.provider?.id ?? null,
      missing: choice.missing ?? null,
    });
  };
}
