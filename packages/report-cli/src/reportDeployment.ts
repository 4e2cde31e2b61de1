import { buildDeploymentEvent } from './buildDeploymentEvent';
import { ciDefaultsFrom } from './ciEnvironment';
import { ExitCode, ExitStatus, ReportError } from './exitCodes';
import { changesFromGit } from './gitChanges';
import { DeploymentCommand } from './program';
import { sendEvents } from './sendEvents';
import { problemsWithEvent } from './validateEvent';

/** What the CLI may touch of the world; tests replace any of it. */
export interface Runtime {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Builds the event, checks it, and sends it (or prints it, in a dry run). */
export async function reportDeployment(
  command: DeploymentCommand,
  runtime: Runtime,
): Promise<ExitStatus> {
  const changes = command.changesFromGit
    ? await changesFromGit(command.changesFromGit, runtime.cwd)
    : command.event.changes;
  const event = buildDeploymentEvent(
    { ...command.event, changes },
    ciDefaultsFrom(runtime.env),
    runtime.now(),
  );

  const problems = problemsWithEvent(event);
  if (problems.length > 0) {
    throw new ReportError(
      `the event is not valid, nothing was sent:\n  ${problems.join('\n  ')}`,
      ExitCode.BadInput,
    );
  }
  if (command.dryRun) {
    runtime.stdout(`${JSON.stringify(event, null, 2)}\n`);
    return ExitCode.Sent;
  }

  const outcome = await sendEvents({
    endpoint: eventsEndpoint(command.urlBase || runtime.env.FLIGHTDECK_URL),
    token: ingestToken(command.token, runtime.env),
    body: event,
    retries: command.retries,
    fetch: runtime.fetch,
    sleep: runtime.sleep,
    random: runtime.random,
    now: () => runtime.now().getTime(),
    onRetry: ({ attempt, maxAttempts, problem, delayMs }) =>
      runtime.stderr(
        `Attempt ${attempt} of ${maxAttempts} failed (${problem}); trying again in ${(
          delayMs / 1000
        ).toFixed(1)} s with the same idempotency key.\n`,
      ),
  });

  switch (outcome.outcome) {
    case 'recorded': {
      const [first] = outcome.result.results;
      if (command.json) {
        runtime.stdout(`${JSON.stringify(outcome.result)}\n`);
      } else if (first?.duplicate) {
        runtime.stdout(
          `Flightdeck already had this event (idempotency key ${event.idempotencyKey}); nothing changed.\n`,
        );
      } else {
        runtime.stdout(
          `Flightdeck recorded the event: ${event.status} in ${event.environment}` +
            `${
              first?.deploymentId ? `, deployment ${first.deploymentId}` : ''
            }.\n`,
        );
      }
      return ExitCode.Sent;
    }
    case 'refused':
      throw new ReportError(
        `Flightdeck refused the event: ${outcome.problem}`,
        ExitCode.Refused,
      );
    default:
      throw new ReportError(
        `gave up after ${outcome.attempts} attempts; the last one failed with ${outcome.problem}`,
        ExitCode.GaveUp,
      );
  }
}

function eventsEndpoint(base: string | undefined): URL {
  if (!base) {
    throw new ReportError(
      "set FLIGHTDECK_URL to the portal's base URL (or pass --url-base)",
      ExitCode.BadInput,
    );
  }
  let url: URL;
  try {
    // Keeps a path prefix, for portals served under one.
    url = new URL(
      'api/deployments/events',
      base.endsWith('/') ? base : `${base}/`,
    );
  } catch {
    throw new ReportError(
      `'${base}' is not a URL (FLIGHTDECK_URL or --url-base)`,
      ExitCode.BadInput,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReportError(
      `'${base}' is not an http(s) URL (FLIGHTDECK_URL or --url-base)`,
      ExitCode.BadInput,
    );
  }
  return url;
}

/** FLIGHTDECK_INGEST_TOKEN is the name ./flightdeck and older pipelines use. */
function ingestToken(flag: string | undefined, env: Runtime['env']): string {
  const token = flag || env.FLIGHTDECK_TOKEN || env.FLIGHTDECK_INGEST_TOKEN;
  if (!token) {
    throw new ReportError(
      'set FLIGHTDECK_TOKEN to the ingest token (an external-access static token)',
      ExitCode.BadInput,
    );
  }
  return token;
}
