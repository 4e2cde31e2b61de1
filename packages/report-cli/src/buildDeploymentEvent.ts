import { FINISHED_STATUSES } from '@flightdeck/plugin-deployments-common';
import { DeploymentEventBody } from './apiTypes';
import { CiDefaults } from './ciEnvironment';
import { idempotencyKeyFor } from './idempotencyKey';

/** What the command line says about the deployment. */
export interface DeploymentArguments {
  /** A component name, or an entity ref such as `component:default/payments-api`. */
  service: string;
  environment: string;
  version: string;
  status: DeploymentEventBody['status'];
  strategy?: DeploymentEventBody['strategy'];
  startedAt?: string;
  finishedAt?: string;
  commit?: string;
  changes: NonNullable<DeploymentEventBody['changes']>;
  url?: string;
  actor?: string;
  deploymentId?: string;
  idempotencyKey?: string;
  steps: NonNullable<DeploymentEventBody['steps']>;
}

/**
 * The event to send: the arguments, completed from the CI system and the
 * clock. A final status without `--finished-at` finished now; a missing
 * `--started-at` is the finish time when one was given, otherwise now.
 */
export function buildDeploymentEvent(
  args: DeploymentArguments,
  ci: CiDefaults,
  now: Date,
): DeploymentEventBody {
  const final = FINISHED_STATUSES.includes(args.status);
  const finishedAt = args.finishedAt ?? (final ? now.toISOString() : undefined);
  // A bare name cannot contain ':' or '/', an entity ref always does.
  const target = /[:/]/.test(args.service)
    ? { entityRef: args.service }
    : { service: args.service };
  const event = {
    ...target,
    environment: args.environment,
    version: args.version,
    status: args.status,
    strategy: args.strategy,
    deploymentId: args.deploymentId ?? ci.deploymentId,
    startedAt: args.startedAt ?? args.finishedAt ?? now.toISOString(),
    finishedAt,
    commitSha: args.commit ?? ci.commitSha,
    changes: args.changes.length > 0 ? args.changes : undefined,
    url: args.url ?? ci.url,
    actor: args.actor ?? ci.actor,
    steps: args.steps.length > 0 ? args.steps : undefined,
  };
  return {
    ...withoutUndefined(event),
    idempotencyKey: args.idempotencyKey ?? idempotencyKeyFor(event),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
