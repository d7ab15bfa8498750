import type { ChangeAuthor, TicketFieldChange, TicketPatchField } from '../../../shared/domain/ticket-field-change';
import type { SqlExecutor } from '../sql-driver';
import { json, parseJson } from './sql';

/** Who set a ticket field's current value, if the backend knows (values from an import have no writer). */
export async function getFieldWriter(db: SqlExecutor, ticketId: string, field: TicketPatchField): Promise<ChangeAuthor | null> {
  const row = await db.get<{ author: string }>('SELECT author FROM ticket_field_writers WHERE ticket_id = ? AND field = ?', [ticketId, field]);
  return row ? parseJson<ChangeAuthor>(row.author) : null;
}

/** Records a field change in the history and its author as the field's current writer. */
export async function insertFieldChange(db: SqlExecutor, change: TicketFieldChange): Promise<void> {
  await db.run(
    `INSERT INTO ticket_field_changes (id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      change.id,
      change.ticketId,
      change.field,
      json(change.previousValue),
      json(change.value),
      json(change.changedBy),
      change.overwritten === null ? null : json(change.overwritten),
      change.appliedAt,
    ],
  );
  await db.run(
    `INSERT INTO ticket_field_writers (ticket_id, field, author) VALUES (?, ?, ?)
     ON CONFLICT (ticket_id, field) DO UPDATE SET author = excluded.author`,
    [change.ticketId, change.field, json(change.changedBy)],
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
