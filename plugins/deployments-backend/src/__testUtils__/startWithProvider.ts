import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deploymentsPlugin } from '../plugin';

function paymentsService(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
}

/** payments-api deploys through the webhook; fraud-detector has no provider. */
export const providerTestEntities = [
  paymentsService('payments-api', {
    'flightdeck.io/deploy-provider': 'webhook',
  }),
  paymentsService('fraud-detector', {}),
];

/**
 * The deployments backend with a webhook provider at `cdUrl`, a permission
 * decision for everything, and an auditor whose events tests can inspect.
 */
export async function startWithProvider(options: {
  cdUrl: string;
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result: options.permission })),
  );
  const auditor = mockServices.auditor.mock();
  // The decision on the entity (`deploy`, `rollback`), and the request's
  // own event, which the contract router opens for every mutation.
  const audit = { success: jest.fn(), fail: jest.fn() };
  const requestAudit = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockImplementation(async ({ meta }) =>
    meta?.operationId ? requestAudit : audit,
  );
  const backend = await startTestBackend({
    features: [
      deploymentsPlugin,
      catalogServiceMock.factory({ entities: providerTestEntities }),
      auditor.factory,
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          deployments: {
            providers: { webhook: { url: options.cdUrl, secret: 'cd-secret' } },
          },
        },
      }),
    ],
  });
  return { backend, auditor, audit, requestAudit, permissions };
}
