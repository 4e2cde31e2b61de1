import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

// The suite runs its own portal on its own port and data folder, so that it
// never touches a portal the developer is running. `./flightdeck test`
// starts that portal once for both projects (scripts/lib/test.sh, with the
// settings of the webServer below) and names its data folder in
// FLIGHTDECK_E2E_PORTAL_DATA_DIR, which skips the webServer.
const port = Number(process.env.FLIGHTDECK_E2E_PORT ?? 7017);
const baseURL = `http://localhost:${port}`;
const resultsDir = path.resolve(__dirname, '.flightdeck/test-results/e2e');
const startedPortalDataDir = process.env.FLIGHTDECK_E2E_PORTAL_DATA_DIR;

/** The data folder of the suite's portal; its local git host is `git/` in it. */
export const portalDataDir =
  startedPortalDataDir ?? path.join(resultsDir, 'data');

process.env.FLIGHTDECK_INGEST_TOKEN ??= randomBytes(24).toString('base64url');
// The catalog answers ./flightdeck's local tools' token, not the ingest one.
process.env.FLIGHTDECK_LOCAL_TOKEN ??= randomBytes(24).toString('base64url');
// The portal's deploy webhook goes to a CD system the release test runs.
process.env.FLIGHTDECK_E2E_CD_PORT ??= String(port + 2);
process.env.FLIGHTDECK_E2E_CD_SECRET ??= randomBytes(24).toString('base64url');
// The security tests sign GitHub webhook deliveries with it.
process.env.FLIGHTDECK_E2E_GITHUB_SECRET ??=
  randomBytes(24).toString('base64url');

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(resultsDir, 'playwright.json') }],
  ],
  projects: [
    {
      // HTTP only: who may call what, and what the portal refuses.
      name: 'security',
      testDir: 'e2e/security',
      timeout: 30_000,
      outputDir: path.join(resultsDir, 'artifacts/security'),
    },
    {
      name: 'e2e',
      testDir: 'e2e/tests',
      outputDir: path.join(resultsDir, 'artifacts/e2e'),
    },
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are not used.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: startedPortalDataDir
    ? undefined
    : {
        // The portal's log goes to a file; the list reporter stays readable.
        command: `mkdir -p "${resultsDir}" && rm -rf "${portalDataDir}" && ./flightdeck serve > "${resultsDir}/portal.log" 2>&1`,
        url: `${baseURL}/.backstage/health/v1/readiness`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          FLIGHTDECK_DATA_DIR: portalDataDir,
          FLIGHTDECK_PORT: String(port),
          FLIGHTDECK_INGEST_TOKEN: process.env.FLIGHTDECK_INGEST_TOKEN,
          FLIGHTDECK_LOCAL_TOKEN: process.env.FLIGHTDECK_LOCAL_TOKEN,
          APP_CONFIG_deployments_providers_webhook_url: `http://127.0.0.1:${process.env.FLIGHTDECK_E2E_CD_PORT}/deploy`,
          APP_CONFIG_deployments_providers_webhook_secret:
            process.env.FLIGHTDECK_E2E_CD_SECRET,
          APP_CONFIG_deployments_github_webhookSecret:
            process.env.FLIGHTDECK_E2E_GITHUB_SECRET,
        },
      },
});
