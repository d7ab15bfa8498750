import type { TicketLinkKind } from '../../../shared/domain/ticket';
import type { SyncedTicketLink } from '../../../shared/domain/ticket-link';
import type { SqlExecutor } from '../sql-driver';
import { forUpdate } from './sql';

interface TicketLinkRow {
  ticket_id: string;
  other_id: string;
  kind: string;
  created_at: number;
  updated_at: number;
}

function linkFromRow(row: TicketLinkRow): SyncedTicketLink {
  return {
    ticketId: row.ticket_id,
    otherId: row.other_id,
    kind: row.kind as TicketLinkKind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The link of a pair, by its lower id first; with `lock`, its row stays locked until the transaction ends (PostgreSQL). */
export async function getTicketLink(db: SqlExecutor, ticketId: string, otherId: string, lock = false): Promise<SyncedTicketLink | undefined> {
  const row = await db.get<TicketLinkRow>(
    `SELECT ticket_id, other_id, kind, created_at, updated_at FROM ticket_links WHERE ticket_id = ? AND other_id = ?${lock ? forUpdate(db) : ''}`,
    [ticketId, otherId],
  );
  return row && linkFromRow(row);
}

/** Writes a pair's link (oriented from the lower id). */
export async function upsertTicketLink(db: SqlExecutor, link: SyncedTicketLink): Promise<void> {
  await db.run(
    `INSERT INTO ticket_links (ticket_id, other_id, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [link.ticketId, link.otherId, link.kind, link.createdAt, link.updatedAt],
  );
}

/** Removes a pair's link; answers whether there was one. */
export async function deleteTicketLink(db: SqlExecutor, ticketId: string, otherId: string): Promise<boolean> {
  return (await db.run('DELETE FROM ticket_links WHERE ticket_id = ? AND other_id = ?', [ticketId, otherId])) > 0;
}
