import { assert } from '../../../shared/contract/errors';
import type { SqlExecutor } from '../sql-driver';

/** The counters of the `counters` table. */
export type CounterName = 'change_head' | 'ticket_number';

/**
 * Advances a counter by `by` and answers its new value. Inside a write transaction the UPDATE's
 * row lock is held until commit, so values are handed out in commit order, without gaps.
 */
export async function advanceCounter(db: SqlExecutor, name: CounterName, by: number): Promise<number> {
  const row = await db.get<{ value: number }>('UPDATE counters SET value = value + ? WHERE name = ? RETURNING value', [by, name]);
  assert(row, `the counter ${name} exists`);
  return row.value;
}

/** A counter's committed value. */
export async function readCounter(db: SqlExecutor, name: CounterName): Promise<number> {
  const row = await db.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', [name]);
  assert(row, `the counter ${name} exists`);
  return row.value;
}

/** Raises a counter to at least `value` (an import that brings its own ticket numbers). */
export async function raiseCounter(db: SqlExecutor, name: CounterName, value: number): Promise<void> {
  await db.run('UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = ?', [value, value, name]);
}
