import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import policyModule from './index';

async function authorize(
  server: Parameters<typeof request>[0],
  user: string,
  permission: object,
) {
  const response = await request(server)
    .post('/api/permission/authorize')
    .set('Authorization', mockCredentials.user.header(user))
    .send({ items: [{ id: 'q1', permission }] });
  expect(response.status).toBe(200);
  return response.body.items[0].result;
}

describe('permission policy module', () => {
  it('answers the permission backend with the Flightdeck policy', async () => {
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        policyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            flightdeck: {
              permissions: { adminGroups: ['platform-engineering'] },
            },
          },
        }),
      ],
    });
    try {
      const read = {
        type: 'basic',
        name: 'catalog.location.read',
        attributes: { action: 'read' },
      };
      const remove = {
        type: 'basic',
        name: 'catalog.location.delete',
        attributes: { action: 'delete' },
      };
      expect(await authorize(backend.server, 'user:default/alice', read)).toBe(
        'ALLOW',
      );
      expect(
        await authorize(backend.server, 'user:default/alice', remove),
      ).toBe('DENY');
    } finally {
      await backend.stop();
    }
  });
});
