import { Knex } from 'knex';

/**
 * Resolves once `count` sessions of this PostgreSQL database wait for a
 * lock, so that a test can line up concurrent transactions in a known order
 * before it lets them go.
 */
export async function lockWaiters(knex: Knex, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await knex.raw(
      `select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0].waiting >= count) return;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} sessions waiting for a lock, saw ${rows[0].waiting}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
