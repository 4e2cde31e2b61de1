import { startFakeFlightdeck } from './__testUtils__/fakeFlightdeck';
import { deploymentArgs, runCli } from './__testUtils__/runCli';

describe('local validation', () => {
  it.each([
    [
      ['--commit', 'not-a-sha'],
      'commitSha (--commit): expected a hexadecimal commit SHA',
    ],
    [
      [
        '--started-at',
        '2026-11-20T10:00:00Z',
        '--finished-at',
        '2026-11-20T09:00:00Z',
      ],
      'finishedAt (--finished-at): must not be before startedAt',
    ],
    [
      ['--started-at', 'yesterday'],
      'startedAt (--started-at): expected an ISO 8601 timestamp',
    ],
    [
      ['--url', 'ftp://ci.example/run/1'],
      'url (--url): expected an http(s) URL',
    ],
    [['--step', 'canary:150:running'], 'steps[0].weight (--step)'],
  ])('refuses %j before sending anything', async (extra, message) => {
    const flightdeck = await startFakeFlightdeck();
    try {
      const run = await runCli(deploymentArgs(...extra), {
        env: { FLIGHTDECK_URL: flightdeck.url, FLIGHTDECK_TOKEN: 'secret' },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('the event is not valid, nothing was sent');
      expect(run.stderr).toContain(message);
      expect(flightdeck.requests).toHaveLength(0);
    } finally {
      await flightdeck.close();
    }
  });

  it('needs the portal URL and the token to send', async () => {
    const noUrl = await runCli(deploymentArgs(), {
      env: { FLIGHTDECK_TOKEN: 'x' },
    });
    expect(noUrl.exitCode).toBe(2);
    expect(noUrl.stderr).toContain('set FLIGHTDECK_URL');

    const noToken = await runCli(deploymentArgs(), {
      env: { FLIGHTDECK_URL: 'https://flightdeck.example' },
    });
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toContain('set FLIGHTDECK_TOKEN');

    const notHttp = await runCli(
      deploymentArgs('--url-base', 'ftp://flightdeck.example'),
      {
        env: { FLIGHTDECK_TOKEN: 'x' },
      },
    );
    expect(notHttp.exitCode).toBe(2);
    expect(notHttp.stderr).toContain('is not an http(s) URL');
  });
});
