import { expect, test } from '@playwright/test';
import { waitForEntity } from './portal';

const token = process.env.FLIGHTDECK_INGEST_TOKEN!;
const localToken = process.env.FLIGHTDECK_LOCAL_TOKEN!;

test.describe('the backend', () => {
  test('reports readiness', async ({ request }) => {
    const response = await request.get('/.backstage/health/v1/readiness');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('refuses API calls without credentials', async ({ request }) => {
    const response = await request.get('/api/catalog/entities');
    expect(response.status()).toBe(401);
  });

  test('refuses a wrong token', async ({ request }) => {
    const response = await request.get('/api/catalog/entities', {
      headers: { Authorization: 'Bearer not-the-ingest-token' },
    });
    expect(response.status()).toBe(401);
  });

  test("serves the demo organisation to the local tools' token", async ({
    request,
  }) => {
    await expect(async () => {
      const response = await request.get(
        '/api/catalog/entities/by-query?filter=kind=component&limit=100',
        { headers: { Authorization: `Bearer ${localToken}` } },
      );
      expect(response.status()).toBe(200);
      const names = (await response.json()).items.map(
        (e: any) => e.metadata.name,
      );
      expect(names).toEqual(
        expect.arrayContaining(['flightdeck', 'payments-api', 'skyhop-web']),
      );
    }).toPass({ timeout: 60_000 });
  });

  test('serves the frontend on the same port', async ({ request }) => {
    const response = await request.get('/catalog');
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<title>Flightdeck</title>');
  });
});

test.describe('deployment ingestion', () => {
  test('records an event sent with the ingest token and serves it back', async ({
    request,
  }) => {
    const auth = { Authorization: `Bearer ${token}` };
    const key = `e2e-${Date.now()}`;
    const event = {
      service: 'booking-service',
      environment: 'staging',
      version: '3.2.0',
      status: 'succeeded',
      strategy: 'blue-green',
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      finishedAt: new Date().toISOString(),
      idempotencyKey: key,
    };
    await waitForEntity(request, 'component:default/booking-service');
    const first = await request.post('/api/deployments/events', {
      headers: auth,
      data: event,
    });
    expect(first.status()).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    const retry = await request.post('/api/deployments/events', {
      headers: auth,
      data: event,
    });
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const list = await request.get(
      '/api/deployments/deployments?entityRef=component:default/booking-service&environment=staging',
      { headers: auth },
    );
    const { items } = await list.json();
    // Newest first: ours, ahead of the demo history.
    expect(items[0]).toEqual(
      expect.objectContaining({
        version: '3.2.0',
        strategy: 'blue-green',
        status: 'succeeded',
      }),
    );
  });

  test('refuses events without the token', async ({ request }) => {
    const response = await request.post('/api/deployments/events', {
      data: {},
    });
    expect(response.status()).toBe(401);
  });
});
