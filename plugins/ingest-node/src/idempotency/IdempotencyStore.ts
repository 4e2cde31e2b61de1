import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';

const TABLE = 'ingest_idempotency_keys';

/**
 * Remembers which events a feature backend has accepted. Each feature keeps
 * the table in its own database; the check and the feature's own writes
 * share one transaction, so an event is either fully recorded once or not at
 * all.
 *
 * @public
 */
export class IdempotencyStore {
  /** Runs this package's migrations in the feature's database. */
  static async create(
    knex: Knex,
    options?: { clock?: () => Date },
  ): Promise<IdempotencyStore> {
    await knex.migrate.latest({
      directory: resolvePackagePath('@flightdeck/ingest-node', 'migrations'),
      tableName: 'ingest_node_knex_migrations',
    });
    return new IdempotencyStore(options?.clock ?? (() => new Date()));
  }

  private constructor(private readonly clock: () => Date) {}

  /**
   * Claims `key` within `trx`. Returns false when the key was claimed before
   * (by an earlier delivery, or a concurrent one that committed first), in
   * which case the caller must not write anything.
   */
  async claim(
    trx: Knex.Transaction,
    scope: string,
    key: string,
  ): Promise<boolean> {
    const inserted = await trx(TABLE)
      .insert({ scope, idempotency_key: key, received_at: this.clock() })
      .onConflict(['scope', 'idempotency_key'])
      .ignore()
      .returning('idempotency_key');
    return inserted.length === 1;
  }

  /**
   * Claims many keys at once within `trx`, in one statement. Returns the
   * keys this call claimed; a key seen before, or twice in `keys`, is claimed
   * at most once (its first occurrence).
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
      [...new Set(keys)].map(key => ({
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

  /** Forgets keys first seen before `date`; returns how many. */
  async purgeOlderThan(knex: Knex, date: Date): Promise<number> {
    return knex(TABLE).where('received_at', '<', date).delete();
  }
}
