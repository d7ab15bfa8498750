import type { Channel, SupportLevel, Ticket, TicketPriority, TicketStatus } from '../../../shared/domain/ticket';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { forUpdate, insertRows, json, parseJson, rowsWithKeys } from './sql';

interface TicketRow {
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

const COLUMNS =
  'id, number, subject, status, priority, channel, category, tags, requester_id, organisation_id, assignee_id, group_id, level, created_at, updated_at, solved_at, due_at, merged_into_id';

function ticketFromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status as TicketStatus,
    priority: row.priority as TicketPriority,
    channel: row.channel as Channel,
    category: row.category,
    tags: parseJson<string[]>(row.tags),
    requesterId: row.requester_id,
    organisationId: row.organisation_id,
    assigneeId: row.assignee_id,
    groupId: row.group_id,
    level: row.level as SupportLevel,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    solvedAt: row.solved_at,
    dueAt: row.due_at,
    mergedIntoId: row.merged_into_id,
  };
}

/** A ticket; with `lock`, its row stays locked until the transaction ends (PostgreSQL), so read-modify-write is safe. */
export async function getTicket(db: SqlExecutor, id: string, lock = false): Promise<Ticket | undefined> {
  const row = await db.get<TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE id = ?${lock ? forUpdate(db) : ''}`, [id]);
  return row && ticketFromRow(row);
}

/**
 * Tickets by id, read and (PostgreSQL) locked until the transaction ends, in id order: two
 * transactions that lock overlapping sets this way never wait on each other in a circle.
 */
export async function lockTickets(db: SqlExecutor, ids: readonly string[]): Promise<Ticket[]> {
  const keys = [...new Set(ids)].sort();
  const rows = await rowsWithKeys<TicketRow>(db, { table: 'tickets', column: 'id', columns: COLUMNS, keys, lock: true });
  return rows.map(ticketFromRow);
}

const BULK_COLUMNS = COLUMNS.split(', ');

const UPSERT_TAIL = `ON CONFLICT (id) DO UPDATE SET number = excluded.number, subject = excluded.subject, status = excluded.status,
       priority = excluded.priority, channel = excluded.channel, category = excluded.category, tags = excluded.tags,
       requester_id = excluded.requester_id, organisation_id = excluded.organisation_id, assignee_id = excluded.assignee_id,
       group_id = excluded.group_id, level = excluded.level, created_at = excluded.created_at,
       updated_at = excluded.updated_at, solved_at = excluded.solved_at, due_at = excluded.due_at,
       merged_into_id = excluded.merged_into_id`;

function ticketValues(ticket: Ticket): SqlValue[] {
  return [
    ticket.id,
    ticket.number,
    ticket.subject,
    ticket.status,
    ticket.priority,
    ticket.channel,
    ticket.category,
    json(ticket.tags),
    ticket.requesterId,
    ticket.organisationId,
    ticket.assigneeId,
    ticket.groupId,
    ticket.level,
    ticket.createdAt,
    ticket.updatedAt,
    ticket.solvedAt,
    ticket.dueAt,
    ticket.mergedIntoId,
  ];
}

export async function upsertTicket(db: SqlExecutor, ticket: Ticket): Promise<void> {
  await upsertTickets(db, [ticket]);
}

/** Writes tickets whole, inserted or replaced, in as few statements as the engine needs (ids must be distinct). */
export async function upsertTickets(db: SqlExecutor, tickets: readonly Ticket[]): Promise<void> {
  await insertRows(db, 'tickets', BULK_COLUMNS, tickets.map(ticketValues), UPSERT_TAIL);
}
