import { stmt, type Db } from '../db';
import type { Draft } from '../../../shared/domain/draft';

/** A draft as stored: local only, never synced. */
export interface DraftDbRow {
  ticket_id: string;
  kind: string;
  body: string;
  updated_at: number;
}

export function draftFromRow(row: DraftDbRow): Draft {
  return { ticketId: row.ticket_id, kind: row.kind as Draft['kind'], body: row.body, updatedAt: row.updated_at };
}

export function draftToRow(draft: Draft): DraftDbRow {
  return { ticket_id: draft.ticketId, kind: draft.kind, body: draft.body, updated_at: draft.updatedAt };
}

export function getDraft(db: Db, ticketId: string): Draft | undefined {
  const row = stmt<[string], DraftDbRow>(db, 'SELECT ticket_id, kind, body, updated_at FROM drafts WHERE ticket_id = ?').get(ticketId);
  return row && draftFromRow(row);
}

/** Writes the draft of a ticket, replacing the one it had. */
export function upsertDraft(db: Db, draft: Draft): void {
  stmt<[DraftDbRow]>(
    db,
    `INSERT INTO drafts (ticket_id, kind, body, updated_at) VALUES (@ticket_id, @kind, @body, @updated_at)
     ON CONFLICT (ticket_id) DO UPDATE SET kind = excluded.kind, body = excluded.body, updated_at = excluded.updated_at`,
  ).run(draftToRow(draft));
}

export function deleteDraft(db: Db, ticketId: string): void {
  stmt(db, 'DELETE FROM drafts WHERE ticket_id = ?').run(ticketId);
}
