import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './portal';

test.describe('the portal, signed in as guest', () => {
  test("opens on the Flightdeck home page with the guest team's services", async ({
    page,
  }) => {
    await signInAsGuest(page);
    await expect(page.getByText('Welcome to Flightdeck')).toBeVisible();
    await expect(page.getByText("Your teams' services")).toBeVisible();
    // The guest belongs to the Booking team, which owns the inventory service.
    await expect(
      page.getByText(
        'Keeps seat and room availability in sync with airline and hotel suppliers',
      ),
    ).toBeVisible();
    await expect(
      page.getByText('Authorises, captures and refunds card payments'),
    ).toHaveCount(0);
    await screenshot(page, '01-home');
  });

  test('lists the demo organisation in the catalog', async ({ page }) => {
    await signInAsGuest(page, '/catalog');
    // The catalog opens on the guest's own components; the whole company is one click away.
    await expect(page.getByText('Owned Components (3)')).toBeVisible();
    await page.getByText('All', { exact: true }).click();
    await expect(page.getByText('All Components (15)')).toBeVisible();
    for (const name of [
      'payments-api',
      'booking-service',
      'skyhop-web',
      'flightdeck',
    ]) {
      await expect(
        page.locator(`a[href="/catalog/default/component/${name}"]`).first(),
      ).toBeVisible();
    }
    await screenshot(page, '02-catalog');
  });

  test('opens a service page with its owner, system and relations', async ({
    page,
  }) => {
    await signInAsGuest(page, '/catalog/default/component/booking-service');
    await expect(
      page.getByRole('heading', { name: /Booking/ }).first(),
    ).toBeVisible();
    await expect(
      page.getByText(
        'Holds seats and rooms, confirms reservations and issues tickets',
      ),
    ).toBeVisible();
    await expect(
      page.locator('a[href="/catalog/default/group/booking"]').first(),
    ).toBeVisible();
    await expect(
      page.locator('a[href="/catalog/default/system/booking"]').first(),
    ).toBeVisible();
    await expect(
      page.locator('a[href="/catalog/default/resource/bookings-db"]').first(),
    ).toBeVisible();
    await expect(
      page.locator('a[href="/catalog/default/api/payments-api"]').first(),
    ).toBeVisible();
    await screenshot(page, '03-service-page');
  });

  test('lets the guest act only on what their team owns', async ({ page }) => {
    // Refreshing an entity is an owner's action in Flightdeck's policy.
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await signInAsGuest(page, '/catalog/default/component/booking-service');
    await expect(page.getByText('Holds seats and rooms').first()).toBeVisible();
    await expect(refresh).toBeVisible();

    await page.goto('/catalog/default/component/payments-api');
    await expect(page.getByText('Authorises, captures').first()).toBeVisible();
    // The button appears only after the permission check answers.
    await page.waitForLoadState('networkidle');
    await expect(refresh).toHaveCount(0);
  });

  test('finds services through search', async ({ page }) => {
    await signInAsGuest(page, '/search?query=payments');
    // The catalog is indexed shortly after start; reload until it is.
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('link', { name: /Payments API/ }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await screenshot(page, '04-search');
  });

  test("shows Flightdeck's own documentation", async ({ page }) => {
    await signInAsGuest(page, '/docs/default/component/flightdeck');
    await expect(
      page.getByRole('heading', { name: 'Where to go next' }),
    ).toBeVisible({ timeout: 90_000 });
    await expect(
      page.getByRole('link', { name: 'Demo organisation' }).first(),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await screenshot(page, '05-docs');
  });

  test('finds the documentation through search', async ({ page }) => {
    await signInAsGuest(page, '/search?query=ingest%20token');
    // Docs are indexed once built, half a minute after start.
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('link', { name: /Configuration/ }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 120_000 });
    await screenshot(page, '06-search-docs');
  });
});
