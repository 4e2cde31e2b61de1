import { expect, Page } from '@playwright/test';
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
