import { deploymentArgs, runCli } from './__testUtils__/runCli';

async function dryRunEvent(...extra: string[]) {
  const run = await runCli(deploymentArgs('--dry-run', ...extra));
  expect(run).toMatchObject({ exitCode: 0, stderr: '' });
  return JSON.parse(run.stdout);
}

describe('flightdeck-report deployment', () => {
  it('prints the event it would send in a dry run', async () => {
    expect(await dryRunEvent()).toEqual({
      service: 'payments-api',
      environment: 'production',
      version: '2.4.1',
      status: 'succeeded',
      startedAt: '2026-11-20T10:05:00.000Z',
      finishedAt: '2026-11-20T10:05:00.000Z',
      idempotencyKey: expect.stringMatching(/^flightdeck-report-[0-9a-f]{40}$/),
    });
  });

  it('reads repeated --step and --change options', async () => {
    const event = await dryRunEvent(
      '--strategy',
      'canary',
      '--step',
      'canary 10%:10:succeeded',
      '--step',
      'smoke test::succeeded',
      '--step',
      'db:migrate::succeeded',
      '--change',
      'a1b2c3d=2026-11-19T16:20:00Z',
      '--change',
      'b2c3d4e=2026-11-19T17:00:00+01:00',
    );
    expect(event.strategy).toBe('canary');
    expect(event.steps).toEqual([
      { name: 'canary 10%', weight: 10, status: 'succeeded' },
      { name: 'smoke test', status: 'succeeded' },
      { name: 'db:migrate', status: 'succeeded' },
    ]);
    expect(event.changes).toEqual([
      { sha: 'a1b2c3d', committedAt: '2026-11-19T16:20:00Z' },
      { sha: 'b2c3d4e', committedAt: '2026-11-19T17:00:00+01:00' },
    ]);
  });

  it.each([
    [['--status', 'done'], "argument 'done' is invalid"],
    [['--step', 'canary:10:halfway'], 'expected <name>:<weight>:<status>'],
    [['--step', 'canary:ten:running'], "weight 'ten' is not a number"],
    [['--change', 'a1b2c3d'], 'expected <sha>=<ISO 8601 commit time>'],
    [['--retries', '-1'], 'expected a whole number from 0 to 20'],
    [['--surprise'], "unknown option '--surprise'"],
  ])('refuses %j with exit code 2', async (extra, message) => {
    const run = await runCli(deploymentArgs('--dry-run', ...extra));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('requires the service, environment, version and status', async () => {
    const run = await runCli(['deployment', '--service', 'payments-api']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("required option '--environment <name>'");
  });

  it('takes either --change or --changes-from-git', async () => {
    const run = await runCli(
      deploymentArgs(
        '--dry-run',
        '--change',
        'a1b2c3d=2026-11-19T16:20:00Z',
        '--changes-from-git',
        'v1..v2',
      ),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      'give --changes-from-git or --change, not both',
    );
  });

  it('says how to use it when no command is given, and on --help', async () => {
    const bare = await runCli([]);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('deployment [options]');

    const help = await runCli(['deployment', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--changes-from-git <range>');
  });
});
