import { expect, test } from '@playwright/test';

const token = process.env.FLIGHTDECK_INGEST_TOKEN!;

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

  test('accepts the ingest token and serves the demo organisation', async ({
    request,
  }) => {
    await expect(async () => {
      const response = await request.get(
        '/api/catalog/entities/by-query?filter=kind=component&limit=100',
        { headers: { Authorization: `Bearer ${token}` } },
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
