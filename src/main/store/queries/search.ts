// Ticket search over the FTS5 indexes of migration 002. MATCH strings come only from
// search-match.ts (every user word quoted); filters only from search-conditions.ts (values as
// parameters). Nothing here concatenates user text into SQL.
//
// Three sources can match a ticket: its subject (tickets_search), one of its messages
// (messages_search) or its requester's name or email (customers_search). A document must hold
// every clause itself: "printer offline" finds a message that says both, not a subject with one
// and a message with the other.
import { stmt, type Db } from '../db';
import type { TicketRow } from '../../../shared/domain/ticket';
import { ticketFromRow, type TicketDbRow } from './tickets';
import { conditionSql, type TicketCondition } from './search-conditions';

/** Marks the start of a matched word in a snippet; the renderer turns the pair into <mark>. */
export const SNIPPET_START = '\u0002';
/** Marks the end of a matched word in a snippet. */
export const SNIPPET_END = '\u0003';

/** Where a ticket matched. */
export type SearchSource = 'subject' | 'message' | 'customer';

/** A match found by walking an index newest first; `ok` is whether its ticket passes the conditions. */
export interface WalkRow {
  /** The matched row's rowid in its source table (tickets or messages). */
  pos: number;
  ticketId: string;
  /** When the matched text was written: the message's or ticket's creation, epoch ms. */
  at: number;
  ok: 0 | 1;
  /** The highlighted text (see {@link SNIPPET_START}); null when `ok` is 0. */
  snippet: string | null;
}

/** What a walk looks for: a MATCH expression from buildFtsMatch and the ticket conditions. */
export interface SearchSpec {
  match: string;
  conditions: readonly TicketCondition[];
}

// FTS5 honours a rowid bound only when it is an INTEGER value: a JS number arrives as a REAL, and
// FTS5 then ignores `rowid = ?` altogether (every match comes back) and reads ranges in full.
// Every rowid bound here is therefore CAST(? AS INTEGER).
//
// A walk reads `limit` raw matches newest first (the index is the outer loop: LEFT JOINs keep it
// there and `ORDER BY rowid DESC` is the index's own order), and tests the conditions per row: a
// call costs at most `limit` index entries however rare the conditions, and the caller knows
// exactly how far it got. The snippet is made while the index stands on the row (~3 µs), far
// cheaper than finding the row again later (a rowid seek).

/** The highlighted text of the current row of `index`: all of a subject, ~16 words of a body. */
const WALK_SNIPPET: Record<'tickets_search' | 'messages_search', string> = {
  tickets_search: `highlight(s.tickets_search, 0, '${SNIPPET_START}', '${SNIPPET_END}')`,
  messages_search: `snippet(s.messages_search, 0, '${SNIPPET_START}', '${SNIPPET_END}', '…', 16)`,
};

/**
 * Up to `limit` subject matches with rowid < `before`, newest first. Tickets that fail the
 * conditions (or were deleted) come back with `ok = 0`, so the walk can go on from the last `pos`.
 */
export function walkSubjectMatches(db: Db, spec: SearchSpec, before: number, limit: number): WalkRow[] {
  const where = conditionSql(spec.conditions);
  const ok = `coalesce(t.deleted_at IS NULL AND ${where.sql}, 0)`;
  const sql = `SELECT s.rowid AS pos, t.id AS ticketId, t.created_at AS at, ${ok} AS ok,
      CASE WHEN ${ok} THEN ${WALK_SNIPPET.tickets_search} END AS snippet
    FROM tickets_search s
    LEFT JOIN tickets t ON t.rowid = s.rowid
    ${where.needsCustomer ? 'LEFT JOIN customers c ON c.id = t.requester_id' : ''}
    WHERE s.tickets_search MATCH ? AND s.rowid < CAST(? AS INTEGER)
    ORDER BY s.rowid DESC
    LIMIT ?`;
  // Placeholders number in text order: the conditions' (twice, in the select list) come first.
  return stmt<unknown[], WalkRow>(db, sql).all(...where.params, ...where.params, spec.match, before, limit);
}

/** Like {@link walkSubjectMatches}, over message bodies; `ticketId` is the message's ticket. */
export function walkMessageMatches(db: Db, spec: SearchSpec, before: number, limit: number): WalkRow[] {
  const where = conditionSql(spec.conditions);
  const ok = `coalesce(m.deleted_at IS NULL AND t.deleted_at IS NULL AND ${where.sql}, 0)`;
  const sql = `SELECT s.rowid AS pos, m.ticket_id AS ticketId, m.created_at AS at, ${ok} AS ok,
      CASE WHEN ${ok} THEN ${WALK_SNIPPET.messages_search} END AS snippet
    FROM messages_search s
    LEFT JOIN messages m ON m.rowid = s.rowid
    LEFT JOIN tickets t ON t.id = m.ticket_id
    ${where.needsCustomer ? 'LEFT JOIN customers c ON c.id = t.requester_id' : ''}
    WHERE s.messages_search MATCH ? AND s.rowid < CAST(? AS INTEGER)
    ORDER BY s.rowid DESC
    LIMIT ?`;
  return stmt<unknown[], WalkRow>(db, sql).all(...where.params, ...where.params, spec.match, before, limit);
}

/** A keyset position in tickets ordered by (updated_at, id), newest first. */
export interface TicketPosition {
  updatedAt: number;
  id: string;
}

/** A ticket found through its requester or by filters alone. */
export interface TicketHit {
  ticketId: string;
  updatedAt: number;
}

/** Where the requester walk gets its tickets: see {@link walkCustomerTickets}. */
export type RequesterPlan = { kind: 'few'; requesterIds: readonly string[] } | { kind: 'many'; requesterIds: readonly string[] } | { kind: 'match' };

/**
 * Up to `limit` tickets after `before`, newest updated first, that pass the conditions and whose
 * requester matches `spec.match` (name or email). With a few matching requesters (`few`), their
 * tickets are read through the requester index and sorted; with many (`many`, a common surname),
 * the tickets are walked newest first and the walk stops when the page is full; with more than
 * are worth listing (`match`), the walk tests each requester against the index.
 */
export function walkCustomerTickets(db: Db, spec: SearchSpec, plan: RequesterPlan, before: TicketPosition, limit: number): TicketHit[] {
  const where = conditionSql(spec.conditions);
  const customerJoin = where.needsCustomer ? 'JOIN customers c ON c.id = t.requester_id' : '';
  const requesters =
    plan.kind === 'few'
      ? 't.requester_id IN (SELECT value FROM json_each(?))'
      : plan.kind === 'many'
        ? '+t.requester_id IN (SELECT value FROM json_each(?))'
        : `+t.requester_id IN (SELECT cm.id FROM customers cm WHERE cm.deleted_at IS NULL AND cm.rowid IN (
             SELECT rowid FROM customers_search WHERE customers_search MATCH ?))`;
  const sql = `SELECT t.id AS ticketId, t.updated_at AS updatedAt
    FROM tickets t ${plan.kind === 'few' ? '' : 'INDEXED BY tickets_by_updated'} ${customerJoin}
    WHERE ${requesters} AND t.deleted_at IS NULL AND (t.updated_at, t.id) < (?, ?) AND ${where.sql}
    ORDER BY t.updated_at DESC, t.id DESC
    LIMIT ?`;
  const first = plan.kind === 'match' ? spec.match : JSON.stringify(plan.requesterIds);
  return stmt<unknown[], TicketHit>(db, sql).all(first, before.updatedAt, before.id, ...where.params, limit);
}

/** A ticket read by a filtered walk; `ok` is whether it passes the conditions. */
export interface FilteredRow extends TicketHit {
  ok: 0 | 1;
}

/**
 * The next `limit` tickets after `before`, newest updated first, with whether each passes the
 * conditions (no text). With `useIndexes`, only passing tickets are returned and SQLite may
 * serve the conditions from an index (status, assignee, requester, number); without, exactly
 * `limit` tickets are read in the ticket list's order, so a rare unindexed condition (a tag, a
 * date) costs a bounded amount per call and the caller knows how far it got.
 */
export function walkFilteredTickets(
  db: Db,
  conditions: readonly TicketCondition[],
  before: TicketPosition,
  limit: number,
  useIndexes: boolean,
): FilteredRow[] {
  const where = conditionSql(conditions);
  const customerJoin = where.needsCustomer ? 'LEFT JOIN customers c ON c.id = t.requester_id' : '';
  if (useIndexes) {
    const sql = `SELECT t.id AS ticketId, t.updated_at AS updatedAt, 1 AS ok
      FROM tickets t ${customerJoin}
      WHERE t.deleted_at IS NULL AND (t.updated_at, t.id) < (?, ?) AND ${where.sql}
      ORDER BY t.updated_at DESC, t.id DESC
      LIMIT ?`;
    return stmt<unknown[], FilteredRow>(db, sql).all(before.updatedAt, before.id, ...where.params, limit);
  }
  const sql = `SELECT t.id AS ticketId, t.updated_at AS updatedAt, coalesce(t.deleted_at IS NULL AND ${where.sql}, 0) AS ok
    FROM tickets t INDEXED BY tickets_by_updated ${customerJoin}
    WHERE (t.updated_at, t.id) < (?, ?)
    ORDER BY t.updated_at DESC, t.id DESC
    LIMIT ?`;
  return stmt<unknown[], FilteredRow>(db, sql).all(...where.params, before.updatedAt, before.id, limit);
}

/**
 * A matching customer brings all their tickets, about this many: the requester source ranks the
 * newest `limit / this` matching customers, so it reads about as many tickets as the other sources
 * read matches.
 */
const RANKED_TICKETS_PER_CUSTOMER = 8;

/** Subjects are short and many alike: the newest `limit / this` subject matches are ranked. */
const SUBJECT_SHARE = 2;

/** A match with its bm25 score (lower is better). */
export interface RankedRow {
  source: SearchSource;
  pos: number;
  ticketId: string;
  at: number;
  score: number;
}

/**
 * The newest `limit` message matches (fewer subjects and requesters, see above) that pass the
 * conditions, each with its bm25 score.
 * Ranking only the newest matches bounds the work (bm25 per row reads the row's size), so a
 * word in half the store ranks in the same time as a rare one.
 */
export function rankedMatches(db: Db, spec: SearchSpec, limit: number): RankedRow[] {
  const where = conditionSql(spec.conditions);
  // CROSS JOIN keeps the index walk outermost: left to itself the planner may start from a
  // condition's index (every open ticket) and look each one up in the matches.
  const customerJoin = where.needsCustomer ? 'CROSS JOIN customers c ON c.id = t.requester_id' : '';
  const subjects = stmt<unknown[], RankedRow>(
    db,
    `SELECT 'subject' AS source, w.rowid AS pos, t.id AS ticketId, t.created_at AS at, w.score AS score
     FROM (SELECT rowid, bm25(tickets_search) AS score FROM tickets_search WHERE tickets_search MATCH ? ORDER BY rowid DESC LIMIT ?) w
     CROSS JOIN tickets t ON t.rowid = w.rowid ${customerJoin}
     WHERE t.deleted_at IS NULL AND ${where.sql}`,
  ).all(spec.match, Math.ceil(limit / SUBJECT_SHARE), ...where.params);
  const messages = stmt<unknown[], RankedRow>(
    db,
    `SELECT 'message' AS source, w.rowid AS pos, m.ticket_id AS ticketId, m.created_at AS at, w.score AS score
     FROM (SELECT rowid, bm25(messages_search) AS score FROM messages_search WHERE messages_search MATCH ? ORDER BY rowid DESC LIMIT ?) w
     CROSS JOIN messages m ON m.rowid = w.rowid
     CROSS JOIN tickets t ON t.id = m.ticket_id ${customerJoin}
     WHERE m.deleted_at IS NULL AND t.deleted_at IS NULL AND ${where.sql}`,
  ).all(spec.match, limit, ...where.params);
  const customers = stmt<unknown[], RankedRow>(
    db,
    `SELECT 'customer' AS source, t.rowid AS pos, t.id AS ticketId, t.updated_at AS at, w.score AS score
     FROM (SELECT rowid, bm25(customers_search) AS score FROM customers_search WHERE customers_search MATCH ? ORDER BY rowid DESC LIMIT ?) w
     CROSS JOIN customers cm ON cm.rowid = w.rowid
     CROSS JOIN tickets t ON t.requester_id = cm.id ${customerJoin}
     WHERE cm.deleted_at IS NULL AND t.deleted_at IS NULL AND ${where.sql}
     ORDER BY t.updated_at DESC
     LIMIT ?`,
  ).all(spec.match, Math.ceil(limit / RANKED_TICKETS_PER_CUSTOMER), ...where.params, limit);
  return [...subjects, ...messages, ...customers];
}
