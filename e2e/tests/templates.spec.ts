import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCdSystem } from './cdReceiver';
import { screenshot, signInAsGuest } from './portal';

// The release test releases the service the first test creates.
test.describe.configure({ mode: 'serial' });
const name = `ledger-${Date.now().toString(36)}`;

/** The bare repository of a service on the e2e portal's local git host. */
const repositoryOf = (service: string) =>
  path.resolve('.flightdeck/test-results/e2e/data/git', `${service}.git`);

/** Opens a template of the Create page, once the catalog has read it. */
async function chooseTemplate(page: Page, title: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(title).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .getByRole('button', { name: 'Choose' })
    .click();
}

/**
 * Follows the task's link to the new component. The template waits until
 * the catalog has processed the component before it shows the link, so the
 * page shows the component at once: no reload, which would hide an "Entity
 * not found" that a reader would see.
 */
async function openCreated(page: Page, component: string, description: string) {
  const open = page.getByRole('link', { name: 'Open in the catalog' });
  await expect(open).toBeVisible({ timeout: 90_000 });
  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${component}`),
  );
  // Time for a slow machine to load the page, not for the catalog.
  await expect(page.getByText(description).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('Entity not found')).toHaveCount(0);
}

/** Picks a service in a template's Service field. */
async function pickService(page: Page, service: string) {
  const field = page.getByRole('textbox', { name: 'Service' });
  await field.click();
  await field.fill(service);
  await page
    .getByRole('option', { name: new RegExp(service) })
    .first()
    .click();
}

/** Fills a create template's first page: name, description, Booking as owner. */
async function describeComponent(
  page: Page,
  componentName: string,
  description: string,
) {
  await page.getByLabel('Name').fill(componentName);
  await page.getByLabel('Description').fill(description);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('booking');
  await page
    .getByRole('option', { name: /booking/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
}

test('creates a service from the typescript-service template and finds it in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page, '/create');
  // The templates are read from disk by the catalog soon after start.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Release a service').first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await screenshot(page, '12-create');
  await chooseTemplate(page, 'TypeScript service');
  await describeComponent(page, name, 'Keeps the ledger of every payment');
  // How it runs, and where the repository goes: the defaults.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await screenshot(page, '13-create-review');
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page.getByRole('link', { name: 'Open in the catalog' }),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(`git clone`).first()).toBeVisible();
  await screenshot(page, '14-create-done');

  await openCreated(page, name, 'Keeps the ledger of every payment');
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

test('releases the new service: tag, CHANGELOG, deployment through its CD system', async ({
  page,
}) => {
  const portalUrl = `http://localhost:${
    process.env.FLIGHTDECK_E2E_PORT ?? 7017
  }`;
  const cd = await startCdSystem({
    port: Number(process.env.FLIGHTDECK_E2E_CD_PORT),
    secret: process.env.FLIGHTDECK_E2E_CD_SECRET!,
    portalUrl,
    token: process.env.FLIGHTDECK_INGEST_TOKEN!,
  });
  try {
    await signInAsGuest(page, '/create');
    await chooseTemplate(page, 'Release a service');
    await pickService(page, name);
    await page.getByRole('button', { name: 'Next' }).click();
    // Deploy to staging, the default.
    await expect(page.getByText('Wait for the deployment')).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await screenshot(page, '17-release-review');
    await page.getByRole('button', { name: 'Create' }).click();

    await expect(page.getByText('Release v0.1.0').first()).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      page.getByText('Deployment to staging: succeeded').first(),
    ).toBeVisible();
    // The CHANGELOG section, from the Conventional Commit that created it.
    await expect(
      page
        .getByTestId('text-output-box')
        .getByText(`create ${name} from the TypeScript service template`),
    ).toBeVisible();
    await screenshot(page, '18-release-done');
    expect(cd.received).toEqual([
      expect.objectContaining({
        action: 'deploy',
        entityRef: `component:default/${name}`,
        environment: 'staging',
        version: 'v0.1.0',
        requestedBy: 'user:default/guest',
      }),
    ]);

    // The tag is in the repository, on the release commit.
    const bare = repositoryOf(name);
    expect(
      execFileSync('git', ['-C', bare, 'log', '-1', '--format=%s', 'v0.1.0'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('chore(release): v0.1.0');

    await page.goto(`/catalog/default/component/${name}/deployments`);
    await expect(page.getByTestId('current-staging')).toHaveText('v0.1.0');
    await expect(page.getByRole('table').last()).toContainText('guest');
    await screenshot(page, '19-released-service-deployments');
  } finally {
    await cd.close();
  }
});

test('creates a library from the typescript-library template', async ({
  page,
}) => {
  const library = `fare-rules-${Date.now().toString(36)}`;
  await signInAsGuest(page, '/create');
  await chooseTemplate(page, 'TypeScript library');
  await describeComponent(page, library, 'Fare rules every booking applies');
  // The local git host, the default.
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await openCreated(page, library, 'Fare rules every booking applies');
  await expect(
    page.getByText('library', { exact: true }).first(),
  ).toBeVisible();
  await screenshot(page, '20-created-library');
});

test('proposes a branch when the new service drifts from the shared configs', async ({
  page,
}) => {
  // Someone loosens the service's Prettier config by hand.
  const bare = repositoryOf(name);
  const work = mkdtempSync(path.join(tmpdir(), 'drift-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', work, ...args], { encoding: 'utf8' });
  execFileSync('git', ['clone', '--quiet', bare, work]);
  writeFileSync(path.join(work, '.prettierrc.json'), '{ "semi": false }\n');
  git(
    '-c',
    'user.name=Priya',
    '-c',
    'user.email=priya@skyhop.example',
    'commit',
    '--quiet',
    '-am',
    'style: no semicolons',
  );
  git('push', '--quiet', 'origin', 'HEAD:main');

  await signInAsGuest(page, '/create');
  await chooseTemplate(page, 'Update shared configs');
  await pickService(page, name);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText('What drifted').first()).toBeVisible({
    timeout: 90_000,
  });
  await expect(
    page.getByTestId('text-output-box').getByText('.prettierrc.json').first(),
  ).toBeVisible();
  await screenshot(page, '21-shared-configs-update');
  expect(
    execFileSync('git', ['-C', bare, 'branch', '--list'], { encoding: 'utf8' }),
  ).toContain('flightdeck/shared-configs');
});
