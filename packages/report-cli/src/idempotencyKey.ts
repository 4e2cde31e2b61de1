import { createHash } from 'node:crypto';
import { DeploymentEventBody } from './apiTypes';

/**
 * A key that is the same whenever the same pipeline step reports the same
 * thing, so that re-running the step is answered as a duplicate. It covers
 * what tells one report of a deployment from the next (its status and its
 * rollout steps) but not the times, which default to "now".
 */
export function idempotencyKeyFor(
  event: Omit<DeploymentEventBody, 'idempotencyKey'>,
): string {
  const deployment =
    event.deploymentId ?? `${event.version}@${event.startedAt}`;
  const material = JSON.stringify([
    event.entityRef ?? event.service,
    event.environment,
    deployment,
    event.version,
    event.status,
    (event.steps ?? []).map(s => [s.name, s.weight ?? null, s.status]),
  ]);
  const digest = createHash('sha256').update(material).digest('hex');
  return `flightdeck-report-${digest.slice(0, 40)}`;
}
