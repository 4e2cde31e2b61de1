import { Command, InvalidArgumentError, Option, OptionValues } from 'commander';
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  STEP_STATUSES,
} from '@flightdeck/plugin-deployments-common';
import { DeploymentArguments } from './buildDeploymentEvent';
import { ExitCode, ReportError } from './exitCodes';

/** One `flightdeck-report deployment ...` invocation, parsed. */
export interface DeploymentCommand {
  event: DeploymentArguments;
  changesFromGit?: string;
  urlBase?: string;
  token?: string;
  retries: number;
  dryRun: boolean;
  json: boolean;
}

export interface ProgramOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const MAX_RETRIES = 20;

/**
 * The command line. Commander reports usage errors itself and, with
 * `exitOverride`, throws instead of exiting so that main decides the status.
 */
export function createProgram(
  output: ProgramOutput,
  onDeployment: (command: DeploymentCommand) => Promise<void>,
): Command {
  const program = new Command('flightdeck-report')
    .description('Tell Flightdeck about a deployment, from a CI/CD pipeline.')
    .exitOverride()
    .configureOutput({
      writeOut: text => output.stdout(text),
      writeErr: text => output.stderr(text),
    });

  program
    .command('deployment')
    .description(
      'Send one deployment event: a deployment started, progressed or ended. ' +
        'Reads the portal URL from FLIGHTDECK_URL and the ingest token from FLIGHTDECK_TOKEN.',
    )
    .requiredOption(
      '--service <name>',
      'the component name, or its entity ref (component:default/payments-api)',
    )
    .requiredOption(
      '--environment <name>',
      'an environment from flightdeck.environments',
    )
    .requiredOption('--version <version>', 'what was deployed')
    .addOption(
      new Option('--status <status>', 'where the deployment stands')
        .choices(DEPLOYMENT_STATUSES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--strategy <strategy>',
        'how it rolls out (the server assumes rolling)',
      ).choices(DEPLOYMENT_STRATEGIES),
    )
    .option('--started-at <time>', 'ISO 8601; default: now')
    .option('--finished-at <time>', 'ISO 8601; default for final statuses: now')
    .option('--commit <sha>', 'the commit deployed; default from CI')
    .option(
      '--changes-from-git <range>',
      'the commits this deployment brings, from git log <range> in the current directory',
    )
    .option(
      '--change <sha=time>',
      'a commit this deployment brings, with its commit time (repeatable)',
      collect(parseChange),
      [],
    )
    .option('--url <url>', 'the CI/CD run; default from CI')
    .option('--actor <name>', 'who deployed; default from CI')
    .option(
      '--deployment-id <id>',
      'ties the events of one deployment together; default: the CI run',
    )
    .option(
      '--idempotency-key <key>',
      'default: derived from service, environment, deployment, status and steps',
    )
    .option(
      '--step <name:weight:status>',
      `a rollout step; weight 0-100 may be empty, status one of ${STEP_STATUSES.join(
        ', ',
      )} (repeatable)`,
      collect(parseStep),
      [],
    )
    .option(
      '--url-base <url>',
      "the portal's base URL; default: FLIGHTDECK_URL",
    )
    .option(
      '--token <token>',
      'the ingest token; prefer FLIGHTDECK_TOKEN, as arguments show in process lists and logs',
    )
    .option(
      '--retries <count>',
      `attempts after the first when Flightdeck is unreachable or busy (0-${MAX_RETRIES})`,
      parseRetries,
      5,
    )
    .option('--dry-run', 'print the event instead of sending it', false)
    .option('--json', "print Flightdeck's answer as JSON", false)
    .action(async (options: OptionValues) => {
      await onDeployment(toCommand(options));
    });

  return program;
}

function toCommand(options: OptionValues): DeploymentCommand {
  if (options.changesFromGit && options.change.length > 0) {
    throw new ReportError(
      'give --changes-from-git or --change, not both',
      ExitCode.BadInput,
    );
  }
  return {
    event: {
      service: options.service,
      environment: options.environment,
      version: options.version,
      status: options.status,
      strategy: options.strategy,
      startedAt: options.startedAt,
      finishedAt: options.finishedAt,
      commit: options.commit,
      changes: options.change,
      url: options.url,
      actor: options.actor,
      deploymentId: options.deploymentId,
      idempotencyKey: options.idempotencyKey,
      steps: options.step,
    },
    changesFromGit: options.changesFromGit,
    urlBase: options.urlBase,
    token: options.token,
    retries: options.retries,
    dryRun: options.dryRun,
    json: options.json,
  };
}

function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[]) => [...previous, parse(value)];
}

function parseChange(value: string) {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidArgumentError('expected <sha>=<ISO 8601 commit time>');
  }
  return { sha: value.slice(0, at), committedAt: value.slice(at + 1) };
}

/** `name:weight:status` or `name::status`; the name may contain colons. */
function parseStep(value: string) {
  const match = /^(.+?)(?::([^:]*))?:([^:]+)$/.exec(value);
  const status = match?.[3] as (typeof STEP_STATUSES)[number] | undefined;
  if (!match || !status || !STEP_STATUSES.includes(status)) {
    throw new InvalidArgumentError(
      `expected <name>:<weight>:<status> with status one of ${STEP_STATUSES.join(
        ', ',
      )}`,
    );
  }
  const weightText = match[2]?.trim();
  const weight = weightText ? Number(weightText) : undefined;
  if (weight !== undefined && Number.isNaN(weight)) {
    throw new InvalidArgumentError(`weight '${weightText}' is not a number`);
  }
  return { name: match[1], weight, status };
}

function parseRetries(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > MAX_RETRIES) {
    throw new InvalidArgumentError(
      `expected a whole number from 0 to ${MAX_RETRIES}`,
    );
  }
  return count;
}
