import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { bulkInsert } from '../database/bulkInsert';

const TABLE = 'ingest_idempotency_keys';
const DEFAULT_PURGE_BATCH_SIZE = 10_000;

/**
 * Remembers which events a feature backend has accepted. The table lives in
 * the feature's own database, so that a feature claims an event's key in the
 * same transaction as it writes the event: an event is either recorded once,
 * or not at all.
 *
 * @public
 */
export class IdempotencyStore {
  /** Runs this package's migrations in the feature's database, unless skipped. */
  static async create(options: {
    knex: Knex;
    skipMigrations?: boolean;
    clock?: () => Date;
  }): Promise<IdempotencyStore> {
    const { knex } = options;
    if (!options.skipMigrations) {
      await knex.migrate.latest({
        directory: resolvePackagePath('@flightdeck/ingest-node', 'migrations'),
        tableName: 'ingest_node_knex_migrations',
      });
    }
    return new IdempotencyStore(knex, options.clock ?? (() => new Date()));
  }

  private constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date,
  ) {}

  /**
   * Claims `keys` within the feature's transaction `trx`, in one statement.
   * Returns the keys this call claimed: a key claimed before (by an earlier
   * delivery, or a concurrent one that committed first), or a second time in
   * `keys`, is not among them, and the caller must not write its event.
   * Keys are inserted in sorted order: two transactions claiming overlapping
   * keys then wait for each other in the same order, never in a cycle.
   */
  async claimMany(
    trx: Knex.Transaction,
    scope: string,
    keys: string[],
  ): Promise<Set<string>> {
    const receivedAt = this.clock();
    const rows = await bulkInsert<{ idempotency_key: string }>(
      trx,
      TABLE,
      [...new Set(keys)].sort().map(key => ({
        scope,
        idempotency_key: key,
        received_at: receivedAt,
      })),
      {
        onConflict: ['scope', 'idempotency_key'],
        returning: ['idempotency_key'],
      },
    );
    return new Set(rows.map(row => row.idempotency_key));
  }

  /**
   * Forgets keys first seen before `date`; returns how many. Deletes
   * `batchSize` rows per statement, so that a large backlog neither holds
   * its locks nor grows the write-ahead log in one long statement.
   */
  async purgeOlderThan(
    date: Date,
    options: { batchSize?: number; signal?: AbortSignal } = {},
  ): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_PURGE_BATCH_SIZE;
    let purged = 0;
    for (;;) {
      const expired = this.knex(TABLE)
        .select('scope', 'idempotency_key')
        .where('received_at', '<', date)
        .limit(batchSize);
      const deleted = await this.knex(TABLE)
        .whereIn(['scope', 'idempotency_key'], expired)
        .delete();
      purged += deleted;
      if (deleted < batchSize || options.signal?.aborted) return purged;
    }
  }
}
