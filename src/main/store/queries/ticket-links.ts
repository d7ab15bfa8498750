import { stmt, type Db } from '../db';
import type { TicketLink, TicketLinkKind } from '../../../shared/domain/ticket';

/** A link as stored: one row per direction, so each ticket reads its links by its own key. */
export interface TicketLinkDbRow {
  ticket_id: string;
  other_id: string;
  kind: string;
  created_at: number;
  updated_at: number;
}

/** A link row joined with what the first ticket shows of the other one. */
type TicketLinkListDbRow = TicketLinkDbRow & { other_number: number | null; other_subject: string; other_status: string };

export function ticketLinkFromRow(row: TicketLinkListDbRow): TicketLink {
  return {
    ticketId: row.ticket_id,
    otherId: row.other_id,
    otherNumber: row.other_number,
    otherSubject: row.other_subject,
    otherStatus: row.other_status as TicketLink['otherStatus'],
    kind: row.kind as TicketLinkKind,
    createdAt: row.created_at,
  };
}

export function ticketLinkToRow(link: Pick<TicketLink, 'ticketId' | 'otherId' | 'kind' | 'createdAt'>, updatedAt: number): TicketLinkDbRow {
  return { ticket_id: link.ticketId, other_id: link.otherId, kind: link.kind, created_at: link.createdAt, updated_at: updatedAt };
}

/** The live links of a ticket, oldest first, with the other ticket's number, subject and status. */
export function listTicketLinks(db: Db, ticketId: string): TicketLink[] {
  return stmt<[string], TicketLinkListDbRow>(
    db,
    `SELECT l.ticket_id, l.other_id, l.kind, l.created_at, l.updated_at,
       o.number AS other_number, o.subject AS other_subject, o.status AS other_status
     FROM ticket_links l JOIN tickets o ON o.id = l.other_id
     WHERE l.ticket_id = ? AND l.deleted_at IS NULL AND o.deleted_at IS NULL
     ORDER BY l.created_at, l.other_id`,
  )
    .all(ticketId)
    .map(ticketLinkFromRow);
}

/** The kind of the live link from one ticket to another, if they are linked. */
export function getTicketLinkKind(db: Db, ticketId: string, otherId: string): TicketLinkKind | undefined {
  return stmt<[string, string], { kind: TicketLinkKind }>(
    db,
    'SELECT kind FROM ticket_links WHERE ticket_id = ? AND other_id = ? AND deleted_at IS NULL',
  ).get(ticketId, otherId)?.kind;
}

/** Writes one direction of a link; a tombstoned row of the pair comes back to life with the new kind. */
export function upsertTicketLink(db: Db, row: TicketLinkDbRow): void {
  stmt<[TicketLinkDbRow]>(
    db,
    `INSERT INTO ticket_links (ticket_id, other_id, kind, created_at, updated_at) VALUES (@ticket_id, @other_id, @kind, @created_at, @updated_at)
     ON CONFLICT (ticket_id, other_id) DO UPDATE SET
       kind = excluded.kind,
       created_at = CASE WHEN deleted_at IS NULL THEN created_at ELSE excluded.created_at END,
       updated_at = excluded.updated_at,
       deleted_at = NULL`,
  ).run(row);
}

/** Tombstones one direction of a link. */
export function deleteTicketLink(db: Db, ticketId: string, otherId: string, at: number): void {
  stmt(db, 'UPDATE ticket_links SET deleted_at = ?, updated_at = ? WHERE ticket_id = ? AND other_id = ? AND deleted_at IS NULL').run(
    at,
    at,
    ticketId,
    otherId,
  );
}
