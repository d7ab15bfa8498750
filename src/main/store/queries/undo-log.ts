import { stmt, type Db } from '../db';
import type { TicketFieldsPatch } from '../../../shared/domain/ticket';

/** What one bulk edit did to one ticket: the values it set and the values they replaced. */
export interface UndoTicketEntry {
  ticketId: string;
  set: TicketFieldsPatch;
  before: TicketFieldsPatch;
}

/** A bulk edit that can still be undone: local only, never synced. */
export interface UndoRecord {
  id: string;
  entries: UndoTicketEntry[];
  createdAt: number;
}

/** An undo record as stored; entries are JSON. */
export interface UndoDbRow {
  id: string;
  entries: string;
  created_at: number;
}

export function undoFromRow(row: UndoDbRow): UndoRecord {
  return { id: row.id, entries: JSON.parse(row.entries) as UndoTicketEntry[], createdAt: row.created_at };
}

export function undoToRow(record: UndoRecord): UndoDbRow {
  return { id: record.id, entries: JSON.stringify(record.entries), created_at: record.createdAt };
}

/** Writes an undo record, replacing the entries of one with the same id (a bulk edit grows its record slice by slice). */
export function saveUndoRecord(db: Db, record: UndoRecord): void {
  stmt<[UndoDbRow]>(
    db,
    'INSERT INTO undo_log (id, entries, created_at) VALUES (@id, @entries, @created_at) ON CONFLICT (id) DO UPDATE SET entries = excluded.entries',
  ).run(undoToRow(record));
}

export function getUndoRecord(db: Db, id: string): UndoRecord | undefined {
  const row = stmt<[string], UndoDbRow>(db, 'SELECT id, entries, created_at FROM undo_log WHERE id = ?').get(id);
  return row && undoFromRow(row);
}

export function deleteUndoRecord(db: Db, id: string): void {
  stmt(db, 'DELETE FROM undo_log WHERE id = ?').run(id);
}

/** Drops all but the `keep` newest undo records (ids are UUIDv7: they sort by creation). */
export function pruneUndoLog(db: Db, keep: number): void {
  stmt(db, 'DELETE FROM undo_log WHERE id NOT IN (SELECT id FROM undo_log ORDER BY id DESC LIMIT ?)').run(keep);
}
