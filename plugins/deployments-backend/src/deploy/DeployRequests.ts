import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { settleAudit } from '@flightdeck/ingest-node';
import {
  Deployment,
  DeploymentEvent,
  DeployProviderId,
} from '@flightdeck/plugin-deployments-common';
import { createHash, randomUUID } from 'node:crypto';
import { DeploymentIngestor } from '../ingestion/DeploymentIngestor';
import { DeployProviders } from '../providers/DeployProviders';
import { providerFailure } from '../providers/providerFailure';
import { DeploymentStore } from '../store/DeploymentStore';

/** A user's request to deploy a version of a service, already authorized. */
export interface DeployRequest {
  entity: Entity;
  environment: string;
  version: string;
  reason: string;
  commitSha?: string;
  /** The commits the version brings, for lead time once it succeeds. */
  changes: DeploymentEvent['changes'];
  /** The same id from the same user, service and environment deploys once. */
  requestId?: string;
  requestedBy: string;
}

export interface DeployOutcome {
  /** false when an earlier request with the same id answered already. */
  triggered: boolean;
  deployment: Deployment;
  provider: DeployProviderId;
  url?: string;
}

/**
 * Carries out deploys from Flightdeck: records the deployment as started,
 * then asks the service's provider, giving it the deployment's id to report
 * under. A refused deploy is recorded as cancelled. Every attempt closes its
 * audit event, as done or failed.
 */
export class DeployRequests {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      ingestor: DeploymentIngestor;
      providers: DeployProviders;
      clock?: () => Date;
    },
  ) {}

  async deploy(
    request: DeployRequest,
    audit: AuditorServiceEvent,
  ): Promise<DeployOutcome> {
    return settleAudit(
      audit,
      () => this.carryOut(request),
      outcome => ({
        deploymentId: outcome.deployment.id,
        provider: outcome.provider,
        triggered: outcome.triggered,
      }),
    );
  }

  private now() {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }

  private async carryOut(request: DeployRequest): Promise<DeployOutcome> {
    const provider = this.deps.providers.require(request.entity);
    const entityRef = stringifyEntityRef(request.entity);
    const key = deploymentKeyOf(request, entityRef);
    const earlier = await this.earlier(request, entityRef, key);
    if (earlier) {
      return { triggered: false, deployment: earlier, provider: provider.id };
    }

    const startedAt = this.now();
    const event = {
      entityRef,
      environment: request.environment,
      version: request.version,
      strategy: 'rolling' as const,
      deploymentId: key,
      actor: request.requestedBy,
      commitSha: request.commitSha,
      changes: request.changes,
      steps: [],
    };
    const [recorded] = (
      await this.deps.ingestor.ingest([
        {
          ...event,
          status: 'started',
          startedAt,
          idempotencyKey: `${key}:requested`,
        },
      ])
    ).results;
    if (recorded.duplicate) {
      // The same request, arriving at the same moment: it answers instead.
      const deployment = await this.earlier(request, entityRef, key);
      return {
        triggered: false,
        deployment: deployment!,
        provider: provider.id,
      };
    }

    let url: string | undefined;
    try {
      ({ url } = await provider.trigger({
        entity: request.entity,
        action: 'deploy',
        environment: request.environment,
        version: request.version,
        deploymentId: key,
        reason: request.reason,
        requestedBy: request.requestedBy,
      }));
    } catch (error) {
      // Nothing will report on a deploy the CD system never took.
      await this.deps.ingestor.ingest([
        {
          ...event,
          changes: [],
          status: 'cancelled',
          startedAt,
          finishedAt: this.now(),
          idempotencyKey: `${key}:refused`,
        },
      ]);
      throw providerFailure(provider.id, 'deploy', error);
    }
    const deployment = await this.deps.store.get(recorded.deploymentId!);
    return {
      triggered: true,
      deployment: deployment!,
      provider: provider.id,
      url,
    };
  }

  /** The deployment an earlier request with this id made, if any. */
  private async earlier(
    request: DeployRequest,
    entityRef: string,
    key: string,
  ): Promise<Deployment | undefined> {
    const deployment = await this.deps.store.getByKey(
      entityRef,
      request.environment,
      key,
    );
    if (!deployment) return undefined;
    if (deployment.version !== request.version) {
      throw new ConflictError(
        `requestId '${request.requestId}' was used for version ${deployment.version}, not ${request.version}`,
      );
    }
    if (deployment.status === 'cancelled') {
      throw new ConflictError(
        `The deploy of requestId '${request.requestId}' was refused by the provider; send a new requestId to try again`,
      );
    }
    return deployment;
  }
}

function deploymentKeyOf(request: DeployRequest, entityRef: string): string {
  if (!request.requestId) return `flightdeck-${randomUUID()}`;
  const scope = [
    request.requestedBy,
    entityRef,
    request.environment,
    request.requestId,
  ].join('\n');
  return `flightdeck-${createHash('sha256')
    .update(scope)
    .digest('hex')
    .slice(0, 32)}`;
}
