import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest, waitForEntity } from './portal';

const token = process.env.FLIGHTDECK_INGEST_TOKEN!;

test('a deployment sent through the API shows on the service tab', async ({
  page,
  request,
}) => {
  const now = Date.now();
  const events = [
    {
      service: 'search-service',
      environment: 'production',
      version: '5.1.0',
      status: 'succeeded',
      strategy: 'rolling',
      startedAt: new Date(now - 20 * 60_000).toISOString(),
      finishedAt: new Date(now - 16 * 60_000).toISOString(),
      commitSha: '9f8e7d6c5b4a',
      actor: 'amara.okafor',
      url: 'https://github.com/skyhop/search-service/actions/runs/4242',
      idempotencyKey: `e2e-tab-1-${now}`,
    },
    {
      service: 'search-service',
      environment: 'production',
      version: '5.2.0',
      status: 'started',
      strategy: 'canary',
      deploymentId: `e2e-canary-${now}`,
      startedAt: new Date(now - 600_000).toISOString(),
      actor: 'mei.tanaka',
      idempotencyKey: `e2e-tab-2-${now}`,
      steps: [
        { name: 'canary', weight: 10, status: 'succeeded' },
        { name: 'half', weight: 50, status: 'running' },
        { name: 'full', weight: 100, status: 'pending' },
      ],
    },
  ];
  await waitForEntity(request, 'component:default/search-service');
  const response = await request.post('/api/deployments/events', {
    headers: { Authorization: `Bearer ${token}` },
    data: { events },
  });
  expect(response.status()).toBe(200);

  await signInAsGuest(
    page,
    '/catalog/default/component/search-service/deployments',
  );
  await expect(page.getByTestId('current-production')).toHaveText('5.1.0');
  await expect(
    page.getByLabel('50% of traffic on the new version').first(),
  ).toBeVisible();
  const table = page.getByRole('table').last();
  await expect(table).toContainText('5.2.0');
  await expect(table).toContainText('amara.okafor');
  await expect(
    page.getByRole('link', { name: 'CI run' }).first(),
  ).toHaveAttribute(
    'href',
    'https://github.com/skyhop/search-service/actions/runs/4242',
  );
  await screenshot(page, '07-deployments-tab');
});

test('the demo history fills the tab of every service', async ({ page }) => {
  // Sent through the API after start; give it a moment on a slow machine.
  await signInAsGuest(
    page,
    '/catalog/default/component/payments-api/deployments',
  );
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('current-production')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByText('canary 50% · running').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Older' })).toBeEnabled();
  await screenshot(page, '08-deployments-demo');
  // The guest is not an owner of payments-api: no rollback for them.
  await expect(
    page.getByRole('button', { name: 'Roll back' }).first(),
  ).toBeDisabled();

  const dora = page.getByText('DORA metrics');
  await dora.scrollIntoViewIfNeeded();
  await expect(page.getByText('Deployment frequency')).toBeVisible();
  await expect(page.getByText(/^\d+ of \d+ deployments$/)).toBeVisible();
  await screenshot(page, '09-dora');
});

test('the organisation page compares teams and narrows to one', async ({
  page,
}) => {
  await signInAsGuest(page, '/deployments');
  await expect(page.getByText('All deployments')).toBeVisible();
  // The demo history arrives through the API after start.
  await expect(async () => {
    await page.reload();
    await expect(
      page.locator('a[href*="/catalog/default/component/"]').first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const teams = page.locator('table', { hasText: 'Time to restore' });
  const payments = teams.getByText('Payments', { exact: true });
  await expect(payments).toBeVisible();
  await expect(
    page.getByTestId('sidebar-root').getByRole('link', { name: 'Deployments' }),
  ).toBeVisible();
  await screenshot(page, '10-deployments-organisation');

  await payments.click();
  await expect(page).toHaveURL(/owner=group%3Adefault%2Fpayments/);
  await expect(page.getByText('Team deployments')).toBeVisible();
  const history = page.locator('table', { hasText: 'Duration' });
  await expect(
    history.locator('a[href*="/catalog/default/component/"]').first(),
  ).toBeVisible();
  const services = await history
    .locator('a[href*="/catalog/default/component/"]')
    .evaluateAll(links =>
      links.map(a => a.getAttribute('href')!.split('/').pop()!),
    );
  expect(services.length).toBeGreaterThan(0);
  expect(
    services.filter(
      s => !['payments-api', 'fraud-detector', 'billing-worker'].includes(s),
    ),
  ).toEqual([]);
  await screenshot(page, '11-deployments-team');
});
