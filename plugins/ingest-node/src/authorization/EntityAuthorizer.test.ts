import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { CatalogEntityResolver } from '../catalog/CatalogEntityResolver';
import { EntityAuthorizer } from './EntityAuthorizer';

const shipPermission = createPermission({
  name: 'shop.ship',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

function authorizerDeciding(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result })),
  );
  const auditor = mockServices.auditor.mock();
  const audit = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(audit);
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-api', namespace: 'default' },
        spec: { owner: 'payments' },
      },
    ],
  });
  const authorizer = new EntityAuthorizer({
    entities: new CatalogEntityResolver(catalog, mockServices.auth()),
    permissions,
    auditor,
  });
  return { authorizer, permissions, auditor, audit };
}

const mutation = {
  request: {} as Request,
  credentials: mockCredentials.user('user:default/ana'),
  permission: shipPermission,
  entityRef: 'payments-api',
  audit: { eventId: 'ship', meta: { version: '1.2.0' } },
  refusal: (ref: string) => `Only the owners of ${ref} may ship it`,
};

describe('EntityAuthorizer', () => {
  it('resolves the entity, asks about it, and opens an audit event', async () => {
    const { authorizer, permissions, auditor } = authorizerDeciding(
      AuthorizeResult.ALLOW,
    );
    const allowed = await authorizer.authorizeMutation(mutation);
    expect(allowed.entityRef).toBe('component:default/payments-api');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: shipPermission,
          resourceRef: 'component:default/payments-api',
        },
      ],
      { credentials: mutation.credentials },
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'ship',
        meta: {
          entityRef: 'component:default/payments-api',
          permission: 'shop.ship',
          version: '1.2.0',
        },
      }),
    );
  });

  it('audits a refused attempt as failed before refusing it', async () => {
    const { authorizer, audit } = authorizerDeciding(AuthorizeResult.DENY);
    await expect(authorizer.authorizeMutation(mutation)).rejects.toThrow(
      'Only the owners of component:default/payments-api may ship it',
    );
    expect(audit.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
    });
    expect(audit.success).not.toHaveBeenCalled();
  });

  it('refuses an entity the catalog does not have before asking anyone', async () => {
    const { authorizer, permissions, auditor } = authorizerDeciding(
      AuthorizeResult.ALLOW,
    );
    await expect(
      authorizer.authorizeMutation({ ...mutation, entityRef: 'ghost' }),
    ).rejects.toMatchObject({ statusCode: 422 });
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });
});
