import { assertError, ServiceUnavailableError } from '@backstage/errors';
import { BadGatewayError } from '@flightdeck/ingest-node';
import { DeployProviderId } from '@flightdeck/plugin-deployments-common';

/** The status a CD system answered with, as octokit and our providers report it. */
function upstreamStatus(error: Error): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** The error and every cause below it, with their stacks, for the log. */
function causeChain(error: unknown): string {
  const lines: string[] = [];
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    lines.push(`Caused by: ${cause.stack ?? String(cause)}`);
  }
  return lines.join('\n');
}

/**
 * The error the caller gets when a provider fails: 503 when the CD system
 * could not be reached or says it is unavailable, 502 when it answered with
 * a refusal.
 *
 * Outside production the provider's own error is the cause, in the message.
 * In production the caller learns the provider and the status only: the
 * cause names internal hosts and ports, and Backstage's error middleware
 * sends the cause to the caller. The middleware logs the stack of every 5xx
 * and sends no stack in production, so the cause goes there.
 */
export function providerFailure(
  provider: DeployProviderId,
  action: 'deploy' | 'rollback',
  error: unknown,
): Error {
  assertError(error);
  const status = upstreamStatus(error);
  const production = process.env.NODE_ENV === 'production';
  const cause = production ? undefined : error;
  const answered =
    production && status !== undefined ? ` (it answered ${status})` : '';

  let failure: Error;
  if (status === undefined) {
    failure = new ServiceUnavailableError(
      `The ${provider} provider could not be reached for the ${action}`,
      cause,
    );
  } else if (status === 503 || status === 429) {
    failure = new ServiceUnavailableError(
      `The ${provider} provider is unavailable for the ${action}${answered}`,
      cause,
    );
  } else {
    failure = new BadGatewayError(
      `The ${provider} provider refused the ${action}${answered}`,
      cause,
    );
  }
  if (production) failure.stack = `${failure.stack}\n${causeChain(error)}`;
  return failure;
}
