import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeFlightdeck } from './__testUtils__/fakeFlightdeck';
import { deploymentArgs } from './__testUtils__/runCli';

const execFileAsync = promisify(execFile);
const BIN = path.resolve(__dirname, '../bin/flightdeck-report');

/** Runs bin/flightdeck-report as a pipeline would, in a separate process. */
async function runBin(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [BIN, ...args],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return {
      exitCode: failed.code,
      stdout: failed.stdout,
      stderr: failed.stderr,
    };
  }
}

describe('bin/flightdeck-report', () => {
  it('reports a GitHub Actions deployment once, and a re-run as a duplicate', async () => {
    const flightdeck = await startFakeFlightdeck();
    const env = {
      FLIGHTDECK_URL: flightdeck.url,
      FLIGHTDECK_TOKEN: 'ingest-token',
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '8812345',
      GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      GITHUB_ACTOR: 'priya-raman',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'skyhop/payments-api',
    };
    const args = deploymentArgs();
    try {
      const first = await runBin(args, env);
      expect(first.stderr).toBe('');
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toContain('Flightdeck recorded the event');

      const again = await runBin(args, env);
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('Flightdeck already had this event');

      const [sent] = flightdeck.requests.map(r => JSON.parse(r.body));
      expect(sent).toMatchObject({
        deploymentId: 'gha-8812345',
        commitSha: env.GITHUB_SHA,
        actor: 'priya-raman',
        url: 'https://github.com/skyhop/payments-api/actions/runs/8812345',
      });
    } finally {
      await flightdeck.close();
    }
  }, 60_000);

  it('exits 2 on bad input', async () => {
    const run = await runBin(['deployment', '--service', 'payments-api'], {});
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('required option');
  }, 60_000);
});
