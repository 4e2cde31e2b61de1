import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { IdempotencyStore } from './IdempotencyStore';

const RETENTION_KEY = 'flightdeck.ingest.idempotencyKeyRetentionDays';
const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Forgets, every hour, the idempotency keys older than the retention
 * (`flightdeck.ingest.idempotencyKeyRetentionDays`, 30 days unless set), so
 * the table does not grow without end. A delivery retried after that is no
 * longer recognised by its key; each feature must still tie it to the record
 * it already made (deployments do, by their deployment id). The task is
 * scheduled with global scope, so that one replica runs it each hour.
 *
 * @public
 */
export class IdempotencyKeyJanitor {
  static fromConfig(
    config: Config,
    options: {
      store: IdempotencyStore;
      scheduler: SchedulerService;
      logger: LoggerService;
      clock?: () => Date;
      /** Rows deleted per statement; 10,000 unless set. */
      purgeBatchSize?: number;
    },
  ): IdempotencyKeyJanitor {
    const days =
      config.getOptionalNumber(RETENTION_KEY) ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < 1) {
      throw new Error(
        `${RETENTION_KEY} must be a whole number of days, at least 1; got ${days}`,
      );
    }
    return new IdempotencyKeyJanitor({ ...options, retentionDays: days });
  }

  private constructor(
    private readonly options: {
      store: IdempotencyStore;
      scheduler: SchedulerService;
      logger: LoggerService;
      retentionDays: number;
      clock?: () => Date;
      purgeBatchSize?: number;
    },
  ) {}

  get retentionDays(): number {
    return this.options.retentionDays;
  }

  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      id: 'purge-idempotency-keys',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      scope: 'global',
      fn: async signal => {
        await this.purge(signal);
      },
    });
  }

  /**
   * Forgets the keys past the retention now, in batches, stopping early if
   * `signal` aborts; returns how many.
   */
  async purge(signal?: AbortSignal): Promise<number> {
    const now = this.options.clock?.() ?? new Date();
    const cutoff = new Date(
      now.getTime() - this.options.retentionDays * DAY_MS,
    );
    const purged = await this.options.store.purgeOlderThan(cutoff, {
      batchSize: this.options.purgeBatchSize,
      signal,
    });
    if (purged > 0) {
      this.options.logger.info(
        `Purged ${purged} idempotency keys first seen before ${cutoff.toISOString()}`,
      );
    }
    return purged;
  }
}
