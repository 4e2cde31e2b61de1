import { createHash } from 'node:crypto';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  IngestService,
  UnprocessableEntityError,
} from '@flightdeck/ingest-node';
import {
  CDEvent,
  DeploymentEvent,
  FlightdeckExtras,
} from '@flightdeck/plugin-deployments-common';
import {
  DeploymentStore,
  SettledDeployment,
} from '../../store/DeploymentStore';
import { predicateOf, versionOfArtifact } from './cdeventType';

/** The longest version the deployments table holds. */
const MAX_VERSION_LENGTH = 128;

/**
 * Turns CDEvents service events into Flightdeck deployment events.
 *
 * - `deployed` and `upgraded`: a successful deployment of the artifact.
 * - `rolledback`: a successful deployment of the artifact rolled back to,
 *   and the deployment it replaced is marked `rolled_back` (a change
 *   failure, restored by this one).
 * - `removed`: the service no longer runs in the environment.
 *
 * The service is the subject id: an entity ref when it has a kind
 * (`component:default/payments-api`), otherwise its last path segment names
 * a component (`service/payments-api`). `customData.flightdeck.entityRef`
 * overrides both.
 */
export class CDEventTranslator {
  constructor(
    private readonly ingest: Pick<IngestService, 'environments' | 'entities'>,
    private readonly store: Pick<DeploymentStore, 'latestSettled'>,
  ) {}

  /**
   * Translates a batch in order: a `rolledback` or `removed` event sees what
   * the events before it in the same batch deployed.
   */
  async translateAll(
    cdevents: CDEvent[],
    pathOf: (index: number) => string,
  ): Promise<DeploymentEvent[]> {
    const settledInBatch = new Map<string, SettledDeployment>();
    const latestSettled = async (entityRef: string, environment: string) =>
      settledInBatch.get(`${entityRef} ${environment}`) ??
      (await this.store.latestSettled(entityRef, environment));
    const out: DeploymentEvent[] = [];
    for (const [index, cdevent] of cdevents.entries()) {
      const events = await this.translate(
        cdevent,
        pathOf(index),
        latestSettled,
      );
      const last = events[events.length - 1];
      settledInBatch.set(`${last.entityRef} ${last.environment}`, {
        deploymentKey: last.deploymentId!,
        version: last.version,
        status: last.status === 'removed' ? 'removed' : 'succeeded',
        strategy: last.strategy,
        startedAt: last.startedAt,
        finishedAt: last.finishedAt,
      });
      out.push(...events);
    }
    return out;
  }

  private async translate(
    cdevent: CDEvent,
    where: string,
    latestSettled: DeploymentStore['latestSettled'],
  ): Promise<DeploymentEvent[]> {
    const { context, subject } = cdevent;
    const predicate = predicateOf(context.type);
    if (!predicate) {
      throw new InputError(
        `${where}context.type: '${context.type}' is not a service deployed, upgraded, rolledback or removed event`,
      );
    }
    const extras: FlightdeckExtras =
      typeof cdevent.customData === 'object'
        ? cdevent.customData.flightdeck ?? {}
        : {};
    const environment = this.ingest.environments.resolve(
      subject.content.environment.name ?? subject.content.environment.id,
      `${where}subject.content.environment`,
    );
    const entity = await this.ingest.entities.byRef(
      extras.entityRef ?? serviceOf(subject.id),
    );
    const entityRef = stringifyEntityRef(entity);
    const key = `cdevents-${digest(context.source, context.id)}`;
    const at = new Date(context.timestamp).toISOString();
    const artifactVersion = subject.content.artifactId
      ? versionOfArtifact(subject.content.artifactId)
      : undefined;
    if (artifactVersion && artifactVersion.length > MAX_VERSION_LENGTH) {
      throw new InputError(
        `${where}subject.content.artifactId: its version is longer than ${MAX_VERSION_LENGTH} characters`,
      );
    }
    const base = {
      entityRef,
      environment,
      deploymentId: key,
      idempotencyKey: key,
      startedAt: extras.startedAt ?? at,
      finishedAt: at,
      commitSha: extras.commitSha,
      changes: extras.changes ?? [],
      url: extras.url,
      actor: extras.actor,
      strategy: extras.strategy ?? 'rolling',
      steps: extras.steps ?? [],
    };

    if (predicate === 'removed') {
      const settled = await latestSettled(entityRef, environment);
      const version = artifactVersion ?? settled?.version;
      if (!version) {
        throw new UnprocessableEntityError(
          `${where}subject: ${entityRef} has never been deployed to ${environment}, so it cannot be removed`,
        );
      }
      return [{ ...base, version, status: 'removed' }];
    }
    if (!artifactVersion) {
      throw new InputError(
        `${where}subject.content.artifactId: required for a ${predicate} event`,
      );
    }
    const deployed: DeploymentEvent = {
      ...base,
      version: artifactVersion,
      status: 'succeeded',
    };
    if (predicate !== 'rolledback') return [deployed];

    const replaced = await latestSettled(entityRef, environment);
    if (
      !replaced ||
      replaced.status !== 'succeeded' ||
      replaced.version === artifactVersion
    ) {
      return [deployed];
    }
    return [
      {
        entityRef,
        environment,
        deploymentId: replaced.deploymentKey,
        idempotencyKey: `${key}-replaced`,
        version: replaced.version,
        status: 'rolled_back',
        strategy: replaced.strategy,
        startedAt: replaced.startedAt,
        finishedAt: replaced.finishedAt ?? at,
        changes: [],
        steps: [],
      },
      deployed,
    ];
  }
}

/** CloudEvents ids are unique per source only. */
function digest(source: string, id: string): string {
  return createHash('sha256')
    .update(`${source}\u0000${id}`)
    .digest('hex')
    .slice(0, 40);
}

function serviceOf(subjectId: string): string {
  if (subjectId.includes(':')) return subjectId;
  const segments = subjectId.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? subjectId;
}
