import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { normalizeOwnerRef } from '@flightdeck/api-common';
import { IngestService } from '@flightdeck/ingest-node';
import {
  DeploymentEvent,
  IngestResult,
} from '@flightdeck/plugin-deployments-common';
import {
  DeploymentStore,
  ResolvedDeploymentEvent,
} from '../store/DeploymentStore';

/**
 * An event as a door hands it in. A webhook names its source and, if the
 * source says, when it made the report (see `ResolvedDeploymentEvent`).
 */
export type ReportedDeploymentEvent = DeploymentEvent &
  Pick<ResolvedDeploymentEvent, 'source' | 'reportedAt'>;

/** Clocks of CI runners drift; anything further ahead than this is refused. */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Checks what a schema cannot (a configured environment, a service in the
 * catalog, no timestamps in the future) for a whole batch before anything
 * is written, then records it. Environment names are taken in any case and
 * stored as configured.
 */
export class DeploymentIngestor {
  constructor(
    private readonly store: DeploymentStore,
    private readonly door: Pick<IngestService, 'entities' | 'environments'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async ingest(events: ReportedDeploymentEvent[]): Promise<IngestResult> {
    const resolved: ResolvedDeploymentEvent[] = [];
    for (const [index, reported] of events.entries()) {
      const { source, reportedAt, ...event } = reported;
      const where = events.length > 1 ? `events[${index}].` : '';
      const environment = this.door.environments.resolve(
        event.environment,
        `${where}environment`,
      );
      this.checkNotInFuture(event, where);
      const entity = await this.door.entities.byRef(
        event.entityRef ?? event.service!,
      );
      resolved.push({
        event: { ...event, environment },
        entityRef: stringifyEntityRef(entity),
        ownerRef: ownerOf(entity.spec?.owner),
        source,
        reportedAt,
      });
    }
    const results = await this.store.record(resolved);
    const duplicates = results.filter(r => r.duplicate).length;
    return { accepted: results.length - duplicates, duplicates, results };
  }

  private checkNotInFuture(event: DeploymentEvent, where: string) {
    const limit = this.clock().getTime() + ALLOWED_CLOCK_SKEW_MS;
    const stamps: Array<[string, string | undefined]> = [
      ['startedAt', event.startedAt],
      ['finishedAt', event.finishedAt],
      ...event.changes.map(
        (c, i) =>
          [`changes[${i}].committedAt`, c.committedAt] as [string, string],
      ),
    ];
    for (const [field, value] of stamps) {
      if (value && Date.parse(value) > limit) {
        throw new InputError(`${where}${field}: ${value} is in the future`);
      }
    }
  }
}

function ownerOf(owner: unknown): string | undefined {
  if (typeof owner !== 'string') return undefined;
  try {
    return normalizeOwnerRef(owner);
  } catch {
    // The catalog validates owners; a deployment is not refused over one.
    return undefined;
  }
}
