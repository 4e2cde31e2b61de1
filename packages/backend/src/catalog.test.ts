import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { testDatabaseIds } from '@flightdeck/backend-test-support';
import path from 'node:path';
import request from 'supertest';

const repoRoot = path.resolve(__dirname, '../../..');
const databases = TestDatabases.create({ ids: testDatabaseIds() });

jest.setTimeout(120_000);

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('the catalog with the demo organisation', () => {
  it.each(databases.eachSupportedId())(
    'ingests every entity with its relations on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Group',
                      'User',
                    ],
                  },
                ],
                locations: [
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'catalog-info.yaml'),
                  },
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'catalog/all.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });
      const get = (url: string) =>
        request(backend.server)
          .get(url)
          .set('Authorization', mockCredentials.user.header());
      try {
        const components = await waitFor(async () => {
          const res = await get(
            '/api/catalog/entities/by-query?filter=kind=component&limit=100',
          );
          return res.body.items?.length === 15 ? res.body.items : undefined;
        });
        expect(components.map((c: any) => c.metadata.name)).toContain(
          'payments-api',
        );

        const booking = await waitFor(async () => {
          const res = await get(
            '/api/catalog/entities/by-name/component/default/booking-service',
          );
          const relations = res.body.relations ?? [];
          return relations.some((r: any) => r.type === 'dependsOn')
            ? res.body
            : undefined;
        });
        const relations = booking.relations.map(
          (r: any) => `${r.type} ${r.targetRef}`,
        );
        expect(relations).toEqual(
          expect.arrayContaining([
            'ownedBy group:default/booking',
            'partOf system:default/booking',
            'dependsOn resource:default/bookings-db',
            'consumesApi api:default/payments-api',
            'providesApi api:default/booking-api',
          ]),
        );

        const team = await waitFor(async () => {
          const res = await get(
            '/api/catalog/entities/by-name/group/default/booking',
          );
          return res.body.relations?.some((r: any) => r.type === 'hasMember')
            ? res.body
            : undefined;
        });
        expect(team.relations).toEqual(
          expect.arrayContaining([
            { type: 'hasMember', targetRef: 'user:default/guest' },
          ]),
        );
      } finally {
        await backend.stop();
      }
    },
  );
});
