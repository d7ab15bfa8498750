import type { ChangeAuthor, TicketFieldChange, TicketPatchField } from '../../../shared/domain/ticket-field-change';
import type { SqlExecutor } from '../sql-driver';
import { insertRows, json, parseJson, rowsWithKeys } from './sql';

/** Who set a ticket field's current value, if the backend knows (values from an import have no writer). */
export async function getFieldWriter(db: SqlExecutor, ticketId: string, field: TicketPatchField): Promise<ChangeAuthor | null> {
  const row = await db.get<{ author: string }>('SELECT author FROM ticket_field_writers WHERE ticket_id = ? AND field = ?', [ticketId, field]);
  return row ? parseJson<ChangeAuthor>(row.author) : null;
}

/** Who set each field of these tickets, where the backend knows (fields without a row were imported). */
export async function listFieldWriters(db: SqlExecutor, ticketIds: readonly string[]): Promise<{ ticketId: string; field: TicketPatchField; author: ChangeAuthor }[]> {
  const rows = await rowsWithKeys<{ ticket_id: string; field: string; author: string }>(db, {
    table: 'ticket_field_writers',
    column: 'ticket_id',
    columns: 'ticket_id, field, author',
    keys: [...new Set(ticketIds)],
  });
  return rows.map((row) => ({ ticketId: row.ticket_id, field: row.field as TicketPatchField, author: parseJson<ChangeAuthor>(row.author) }));
}

/** Records a field change in the history and its author as the field's current writer. */
export async function insertFieldChange(db: SqlExecutor, change: TicketFieldChange): Promise<void> {
  await insertFieldChanges(db, [change]);
}

/**
 * Records field changes (in the order they were made) in the history, and the author of each
 * field's last change as its current writer, in as few statements as the engines allow.
 */
export async function insertFieldChanges(db: SqlExecutor, changes: readonly TicketFieldChange[]): Promise<void> {
  await insertRows(
    db,
    'ticket_field_changes',
    ['id', 'ticket_id', 'field', 'previous_value', 'value', 'changed_by', 'overwritten', 'applied_at'],
    changes.map((change) => [
      change.id,
      change.ticketId,
      change.field,
      json(change.previousValue),
      json(change.value),
      json(change.changedBy),
      change.overwritten === null ? null : json(change.overwritten),
      change.appliedAt,
    ]),
  );
  // One row per field: an upsert may not touch the same row twice in one statement.
  const writers = new Map<string, TicketFieldChange>();
  for (const change of changes) {
    const key = `${change.ticketId}\u0000${change.field}`;
    writers.delete(key);
    writers.set(key, change);
  }
  await insertRows(
    db,
    'ticket_field_writers',
    ['ticket_id', 'field', 'author'],
    [...writers.values()].map((change) => [change.ticketId, change.field, json(change.changedBy)]),
    'ON CONFLICT (ticket_id, field) DO UPDATE SET author = excluded.author',
  );
}

interface FieldChangeRow {
  id: string;
  ticket_id: string;
  field: string;
  previous_value: string;
  value: string;
  changed_by: string;
  overwritten: string | null;
  applied_at: number;
}

/** A ticket's field history, oldest first. */
export async function listFieldChanges(db: SqlExecutor, ticketId: string): Promise<TicketFieldChange[]> {
  const rows = await db.all<FieldChangeRow>(
    `SELECT id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at
     FROM ticket_field_changes WHERE ticket_id = ? ORDER BY applied_at, id`,
    [ticketId],
  );
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticket_id,
    field: row.field as TicketPatchField,
    previousValue: parseJson<unknown>(row.previous_value),
    value: parseJson<unknown>(row.value),
    changedBy: parseJson<ChangeAuthor>(row.changed_by),
    overwritten: row.overwritten === null ? null : parseJson<ChangeAuthor>(row.overwritten),
    appliedAt: row.applied_at,
  }));
}
