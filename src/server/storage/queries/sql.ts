import type { SqlExecutor, SqlValue } from '../sql-driver';

/** ` FOR UPDATE` on PostgreSQL; nothing on SQLite, where a write transaction already excludes every other writer. */
export function forUpdate(db: SqlExecutor): string {
  return db.dialect === 'postgres' ? ' FOR UPDATE' : '';
}

/** `?, ?, ?` for an IN list of `count` values (never user text in SQL: the values are bound). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** JSON text for a TEXT column. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses a JSON TEXT column. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Binds an optional value as NULL. */
export function orNull(value: SqlValue | undefined): SqlValue {
  return value ?? null;
}

/** Rows per PostgreSQL bulk statement: big enough to save round trips, small enough to keep one request modest. */
const ROWS_PER_STATEMENT = 2000;

/**
 * Inserts many rows (each a value per column, in `columns` order); `tail` follows the values
 * (`ON CONFLICT …`). PostgreSQL: one statement per few thousand rows, the rows bound as one JSON
 * array that `json_populate_recordset` turns into rows of the table's own types, so the
 * statement's text (and plan) is the same whatever the row count. SQLite runs in process without
 * round trips: one cached single-row statement per row is its fastest way. Answers the rows written.
 */
export async function insertRows(db: SqlExecutor, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], tail = ''): Promise<number> {
  if (rows.length === 0) return 0;
  const names = columns.join(', ');
  let written = 0;
  if (db.dialect === 'sqlite') {
    const sql = `INSERT INTO ${table} (${names}) VALUES (${placeholders(columns.length)}) ${tail}`;
    for (const row of rows) written += await db.run(sql, row);
    return written;
  }
  const sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, ?::json) ${tail}`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    written += await db.run(sql, [recordsJson(columns, rows.slice(start, start + ROWS_PER_STATEMENT))]);
  }
  return written;
}

/** Rows as the JSON array of objects (column → value) that PostgreSQL's `json_populate_recordset` reads. */
export function recordsJson(columns: readonly string[], rows: readonly (readonly SqlValue[])[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index]]))));
}

/**
 * `column IN (…)` over a list bound as one value (a PostgreSQL array, planned for the array it
 * gets; SQLite JSON), so the statement's text is the same for any length.
 */
export function inList(db: SqlExecutor, column: string, values: readonly string[]): { sql: string; param: SqlValue } {
  return db.dialect === 'postgres'
    ? { sql: `${column} = ANY(?::text[])`, param: values }
    : { sql: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
}

/**
 * The rows of `table` whose `column` is one of `keys` (`columns`: its column list), each key
 * looked up through the column's index whatever the planner's statistics say. PostgreSQL walks
 * the array in a lateral join (OFFSET 0 keeps the planner from turning it into a scan of the
 * table, which it picks for a table it has no statistics of yet: a new one, or one that grew fast);
 * `lock` locks the rows found, in the order of `keys`. SQLite plans `IN` over a JSON list well.
 */
export async function rowsWithKeys<T>(
  db: SqlExecutor,
  lookup: { table: string; column: string; columns: string; keys: readonly string[]; lock?: boolean },
): Promise<T[]> {
  if (lookup.keys.length === 0) return [];
  if (db.dialect === 'sqlite') {
    return db.all<T>(`SELECT ${lookup.columns} FROM ${lookup.table} WHERE ${lookup.column} IN (SELECT value FROM json_each(?))`, [JSON.stringify(lookup.keys)]);
  }
  const qualified = lookup.columns
    .split(',')
    .map((column) => `t.${column.trim()}`)
    .join(', ');
  return db.all<T>(
    `SELECT ${qualified} FROM unnest(?::text[]) AS lookup(lookup_key)
     CROSS JOIN LATERAL (SELECT * FROM ${lookup.table} WHERE ${lookup.column} = lookup.lookup_key OFFSET 0${lookup.lock ? ' FOR UPDATE' : ''}) AS t`,
    [lookup.keys],
  );
}

/**
 * A column that SQLite must not pick an index for (a unary plus): in a walk in primary-key order
 * SQLite would otherwise serve a filter on it from its index and then sort every match, on
 * every page. PostgreSQL plans from statistics and needs no hint.
 */
export function unindexed(db: SqlExecutor, column: string): string {
  return db.dialect === 'sqlite' ? `+${column}` : column;
}
