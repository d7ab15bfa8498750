// What the SLA clocks read from the local store, a batch of tickets at a time: the tickets, their
// requesters' plan and time zone, their status history and their messages, in a handful of
// statements (re-timing 100k open tickets after a publish must not cost 400k round trips).
import type { SlaMessage } from '../../../shared/business-time/sla-clocks';
import type { MatrixFacts } from '../../../shared/domain/escalation-matrix/deadlines';
import type { AuthorType, MessageKind } from '../../../shared/domain/message';
import type { StatusChangeRecord, TimedTicket } from '../../../shared/domain/ticket-sla';
import type { Channel, SupportLevel, TicketPriority, TicketStatus } from '../../../shared/domain/ticket';
import { stmt, type Db } from '../db';

/** One ticket with everything its clocks read. `customer` is null when the requester is not in the store. */
export interface SlaInputs {
  id: string;
  dueAt: number | null;
  ticket: TimedTicket;
  facts: MatrixFacts['ticket'];
  customer: MatrixFacts['customer'] | null;
  statusChanges: StatusChangeRecord[];
  messages: SlaMessage[];
}

interface TicketSlaRow {
  id: string;
  status: string;
  priority: string;
  channel: string;
  category: string | null;
  tags: string;
  requester_id: string;
  organisation_id: string | null;
  level: string;
  group_name: string | null;
  created_at: number;
  updated_at: number;
  solved_at: number | null;
  due_at: number | null;
}

const TICKET_SLA_COLUMNS = `t.id, t.status, t.priority, t.channel, t.category, t.tags, t.requester_id, t.organisation_id, t.level,
  (SELECT g.name FROM groups g WHERE g.id = t.group_id) AS group_name, t.created_at, t.updated_at, t.solved_at, t.due_at`;

/**
 * The next `limit` unsolved tickets after `afterId`, in id order (tickets_unsolved_by_id). Ids are
 * UUIDv7, so id order is creation order and the order messages and field changes sit in their
 * by-ticket indexes: a walk in it reads them nearly sequentially. Tombstones are left out when
 * their inputs are read.
 */
export function listOpenTicketIds(db: Db, afterId: string, limit: number): string[] {
  return stmt<[string, number], [string]>(db, 'SELECT id FROM tickets INDEXED BY tickets_unsolved_by_id WHERE unsolved = 1 AND id > ? ORDER BY id LIMIT ?')
    .raw()
    .all(afterId, limit)
    .map((row) => row[0]);
}

function ticketRowsById(db: Db, ids: readonly string[]): TicketSlaRow[] {
  return stmt<[string], TicketSlaRow>(
    db,
    `SELECT ${TICKET_SLA_COLUMNS} FROM tickets t WHERE t.id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
  ).all(JSON.stringify(ids));
}

/** Requesters' plan and zone, read once per re-timing pass. */
export type CustomerFactsCache = Map<string, MatrixFacts['customer'] | null>;

function fillCustomers(db: Db, rows: readonly TicketSlaRow[], cache: CustomerFactsCache): void {
  const missing = [...new Set(rows.map((row) => row.requester_id).filter((id) => !cache.has(id)))];
  if (missing.length === 0) return;
  const found = stmt<[string], { id: string; plan: string; time_zone: string }>(
    db,
    'SELECT id, plan, time_zone FROM customers WHERE id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL',
  ).all(JSON.stringify(missing));
  for (const id of missing) cache.set(id, null);
  for (const row of found) cache.set(row.id, { plan: row.plan, timeZone: row.time_zone });
}

function inputsOf(db: Db, rows: readonly TicketSlaRow[], customers: CustomerFactsCache): SlaInputs[] {
  if (rows.length === 0) return [];
  fillCustomers(db, rows, customers);
  const ids = JSON.stringify(rows.map((row) => row.id));
  const byId = new Map<string, SlaInputs>();
  const inputs = rows.map((row) => {
    const input: SlaInputs = {
      id: row.id,
      dueAt: row.due_at,
      ticket: { createdAt: row.created_at, status: row.status as TicketStatus, updatedAt: row.updated_at, solvedAt: row.solved_at },
      facts: {
        priority: row.priority as TicketPriority,
        channel: row.channel as Channel,
        category: row.category,
        tags: JSON.parse(row.tags) as string[],
        organisationId: row.organisation_id,
        level: row.level as SupportLevel,
        group: row.group_name,
      },
      customer: customers.get(row.requester_id) ?? null,
      statusChanges: [],
      messages: [],
    };
    byId.set(row.id, input);
    return input;
  });
  const messages = stmt<[string], [string, number, string, string]>(
    db,
    `SELECT ticket_id, created_at, author_type, kind FROM messages
     WHERE ticket_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL`,
  )
    .raw()
    .all(ids);
  for (const [ticketId, createdAt, authorType, kind] of messages) {
    byId.get(ticketId)?.messages.push({ createdAt, authorType: authorType as AuthorType, kind: kind as MessageKind });
  }
  const changes = stmt<[string], [string, number, string | null, string | null]>(
    db,
    `SELECT ticket_id, json_extract(changed_by, '$.changedAt'), json_extract(previous_value, '$'), json_extract(value, '$')
     FROM ticket_field_changes WHERE ticket_id IN (SELECT value FROM json_each(?)) AND field = 'status'`,
  )
    .raw()
    .all(ids);
  for (const [ticketId, at, from, to] of changes) {
    if (typeof from === 'string' && typeof to === 'string') byId.get(ticketId)?.statusChanges.push({ at, from, to });
  }
  return inputs;
}

/** These tickets (any status) with what their clocks read; ids that name no live ticket are left out. */
export function readSlaInputs(db: Db, ids: readonly string[], customers: CustomerFactsCache): SlaInputs[] {
  return inputsOf(db, ticketRowsById(db, ids), customers);
}

/** The unsolved tickets of a requester (their plan or zone changed). */
export function listOpenTicketIdsOfRequester(db: Db, customerId: string): string[] {
  return stmt<[string], { id: string }>(db, 'SELECT id FROM tickets WHERE requester_id = ? AND unsolved = 1 AND deleted_at IS NULL')
    .all(customerId)
    .map((row) => row.id);
}

/** Sets a ticket's due time (derived locally, never synced). */
export function setTicketDueAt(db: Db, id: string, dueAt: number | null): void {
  stmt(db, 'UPDATE tickets SET due_at = ? WHERE id = ?').run(dueAt, id);
}

/** A keyset position in a walk over tickets by creation. */
export interface OpenTicketPosition {
  createdAt: number;
  id: string;
}

/** The next tickets created at or after `since` (solved ones with `unsolved` 0, the others with 1), after `after` in creation order. */
export function listTicketIdsCreatedSince(db: Db, unsolved: 0 | 1, since: number, after: OpenTicketPosition | null, limit: number): OpenTicketPosition[] {
  return stmt<[number, number, string, number], OpenTicketPosition>(
    db,
    `SELECT created_at AS createdAt, id FROM tickets INDEXED BY tickets_by_unsolved_created
     WHERE unsolved = ? AND (created_at, id) > (?, ?) AND deleted_at IS NULL
     ORDER BY created_at, id LIMIT ?`,
  ).all(unsolved, after?.createdAt ?? since - 1, after?.id ?? '', limit);
}
