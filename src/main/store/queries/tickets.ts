import { stmt, type Db } from '../db';
import type { Ticket, TicketRow, TicketStatus, SupportLevel } from '../../../shared/domain/ticket';
import type { PageCursor } from '../../../shared/domain/view';

/** A ticket as stored. */
export interface TicketDbRow {
  id: string;
  number: number | null;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string | null;
  tags: string;
  requester_id: string;
  organisation_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  level: string;
  created_at: number;
  updated_at: number;
  solved_at: number | null;
}

const COLUMNS =
  'id, number, subject, status, priority, channel, category, tags, requester_id, organisation_id, assignee_id, group_id, level, created_at, updated_at, solved_at';

export function ticketFromRow(row: TicketDbRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status as Ticket['status'],
    priority: row.priority as Ticket['priority'],
    channel: row.channel as Ticket['channel'],
    category: row.category,
    tags: JSON.parse(row.tags) as string[],
    requesterId: row.requester_id,
    organisationId: row.organisation_id,
    assigneeId: row.assignee_id,
    groupId: row.group_id,
    level: row.level as Ticket['level'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    solvedAt: row.solved_at,
  };
}

export function ticketToRow(ticket: Ticket): TicketDbRow {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    category: ticket.category,
    tags: JSON.stringify(ticket.tags),
    requester_id: ticket.requesterId,
    organisation_id: ticket.organisationId,
    assignee_id: ticket.assigneeId,
    group_id: ticket.groupId,
    level: ticket.level,
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    solved_at: ticket.solvedAt,
  };
}

/** Prepares the insert used by sample data and bulk import. */
export function prepareInsertTicket(db: Db) {
  return db.prepare<[TicketDbRow]>(
    `INSERT INTO tickets (${COLUMNS}) VALUES (@id, @number, @subject, @status, @priority, @channel, @category, @tags, @requester_id, @organisation_id, @assignee_id, @group_id, @level, @created_at, @updated_at, @solved_at)`,
  );
}

export function getTicket(db: Db, id: string): Ticket | undefined {
  const row = stmt<[string], TicketDbRow>(db, `SELECT ${COLUMNS} FROM tickets WHERE id = ? AND deleted_at IS NULL`)
    .get(id);
  return row && ticketFromRow(row);
}

/** Writes every field of an existing ticket. */
export function updateTicket(db: Db, ticket: Ticket): void {
  stmt<[TicketDbRow]>(
    db,
    `UPDATE tickets SET number = @number, subject = @subject, status = @status, priority = @priority, channel = @channel,
       category = @category, tags = @tags, requester_id = @requester_id, organisation_id = @organisation_id,
       assignee_id = @assignee_id, group_id = @group_id, level = @level, created_at = @created_at,
       updated_at = @updated_at, solved_at = @solved_at
     WHERE id = @id`,
  ).run(ticketToRow(ticket));
}

/** Touches `updated_at`, e.g. when a message is added. */
export function touchTicket(db: Db, id: string, updatedAt: number): void {
  stmt(db, 'UPDATE tickets SET updated_at = ? WHERE id = ?').run(updatedAt, id);
}

/** A view's filter resolved to concrete values: which tickets a list query keeps. */
export interface TicketListFilter {
  unsolved?: boolean;
  status?: TicketStatus;
  level?: SupportLevel;
  /** An agent id, or null for unassigned. */
  assigneeId?: string | null;
}

/**
 * One keyset page of tickets, newest updated first. Each filter the built-in views use has
 * an index whose equality prefix matches it, followed by (updated_at, id): no sort, no OFFSET.
 */
export function listTickets(db: Db, filter: TicketListFilter, after: PageCursor | null, limit: number): TicketRow[] {
  const where: string[] = ['t.deleted_at IS NULL'];
  const params: Record<string, unknown> = { limit };
  if (filter.assigneeId !== undefined) {
    where.push(filter.assigneeId === null ? 't.assignee_id IS NULL' : 't.assignee_id = @assigneeId');
    if (filter.assigneeId !== null) params.assigneeId = filter.assigneeId;
  }
  if (filter.level !== undefined) {
    where.push('t.level = @level');
    params.level = filter.level;
  }
  if (filter.unsolved !== undefined) {
    where.push('t.unsolved = @unsolved');
    params.unsolved = filter.unsolved ? 1 : 0;
  }
  if (filter.status !== undefined) {
    where.push('t.status = @status');
    params.status = filter.status;
  }
  if (after) {
    where.push('(t.updated_at, t.id) < (@afterUpdatedAt, @afterId)');
    params.afterUpdatedAt = after.updatedAt;
    params.afterId = after.id;
  }
  // The SQL text depends only on which filters are present, never on user text.
  const sql = `SELECT ${COLUMNS.split(', ')
    .map((c) => `t.${c}`)
    .join(', ')}, c.name AS requester_name, a.name AS assignee_name
    FROM tickets t
    JOIN customers c ON c.id = t.requester_id
    LEFT JOIN agents a ON a.id = t.assignee_id
    WHERE ${where.join(' AND ')}
    ORDER BY t.updated_at DESC, t.id DESC
    LIMIT @limit`;
  const rows = stmt<[Record<string, unknown>], TicketDbRow & { requester_name: string; assignee_name: string | null }>(db, sql).all(params);
  return rows.map((row) => ({
    ...ticketFromRow(row),
    requesterName: row.requester_name,
    assigneeName: row.assignee_name,
  }));
}

/** How many tickets the store holds (tombstones excluded). */
export function countTickets(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM tickets WHERE deleted_at IS NULL').get()!.n;
}
