import { expect, Page, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './portal';

/** Opens an entity's TechDocs from its catalog page, as a reader would. */
async function openDocsFromCatalog(page: Page, entity: string) {
  await signInAsGuest(page, `/catalog/default/component/${entity}`);
  await page.getByRole('link', { name: 'View TechDocs' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/docs/default/component/${entity}`, 'i'),
  );
}

test("a new hire finds the onboarding path in Flightdeck's docs", async ({
  page,
}) => {
  await openDocsFromCatalog(page, 'flightdeck');
  await expect(
    page.getByRole('heading', { name: 'Where to go next' }),
  ).toBeVisible({ timeout: 90_000 });
  await page.goto('/docs/default/component/flightdeck/onboarding/day-1/');
  await expect(
    page.getByRole('heading', { name: /^Day 1: find your way/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('./flightdeck start').first()).toBeVisible();
  await screenshot(page, '22-onboarding-day-1');
});

test("an on-call engineer opens a service's runbook from its Deployments tab", async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/component/payments-api/deployments',
  );
  await page.getByRole('link', { name: 'Runbook' }).click();
  await expect(page).toHaveURL(
    /\/docs\/default\/component\/payments-api\/runbook/i,
  );
  // A service's site is built on its first view. Headings carry a
  // permalink mark after their text.
  for (const section of [
    'When to use it',
    'Steps',
    'How to verify',
    'How to back out',
  ]) {
    await expect(
      page.getByRole('heading', { name: new RegExp(`^${section}`) }),
    ).toBeVisible({ timeout: 90_000 });
  }
  await screenshot(page, '23-service-runbook');
});

test('search finds a runbook', async ({ page }) => {
  await signInAsGuest(page, '/search?query=rollback');
  // Flightdeck's docs are indexed once built, shortly after start.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('link', { name: /Rollback/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await screenshot(page, '24-search-runbook');
  await page
    .getByRole('link', { name: /Rollback/ })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: /^How to back out/ }),
  ).toBeVisible({ timeout: 60_000 });
});

test('a contributor sees how the packages depend on each other', async ({
  page,
}) => {
  await signInAsGuest(page, '/docs/default/component/flightdeck/architecture/');
  await expect(
    page.getByRole('heading', { name: /^Packages and their dependencies/ }),
  ).toBeVisible({ timeout: 90_000 });
  const graph = page.getByRole('img', { name: /workspace packages/ });
  await graph.scrollIntoViewIfNeeded();
  // TechDocs inlines or proxies the SVG; either way it must have loaded.
  await expect
    .poll(() => graph.evaluate(img => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(400);
  await screenshot(page, '25-workspace-dependencies');
});
