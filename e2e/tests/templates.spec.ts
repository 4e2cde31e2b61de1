import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './portal';

test('creates a service from the typescript-service template and finds it in the catalog', async ({
  page,
}) => {
  const name = `ledger-${Date.now().toString(36)}`;
  await signInAsGuest(page, '/create');
  // The template is read from disk by the catalog soon after start.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('TypeScript service').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await screenshot(page, '12-create');

  await page
    .locator('article, [class*="MuiCard"]', { hasText: 'TypeScript service' })
    .getByRole('button', { name: 'Choose' })
    .click();
  await page.getByLabel('Name').fill(name);
  await page
    .getByLabel('Description')
    .fill('Keeps the ledger of every payment');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('booking');
  await page
    .getByRole('option', { name: /booking/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  // How it runs, and where the repository goes: the defaults.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await screenshot(page, '13-create-review');
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', { name: 'Open in the catalog' });
  await expect(open).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(`git clone`).first()).toBeVisible();
  await screenshot(page, '14-create-done');

  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await expect(
    page.getByText('Keeps the ledger of every payment').first(),
  ).toBeVisible();
  await screenshot(page, '15-created-service');

  // Its docs come from the local git host, built by TechDocs on first view.
  await page.getByRole('link', { name: 'View TechDocs' }).click();
  await expect(
    page.getByRole('heading', { name: name, exact: true }).first(),
  ).toBeVisible({ timeout: 90_000 });
  await expect(
    page.getByRole('link', { name: 'Runbook' }).first(),
  ).toBeVisible();
  await screenshot(page, '16-created-service-docs');
});
