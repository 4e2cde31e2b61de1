import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

// The suite runs its own portal on its own port and data folder, so that it
// never touches a portal the developer is running.
const port = Number(process.env.FLIGHTDECK_E2E_PORT ?? 7017);
const baseURL = `http://localhost:${port}`;
const resultsDir = path.resolve(__dirname, '.flightdeck/test-results/e2e');

process.env.FLIGHTDECK_INGEST_TOKEN ??= randomBytes(24).toString('base64url');
// The portal's deploy webhook goes to a CD system the release test runs.
process.env.FLIGHTDECK_E2E_CD_PORT ??= String(port + 2);
process.env.FLIGHTDECK_E2E_CD_SECRET ??= randomBytes(24).toString('base64url');

export default defineConfig({
  testDir: 'e2e/tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(resultsDir, 'playwright.json') }],
  ],
  outputDir: path.join(resultsDir, 'artifacts'),
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
  webServer: {
    // The portal's log goes to a file; the list reporter stays readable.
    command: `mkdir -p "${resultsDir}" && rm -rf "${resultsDir}/data" && ./flightdeck serve > "${resultsDir}/portal.log" 2>&1`,
    url: `${baseURL}/.backstage/health/v1/readiness`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      FLIGHTDECK_DATA_DIR: path.join(resultsDir, 'data'),
      FLIGHTDECK_PORT: String(port),
      FLIGHTDECK_INGEST_TOKEN: process.env.FLIGHTDECK_INGEST_TOKEN,
      APP_CONFIG_deployments_providers_webhook_url: `http://127.0.0.1:${process.env.FLIGHTDECK_E2E_CD_PORT}/deploy`,
      APP_CONFIG_deployments_providers_webhook_secret:
        process.env.FLIGHTDECK_E2E_CD_SECRET,
    },
  },
});
