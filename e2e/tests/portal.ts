import { APIRequestContext, expect, Page } from '@playwright/test';
import path from 'node:path';

const screenshotDir = path.resolve(__dirname, '../screenshots');

/** Signs in with the guest button the local portal offers. */
export async function signInAsGuest(page: Page, to = '/') {
  await page.goto(to);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: 'Catalog' }).first(),
  ).toBeVisible();
}

export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
  });
}

/**
 * Waits until the catalog knows an entity: right after start it is still
 * ingesting, and events for unknown services are refused.
 */
export async function waitForEntity(request: APIRequestContext, ref: string) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  await expect(async () => {
    const response = await request.get(
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      {
        headers: {
          Authorization: `Bearer ${process.env.FLIGHTDECK_LOCAL_TOKEN}`,
        },
      },
    );
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 60_000 });
}
