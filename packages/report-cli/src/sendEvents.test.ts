import {
  errorAnswer,
  FakeFlightdeck,
  startFakeFlightdeck,
} from './__testUtils__/fakeFlightdeck';
import { deploymentArgs, runCli } from './__testUtils__/runCli';

describe('sending to Flightdeck', () => {
  let flightdeck: FakeFlightdeck | undefined;
  afterEach(async () => {
    await flightdeck?.close();
    flightdeck = undefined;
  });

  const send = (env: Record<string, string> = {}, ...extra: string[]) =>
    runCli(deploymentArgs('--deployment-id', 'gha-1', ...extra), {
      env: {
        FLIGHTDECK_URL: flightdeck!.url,
        FLIGHTDECK_TOKEN: 'ingest-token',
        ...env,
      },
    });

  it('posts the event with the token to /api/deployments/events', async () => {
    flightdeck = await startFakeFlightdeck();
    const run = await send();

    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Flightdeck recorded the event: succeeded in production, deployment dep-1.\n',
    );
    const [request] = flightdeck.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/deployments/events');
    expect(request.headers.authorization).toBe('Bearer ingest-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toMatchObject({
      service: 'payments-api',
      deploymentId: 'gha-1',
    });
  });

  it('keeps a path prefix of the portal URL, and reads the older token variable', async () => {
    flightdeck = await startFakeFlightdeck();
    const run = await send({
      FLIGHTDECK_URL: `${flightdeck.url}/portal/`,
      FLIGHTDECK_TOKEN: '',
      FLIGHTDECK_INGEST_TOKEN: 'older-name',
    });
    expect(run.exitCode).toBe(0);
    expect(flightdeck.requests[0].url).toBe('/portal/api/deployments/events');
    expect(flightdeck.requests[0].headers.authorization).toBe(
      'Bearer older-name',
    );
  });

  it('retries 503 with backoff, sending the same body and key each time', async () => {
    flightdeck = await startFakeFlightdeck([{ status: 503 }, { status: 503 }]);
    const run = await send();

    expect(run.exitCode).toBe(0);
    expect(flightdeck.requests).toHaveLength(3);
    const bodies = flightdeck.requests.map(r => r.body);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]).idempotencyKey).toMatch(/^flightdeck-report-/);
    // Doubling, with the jitter fixed at its middle by the test runtime.
    expect(run.sleeps).toEqual([750, 1500]);
    expect(run.stderr).toContain(
      'Attempt 1 of 6 failed (503 Service Unavailable); trying again in 0.8 s with the same idempotency key.',
    );
  });

  it('waits as long as Retry-After asks on 429', async () => {
    flightdeck = await startFakeFlightdeck([
      { status: 429, headers: { 'Retry-After': '7' } },
    ]);
    const run = await send();
    expect(run.exitCode).toBe(0);
    expect(run.sleeps).toEqual([7000]);
  });

  it('says so when Flightdeck already had the event, and exits 0', async () => {
    flightdeck = await startFakeFlightdeck();
    await send();
    const again = await send();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(
      /^Flightdeck already had this event \(idempotency key flightdeck-report-[0-9a-f]+\); nothing changed\.\n$/,
    );
  });

  it('prints the answer as JSON with --json', async () => {
    flightdeck = await startFakeFlightdeck();
    const run = await send({}, '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
  });

  it.each([
    [
      400,
      'InputError',
      "Invalid deployment event: environment: 'prod' is not a configured environment",
    ],
    [
      422,
      'UnprocessableEntityError',
      "No entity 'component:default/payments-api' in the catalog",
    ],
    [401, 'AuthenticationError', 'Missing credentials'],
  ])(
    'does not retry %i, exits 3 and prints the message',
    async (status, name, message) => {
      flightdeck = await startFakeFlightdeck([
        errorAnswer(status, name, message),
      ]);
      const run = await send();

      expect(run.exitCode).toBe(3);
      expect(flightdeck.requests).toHaveLength(1);
      expect(run.sleeps).toEqual([]);
      expect(run.stderr).toContain(`Flightdeck refused the event: ${status}`);
      expect(run.stderr).toContain(`(${name}): ${message}`);
    },
  );

  it('gives up after --retries more attempts and exits 4', async () => {
    flightdeck = await startFakeFlightdeck([
      { status: 502 },
      { status: 504 },
      { status: 503 },
    ]);
    const run = await send({}, '--retries', '2');

    expect(run.exitCode).toBe(4);
    expect(flightdeck.requests).toHaveLength(3);
    expect(run.stderr).toContain(
      'gave up after 3 attempts; the last one failed with 503 Service Unavailable',
    );
  });

  it('retries when nothing listens, then gives up', async () => {
    flightdeck = await startFakeFlightdeck();
    const url = flightdeck.url;
    await flightdeck.close();
    flightdeck = undefined;

    const run = await runCli(deploymentArgs('--retries', '1'), {
      env: { FLIGHTDECK_URL: url, FLIGHTDECK_TOKEN: 'ingest-token' },
    });
    expect(run.exitCode).toBe(4);
    expect(run.sleeps).toHaveLength(1);
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it("does not take an answer that is not Flightdeck's for success", async () => {
    flightdeck = await startFakeFlightdeck([
      {
        status: 200,
        body: '<html><body>Welcome</body></html>',
        headers: { 'Content-Type': 'text/html' },
      },
    ]);
    const run = await send();
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("the answer is not Flightdeck's");
  });
});
