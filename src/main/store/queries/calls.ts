import { stmt, type Db } from '../db';
import type { Call } from '../../../shared/domain/call';

/** A call as stored. */
export interface CallDbRow {
  id: string;
  direction: string;
  caller_number: string;
  customer_id: string | null;
  agent_id: string | null;
  ticket_id: string | null;
  queued_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: string;
  notes: string;
  updated_at: number;
}

const COLUMNS =
  'id, direction, caller_number, customer_id, agent_id, ticket_id, queued_at, answered_at, ended_at, outcome, notes, updated_at';

export function callFromRow(row: CallDbRow): Call {
  return {
    id: row.id,
    direction: row.direction as Call['direction'],
    callerNumber: row.caller_number,
    customerId: row.customer_id,
    agentId: row.agent_id,
    ticketId: row.ticket_id,
    queuedAt: row.queued_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome as Call['outcome'],
    notes: row.notes,
  };
}

export function callToRow(call: Call): CallDbRow {
  return {
    id: call.id,
    direction: call.direction,
    caller_number: call.callerNumber,
    customer_id: call.customerId,
    agent_id: call.agentId,
    ticket_id: call.ticketId,
    queued_at: call.queuedAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    outcome: call.outcome,
    notes: call.notes,
    updated_at: call.endedAt ?? call.queuedAt,
  };
}

/** Prepares the call insert used by sample data and bulk import; parameters positional, in the column order of {@link CallDbRow}. */
export function prepareInsertCall(db: Db) {
  return db.prepare<
    [
      id: string,
      direction: string,
      callerNumber: string,
      customerId: string | null,
      agentId: string | null,
      ticketId: string | null,
      queuedAt: number,
      answeredAt: number | null,
      endedAt: number | null,
      outcome: string,
      notes: string,
      updatedAt: number,
    ]
  >(`INSERT INTO calls (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
}

export function insertCall(db: Db, call: Call): void {
  stmt<[CallDbRow]>(
    db,
    `INSERT INTO calls (${COLUMNS}) VALUES (@id, @direction, @caller_number, @customer_id, @agent_id, @ticket_id, @queued_at, @answered_at, @ended_at, @outcome, @notes, @updated_at)`,
  ).run(callToRow(call));
}

/** The calls linked to a ticket, oldest first. */
export function listCallsOfTicket(db: Db, ticketId: string): Call[] {
  return stmt<[string], CallDbRow>(
    db,
    `SELECT ${COLUMNS} FROM calls WHERE ticket_id = ? AND deleted_at IS NULL ORDER BY queued_at`,
  )
    .all(ticketId)
    .map(callFromRow);
}
