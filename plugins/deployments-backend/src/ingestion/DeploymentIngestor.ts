import { InputError } from '@backstage/errors';
import {
  CatalogEntityResolver,
  FlightdeckEnvironment,
} from '@flightdeck/ingest-node';
import { DeploymentEvent } from '@flightdeck/plugin-deployments-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeploymentStore,
  RecordOutcome,
  ResolvedDeploymentEvent,
} from './DeploymentStore';
import { normalizeOwnerRef } from './ownerRef';

/** Clocks of CI runners drift; anything further ahead than this is refused. */
const ALLOWED_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  results: RecordOutcome[];
}

/**
 * Checks what a schema cannot (known environment, service in the catalog,
 * no timestamps in the future) for a whole batch before anything is written,
 * then records it.
 */
export class DeploymentIngestor {
  private readonly environmentNames: Set<string>;

  constructor(
    private readonly store: DeploymentStore,
    private readonly resolver: CatalogEntityResolver,
    environments: FlightdeckEnvironment[],
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.environmentNames = new Set(environments.map(e => e.name));
  }

  async ingest(events: DeploymentEvent[]): Promise<IngestResult> {
    const resolved: ResolvedDeploymentEvent[] = [];
    for (const [index, event] of events.entries()) {
      const where = events.length > 1 ? `events[${index}].` : '';
      this.checkEnvironment(event, where);
      this.checkNotInFuture(event, where);
      const entity = await this.resolver.byRef(
        event.entityRef ?? event.service!,
      );
      resolved.push({
        event,
        entityRef: stringifyEntityRef(entity),
        ownerRef: ownerOf(entity.spec?.owner),
      });
    }
    const results = await this.store.record(resolved);
    const duplicates = results.filter(r => r.duplicate).length;
    return { accepted: results.length - duplicates, duplicates, results };
  }

  private checkEnvironment(event: DeploymentEvent, where: string) {
    if (!this.environmentNames.has(event.environment)) {
      throw new InputError(
        `${where}environment: '${
          event.environment
        }' is not a configured environment (${[...this.environmentNames].join(
          ', ',
        )})`,
      );
    }
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
