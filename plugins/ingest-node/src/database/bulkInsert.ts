import { Knex } from 'knex';

/** @public */
export interface BulkInsertOptions {
  /**
   * The columns to write. Defaults to the keys of the first row; every row
   * should have the same keys (a missing one is written as null).
   */
  columns?: readonly string[];
  /**
   * A unique key of the table. A row colliding with a stored one is skipped,
   * unless `merge` names the columns to overwrite. Rows must not collide
   * with each other: PostgreSQL refuses to update a row twice in a statement.
   */
  onConflict?: readonly string[];
  /** Columns a colliding row overwrites in the stored one. */
  merge?: readonly string[];
  /**
   * Overwrites only when the incoming value of `column` compares so to the
   * stored one: `{ column: 'deployed_at', incoming: '<' }` keeps the
   * earliest.
   */
  mergeWhen?: { column: string; incoming: '<' | '>' };
  /** Columns to return of the rows written (inserted or merged). */
  returning?: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkIdentifiers(names: readonly string[]) {
  for (const name of names) {
    if (!IDENTIFIER.test(name)) {
      throw new Error(`bulkInsert: '${name}' is not a plain column name`);
    }
  }
}

/**
 * Inserts many rows with one statement that binds them all as a single
 * JSON parameter, which the database unpacks (`json_populate_recordset` on
 * PostgreSQL, `json_each` on SQLite). A batch of a thousand rows then costs
 * one short statement instead of several with thousands of parameters, whose
 * SQL text alone takes longer to build, send and parse than the rows take to
 * write. Values are stored as knex would store them: dates as ISO strings on
 * PostgreSQL and epoch milliseconds on SQLite. Other databases get a plain
 * knex insert.
 *
 * @public
 */
export async function bulkInsert<TReturned = Record<string, unknown>>(
  db: Knex | Knex.Transaction,
  table: string,
  records: ReadonlyArray<object>,
  options: BulkInsertOptions = {},
): Promise<TReturned[]> {
  if (records.length === 0) {
    return [];
  }
  const rows = records as ReadonlyArray<Record<string, unknown>>;
  const columns = options.columns ?? Object.keys(rows[0]);
  const { onConflict, merge, mergeWhen, returning } = options;
  checkIdentifiers([
    ...columns,
    ...(onConflict ?? []),
    ...(merge ?? []),
    ...(mergeWhen ? [mergeWhen.column] : []),
    ...(returning ?? []),
  ]);
  const dialect = db.client.dialect as string;
  if (dialect !== 'postgresql' && dialect !== 'sqlite3') {
    return plainInsert<TReturned>(db, table, rows, options);
  }

  const sqlite = dialect === 'sqlite3';
  const ids = (names: readonly string[]) => names.map(() => '??').join(', ');
  const bindings: string[] = [table, ...columns];
  let sql = `insert into ?? (${ids(columns)}) `;
  if (sqlite) {
    sql += `select ${columns
      .map(c => `json_extract(value, '$.${c}')`)
      .join(', ')} from json_each(?) where true`;
    bindings.push(jsonOf(rows, columns, true));
  } else {
    sql += `select ${ids(
      columns,
    )} from json_populate_recordset(null::??, ?::json)`;
    bindings.push(...columns, table, jsonOf(rows, columns, false));
  }
  if (onConflict) {
    sql += ` on conflict (${ids(onConflict)}) do `;
    bindings.push(...onConflict);
    if (merge?.length) {
      sql += `update set ${merge.map(() => '?? = excluded.??').join(', ')}`;
      bindings.push(...merge.flatMap(c => [c, c]));
      if (mergeWhen) {
        sql += ` where excluded.?? ${mergeWhen.incoming} ??.??`;
        bindings.push(mergeWhen.column, table, mergeWhen.column);
      }
    } else {
      sql += 'nothing';
    }
  }
  if (returning?.length) {
    sql += ` returning ${ids(returning)}`;
    bindings.push(...returning);
  }
  const result = await db.raw(sql, bindings);
  return (Array.isArray(result) ? result : result.rows ?? []) as TReturned[];
}

/** The rows as one JSON array, with values as the driver would bind them. */
function jsonOf(
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
  sqlite: boolean,
): string {
  return JSON.stringify(
    rows.map(row => {
      const out: Record<string, unknown> = {};
      for (const column of columns) {
        const value = row[column];
        if (value instanceof Date) {
          out[column] = sqlite ? value.getTime() : value.toISOString();
        } else {
          out[column] = value ?? null;
        }
      }
      return out;
    }),
  );
}

async function plainInsert<TReturned>(
  db: Knex | Knex.Transaction,
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  { onConflict, merge, mergeWhen, returning }: BulkInsertOptions,
): Promise<TReturned[]> {
  const out: TReturned[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    let query: any = db(table).insert(rows.slice(i, i + 200));
    if (onConflict) {
      query = merge?.length
        ? query.onConflict(onConflict).merge(merge)
        : query.onConflict(onConflict).ignore();
      if (merge?.length && mergeWhen) {
        query = query.where(
          `${table}.${mergeWhen.column}`,
          mergeWhen.incoming === '<' ? '>' : '<',
          db.ref(`excluded.${mergeWhen.column}`),
        );
      }
    }
    if (returning?.length) {
      out.push(...((await query.returning(returning)) as TReturned[]));
    } else {
      await query;
    }
  }
  return out;
}
