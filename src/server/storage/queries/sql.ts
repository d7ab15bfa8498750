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
