import type { SqlExecutor } from '../sql-driver';
import { CHANGE_COLUMNS, changeValues, insertChanges, type ChangeRow } from './change-log';
import { advanceCounter } from './counters';
import { recordsJson } from './sql';
import { insertResults, RESULT_BULK_COLUMNS, resultValues, type StoredResult } from './sync-clients';

/**
 * Takes positions for `changes` from the change-log counter (in their order, just before commit),
 * writes them, and records `results` at the last position; answers the new head. The counter's
 * row lock is held from here to the commit and every other writer waits for it, so on PostgreSQL
 * this is one statement (one round trip) rather than three.
 */
export async function appendToLog(db: SqlExecutor, changes: readonly Omit<ChangeRow, 'id'>[], results: readonly StoredResult[], now: number): Promise<number> {
  if (db.dialect === 'sqlite') {
    const head = await advanceCounter(db, 'change_head', changes.length);
    const first = head - changes.length + 1;
    await insertChanges(
      db,
      changes.map((change, index) => ({ ...change, id: first + index })),
    );
    await insertResults(db, results, head, now);
    return head;
  }
  // Changes carry their offset (1, 2, …) as id; results a placeholder position: the statement puts the head in.
  const changeColumns = CHANGE_COLUMNS.join(', ');
  const resultColumns = RESULT_BULK_COLUMNS.join(', ');
  const row = await db.get<{ value: number }>(
    `WITH head AS (UPDATE counters SET value = value + ? WHERE name = 'change_head' RETURNING value),
     logged AS (
       INSERT INTO change_log (${changeColumns})
       SELECT ${CHANGE_COLUMNS.map((column) => (column === 'id' ? 'head.value - ? + c.id' : `c.${column}`)).join(', ')}
       FROM head, json_populate_recordset(NULL::change_log, ?::json) AS c
     ),
     recorded AS (
       INSERT INTO mutation_results (${resultColumns})
       SELECT ${RESULT_BULK_COLUMNS.map((column) => (column === 'commit_pos' ? 'head.value' : `r.${column}`)).join(', ')}
       FROM head, json_populate_recordset(NULL::mutation_results, ?::json) AS r
     )
     SELECT value FROM head`,
    [
      changes.length,
      changes.length,
      recordsJson(CHANGE_COLUMNS, changes.map((change, index) => changeValues({ ...change, id: index + 1 }))),
      recordsJson(RESULT_BULK_COLUMNS, results.map((result) => resultValues(result, 0, now))),
    ],
  );
  if (!row) throw new Error('the counter change_head is missing');
  return row.value;
}
