import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { settleAudit } from '@flightdeck/ingest-node';
import {
  Deployment,
  RollbackAnswer,
} from '@flightdeck/plugin-deployments-common';
import { DeployProviders } from '../providers/DeployProviders';
import { providerFailure } from '../providers/providerFailure';

/** A user's request to bring back an earlier deployment, already authorized. */
export interface RollbackRequest {
  entity: Entity;
  deployment: Deployment;
  reason: string;
  requestedBy: string;
}

/**
 * Carries out rollbacks from Flightdeck: only to a deployment that
 * succeeded, through the service's provider, which redeploys its version.
 * Every attempt closes its audit event, as done or failed.
 */
export class RollbackRequests {
  constructor(private readonly providers: DeployProviders) {}

  async rollback(
    request: RollbackRequest,
    audit: AuditorServiceEvent,
  ): Promise<RollbackAnswer> {
    return settleAudit(
      audit,
      () => this.carryOut(request),
      answer => ({ provider: answer.provider }),
    );
  }

  private async carryOut({
    entity,
    deployment,
    reason,
    requestedBy,
  }: RollbackRequest): Promise<RollbackAnswer> {
    if (deployment.status !== 'succeeded') {
      throw new ConflictError(
        `Only a successful deployment can be rolled back to; this one ${deployment.status.replace(
          '_',
          ' ',
        )}`,
      );
    }
    const provider = this.providers.require(entity);
    try {
      const { url } = await provider.trigger({
        entity,
        action: 'rollback',
        environment: deployment.environment,
        version: deployment.version,
        deploymentId: deployment.id,
        reason,
        requestedBy,
      });
      return {
        provider: provider.id,
        environment: deployment.environment,
        version: deployment.version,
        url: url ?? null,
      };
    } catch (error) {
      throw providerFailure(provider.id, 'rollback', error);
    }
  }
}
