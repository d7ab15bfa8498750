import { assert } from '../../../shared/contract/errors';
import { stmt, type Db } from '../db';
import type { Ticket, TicketRow } from '../../../shared/domain/ticket';

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
  due_at: number | null;
  merged_into_id: string | null;
}

/** The columns of {@link TicketDbRow}, in order. */
export const TICKET_COLUMNS =
  'id, number, subject, status, priority, channel, category, tags, requester_id, organisation_id, assignee_id, group_id, level, created_at, updated_at, solved_at, due_at, merged_into_id';

/** The columns of {@link TicketDbRow} for a query that names the tickets table `t`. */
export const TICKET_COLUMNS_OF_T = TICKET_COLUMNS.split(', ')
  .map((column) => `t.${column}`)
  .join(', ');

/** A ticket-list row as a query reads it: the ticket and the names the list shows. */
export type TicketListDbRow = TicketDbRow & { requester_name: string; assignee_name: string | null };

/**
 * The FROM clause of ticket-list queries: tickets first (CROSS JOIN keeps them the outer loop,
 * so an index on tickets can serve the ORDER BY), each with its requester and assignee.
 */
export const TICKET_LIST_FROM = `tickets t
    CROSS JOIN customers c ON c.id = t.requester_id
    LEFT JOIN agents a ON a.id = t.assignee_id`;

/** The select list of ticket-list queries over {@link TICKET_LIST_FROM}. */
export const TICKET_LIST_COLUMNS = `${TICKET_COLUMNS_OF_T}, c.name AS requester_name, a.name AS assignee_name`;

export function ticketRowFromDb(row: TicketListDbRow): TicketRow {
  return { ...ticketFromRow(row), requesterName: row.requester_name, assigneeName: row.assignee_name };
}

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
    dueAt: row.due_at,
    mergedIntoId: row.merged_into_id,
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
    due_at: ticket.dueAt,
    merged_into_id: ticket.mergedIntoId,
  };
}

const INSERT = `INSERT INTO tickets (${TICKET_COLUMNS}) VALUES (@id, @number, @subject, @status, @priority, @channel, @category, @tags, @requester_id, @organisation_id, @assignee_id, @group_id, @level, @created_at, @updated_at, @solved_at, @due_at, @merged_into_id)`;

/** Prepares the insert used by sample data and bulk import. */
export function prepareInsertTicket(db: Db) {
  return db.prepare<[TicketDbRow]>(INSERT);
}

/** Inserts one ticket (a change made on this desktop). */
export function insertTicket(db: Db, ticket: Ticket): void {
  stmt<[TicketDbRow]>(db, INSERT).run(ticketToRow(ticket));
}

export function getTicket(db: Db, id: string): Ticket | undefined {
  const row = stmt<[string], TicketDbRow>(db, `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ? AND deleted_at IS NULL`)
    .get(id);
  return row && ticketFromRow(row);
}

/**
 * Writes a change of one ticket: only the columns whose value differs between `before` and
 * `after`, because an UPDATE rewrites the entries of every index on a column it sets, and
 * tickets carry a dozen indexes. Column names come from {@link TicketDbRow}, never from input.
 */
export function updateTicket(db: Db, before: Ticket, after: Ticket): void {
  assert(before.id === after.id, 'a ticket change keeps its id');
  const old = ticketToRow(before);
  const row = ticketToRow(after);
  const columns = (Object.keys(row) as (keyof TicketDbRow)[]).filter((column) => column !== 'id' && row[column] !== old[column]);
  if (columns.length === 0) return;
  const params = Object.fromEntries([['id', row.id], ...columns.map((column) => [column, row[column]])]);
  stmt(db, `UPDATE tickets SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run(params);
}

/** Touches `updated_at`, e.g. when a message is added. */
export function touchTicket(db: Db, id: string, updatedAt: number): void {
  stmt(db, 'UPDATE tickets SET updated_at = ? WHERE id = ?').run(updatedAt, id);
}

/** A ticket merged into another, as the one that carries on lists it. */
export interface MergedTicket {
  id: string;
  number: number | null;
  subject: string;
}

/**
 * The tickets merged into `targetId`, directly or through a ticket that was itself merged into
 * it later (A into B, then B into C: C lists A and B), oldest first. Served by the partial index
 * tickets_by_merged_into.
 */
export function listMergedInto(db: Db, targetId: string): MergedTicket[] {
  return stmt<[string], MergedTicket>(
    db,
    `WITH RECURSIVE merged(id) AS (
       SELECT id FROM tickets WHERE merged_into_id = ?
       UNION
       SELECT t.id FROM tickets t JOIN merged m ON t.merged_into_id = m.id
     )
     SELECT t.id, t.number, t.subject FROM merged m JOIN tickets t ON t.id = m.id
     WHERE t.deleted_at IS NULL ORDER BY t.created_at, t.id`,
  ).all(targetId);
}

/** How many tickets the store holds (tombstones excluded). */
export function countTickets(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM tickets WHERE deleted_at IS NULL').get()!.n;
}

/** Every live ticket, oldest first: a store exported whole (the sample team's snapshot). */
export function listAllTickets(db: Db): Ticket[] {
  return stmt<[], TicketDbRow>(db, `SELECT ${TICKET_COLUMNS} FROM tickets WHERE deleted_at IS NULL ORDER BY created_at, id`)
    .all()
    .map(ticketFromRow);
}
