import { assertError, ServiceUnavailableError } from '@backstage/errors';
import { BadGatewayError } from '@flightdeck/ingest-node';
import { DeployProviderId } from '@flightdeck/plugin-deployments-common';

/** The status a CD system answered with, as octokit and our providers report it. */
function upstreamStatus(error: Error): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The error the caller gets when a provider fails: 503 when the CD system
 * could not be reached or says it is unavailable, 502 when it answered with
 * a refusal. The provider's own error is kept as the cause, for the log.
 */
export function providerFailure(
  provider: DeployProviderId,
  action: 'deploy' | 'rollback',
  error: unknown,
): Error {
  assertError(error);
  const status = upstreamStatus(error);
  if (status === undefined) {
    return new ServiceUnavailableError(
      `The ${provider} provider could not be reached for the ${action}`,
      error,
    );
  }
  if (status === 503 || status === 429) {
    return new ServiceUnavailableError(
      `The ${provider} provider is unavailable for the ${action}`,
      error,
    );
  }
  return new BadGatewayError(
    `The ${provider} provider refused the ${action}`,
    error,
  );
}
