import { Knex } from 'knex';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CHUNK = 300;

/** The key a row is found under in {@link selectByTuples}' answer. @public */
export const tupleKey = (parts: readonly unknown[]): string =>
  parts.map(String).join('\u0000');

/**
 * The rows of `table` whose `columns` equal one of `tuples`, by
 * `tupleKey(values of those columns)`: the lookup next to `bulkInsert` for
 * merging a batch into what is stored. A join against a VALUES list lets
 * PostgreSQL use a unique index for each tuple, where a row-value IN (...)
 * made it scan every row of the leading column.
 *
 * @public
 */
export async function selectByTuples<Row extends object>(
  db: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  tuples: ReadonlyArray<readonly string[]>,
): Promise<Map<string, Row>> {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) {
      throw new Error(`selectByTuples: '${name}' is not a plain identifier`);
    }
  }
  const found = new Map<string, Row>();
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const keys = columns.map((_, i) => `k${i}`).join(', ');
  const on = columns.map((c, i) => `t.${c} = v.k${i}`).join(' and ');
  for (let i = 0; i < tuples.length; i += CHUNK) {
    const chunk = tuples.slice(i, i + CHUNK);
    const result = await db.raw(
      `with v(${keys}) as (values ${chunk
        .map(() => placeholders)
        .join(', ')}) select t.* from ${table} t join v on ${on}`,
      chunk.flat(),
    );
    const rows = (Array.isArray(result) ? result : result.rows) as Row[];
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      found.set(tupleKey(columns.map(c => values[c])), row);
    }
  }
  return found;
}
