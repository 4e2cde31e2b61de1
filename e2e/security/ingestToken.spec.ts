import { expect } from '@playwright/test';
import { bearer, REFUSED, test } from './callers';

// The ingest token is handed to CI systems: it reaches the deployments API
// and nothing else, so a leaked token cannot read the catalog, run
// templates or read documentation.

const elsewhere = [
  { method: 'GET', url: '/api/catalog/entities?limit=1' },
  { method: 'GET', url: '/api/scaffolder/v2/tasks' },
  {
    method: 'GET',
    url: '/api/techdocs/metadata/entity/default/component/flightdeck',
  },
  { method: 'GET', url: '/api/search/query?term=flightdeck' },
];

test('the ingest token reaches the deployments API', async ({
  request,
  callers,
}) => {
  const response = await request.get('/api/deployments/environments', {
    headers: bearer(callers.service),
  });
  expect(response.status()).toBe(200);
});

for (const { method, url } of elsewhere) {
  test(`the ingest token cannot ${method} ${url}`, async ({
    request,
    callers,
  }) => {
    const asUser = await request.fetch(url, {
      method,
      headers: bearer(callers.user),
    });
    // The route is there: a signed-in user gets past its door.
    expect(REFUSED).not.toContain(asUser.status());
    const asService = await request.fetch(url, {
      method,
      headers: bearer(callers.service),
    });
    expect(REFUSED).toContain(asService.status());
  });
}
