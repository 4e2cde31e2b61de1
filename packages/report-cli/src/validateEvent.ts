import { deploymentEventSchema } from '@flightdeck/plugin-deployments-common';

/** The option to fix for each event field. */
const OPTION_OF_FIELD: Record<string, string> = {
  entityRef: '--service',
  service: '--service',
  environment: '--environment',
  version: '--version',
  status: '--status',
  strategy: '--strategy',
  deploymentId: '--deployment-id',
  startedAt: '--started-at',
  finishedAt: '--finished-at',
  commitSha: '--commit',
  changes: '--change or --changes-from-git',
  url: '--url',
  actor: '--actor',
  idempotencyKey: '--idempotency-key',
  steps: '--step',
};

/**
 * What the server would refuse in the event, checked with the schema the
 * server uses, one line per problem naming the field and its option; empty
 * when the event is valid.
 */
export function problemsWithEvent(event: unknown): string[] {
  const result = deploymentEventSchema.safeParse(event);
  if (result.success) return [];
  return result.error.issues.map(issue => {
    const field = issue.path.reduce<string>(
      (out, part) =>
        typeof part === 'number'
          ? `${out}[${part}]`
          : `${out}${out ? '.' : ''}${String(part)}`,
      '',
    );
    const option = OPTION_OF_FIELD[String(issue.path[0])];
    return `${field || 'event'}${option ? ` (${option})` : ''}: ${
      issue.message
    }`;
  });
}
