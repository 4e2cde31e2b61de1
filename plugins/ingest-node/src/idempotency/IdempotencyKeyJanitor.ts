import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { IdempotencyStore } from './IdempotencyStore';

const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long idempotency keys are kept: `flightdeck.ingest.idempotencyKeyRetentionDays`,
 * 30 days unless set.
 *
 * @public
 */
export function readIdempotencyRetentionDays(config: Config): number {
  const key = 'flightdeck.ingest.idempotencyKeyRetentionDays';
  const days = config.getOptionalNumber(key) ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(
      `${key} must be a whole number of days, at least 1; got ${days}`,
    );
  }
  return days;
}

/**
 * Forgets, every hour, the idempotency keys older than the retention, so the
 * table does not grow without end. A delivery retried after that is no
 * longer recognised by its key; each feature must still tie it to the record
 * it already made (deployments do, by their deployment id).
 *
 * @public
 */
export async function scheduleIdempotencyKeyPurge(options: {
  knex: Knex;
  store: IdempotencyStore;
  scheduler: SchedulerService;
  logger: LoggerService;
  retentionDays: number;
  clock?: () => Date;
}): Promise<void> {
  const { knex, store, scheduler, logger, retentionDays } = options;
  const clock = options.clock ?? (() => new Date());
  await scheduler.scheduleTask({
    id: 'purge-idempotency-keys',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const cutoff = new Date(clock().getTime() - retentionDays * DAY_MS);
      const purged = await store.purgeOlderThan(knex, cutoff);
      if (purged > 0) {
        logger.info(
          `Purged ${purged} idempotency keys first seen before ${cutoff.toISOString()}`,
        );
      }
    },
  });
}
