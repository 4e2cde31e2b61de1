import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { Deployment } from '@flightdeck/plugin-deployments-common';
import { createHash, randomUUID } from 'node:crypto';
import { DeployProvider } from '../providers/DeployProvider';
import { DeploymentIngestor } from '../service/DeploymentIngestor';
import { DeploymentStore } from '../service/DeploymentStore';

/** A user's request to deploy a version of a service, already authorized. */
export interface DeployRequest {
  entity: Entity;
  environment: string;
  version: string;
  reason: string;
  commitSha?: string;
  /** The same id from the same user, service and environment deploys once. */
  requestId?: string;
  requestedBy: string;
  provider: DeployProvider;
}

/** The audit record of one attempt; created once the deploy is recorded. */
export interface DeployAudit {
  success(): Promise<void>;
  fail(options: { error: Error }): Promise<void>;
}

export interface DeployOutcome {
  /** false when an earlier request with the same id answered already. */
  triggered: boolean;
  deployment: Deployment;
  url?: string;
}

/**
 * Carries out deploys from Flightdeck: records the deployment as started,
 * then asks the provider, giving it the deployment's id to report under.
 * A refused deploy is recorded as cancelled.
 */
export class DeployRequests {
  constructor(
    private readonly store: DeploymentStore,
    private readonly ingestor: DeploymentIngestor,
    private readonly clock: () => Date,
  ) {}

  async deploy(
    request: DeployRequest,
    audit: (deploymentId: string) => Promise<DeployAudit>,
  ): Promise<DeployOutcome> {
    const entityRef = stringifyEntityRef(request.entity);
    const key = deploymentKeyOf(request, entityRef);
    const earlier = await this.earlier(request, entityRef, key);
    if (earlier) return { triggered: false, deployment: earlier };

    const startedAt = this.clock().toISOString();
    const event = {
      entityRef,
      environment: request.environment,
      version: request.version,
      strategy: 'rolling' as const,
      deploymentId: key,
      actor: request.requestedBy,
      commitSha: request.commitSha,
      changes: [],
      steps: [],
    };
    const [recorded] = (
      await this.ingestor.ingest([
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
      return { triggered: false, deployment: deployment! };
    }

    const attempt = await audit(recorded.deploymentId!);
    let url: string | undefined;
    try {
      ({ url } = await request.provider.trigger({
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
      await this.ingestor.ingest([
        {
          ...event,
          status: 'cancelled',
          startedAt,
          finishedAt: this.clock().toISOString(),
          idempotencyKey: `${key}:refused`,
        },
      ]);
      await attempt.fail({ error: error as Error });
      throw new ConflictError(
        `The ${request.provider.id} provider refused the deploy: ${
          (error as Error).message
        }`,
      );
    }
    await attempt.success();
    const deployment = await this.store.get(recorded.deploymentId!);
    return { triggered: true, deployment: deployment!, url };
  }

  /** The deployment an earlier request with this id made, if any. */
  private async earlier(
    request: DeployRequest,
    entityRef: string,
    key: string,
  ): Promise<Deployment | undefined> {
    const deployment = await this.store.getByKey(
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
