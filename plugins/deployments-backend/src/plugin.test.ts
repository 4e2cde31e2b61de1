import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { doraFailureSourcesExtensionPoint } from '@flightdeck/plugin-deployments-node';
import request from 'supertest';
import { deploymentsPlugin } from './plugin';

const paymentsApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

describe('the deployments plugin', () => {
  it('counts the change failures a module adds through the extension point', async () => {
    const finishedAt = new Date(Date.now() - 3600_000).toISOString();
    const incidentFailures = createBackendModule({
      pluginId: 'deployments',
      moduleId: 'test-incident-failures',
      register(env) {
        env.registerInit({
          deps: { failures: doraFailureSourcesExtensionPoint },
          async init({ failures }) {
            failures.addFailureSource({
              failures: async scope =>
                scope.entityRef === 'component:default/payments-api'
                  ? [
                      {
                        entityRef: scope.entityRef,
                        deploymentId: 'incident-linked',
                        failedAt: finishedAt,
                        restoredAt: new Date().toISOString(),
                      },
                    ]
                  : [],
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        deploymentsPlugin,
        incidentFailures,
        catalogServiceMock.factory({ entities: [paymentsApi] }),
      ],
    });
    await request(backend.server)
      .post('/api/deployments/events')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          entityRef: 'component:default/payments-api',
          environment: 'production',
          version: '1.0.0',
          status: 'succeeded',
          startedAt: new Date(Date.now() - 7200_000).toISOString(),
          finishedAt,
          idempotencyKey: 'k-1',
        }),
      )
      .expect(200);
    const dora = await request(backend.server)
      .get('/api/deployments/dora?entityRef=component:default/payments-api')
      .set('Authorization', mockCredentials.user.header());
    expect(dora.body.changeFailures).toMatchObject({ failed: 1, total: 1 });
    expect(dora.body.timeToRestore).toMatchObject({ restored: 1 });
    await backend.stop();
  });
});
