// Search lookups on known rows: which of some rowids match, their snippets, the ticket rows of a
// page, customers for `requester:`. MATCH strings come only from search-match.ts.
//
// FTS5 costs to know (measured at 5M messages): a query with a rowid range seeks to one end of
// the range and reads the matches inside it (~0.25 µs each). The seek costs 10–40 µs in a merged
// index, but in one built by 'rebuild' (several segments) up to ~0.5 ms, and depends on direction:
// ascending seeks are slow among the newest rowids, descending ones among the older. A prefix
// (`refu*`) is expanded over the whole index on each statement run, whatever the constraints.
// Bounds must be INTEGER values (see search.ts).
// Hence: rowids are read in a few ranges (nearby rowids share one), descending among the newest
// rowids, and in one range for expressions with a prefix.
import { stmt, type Db } from '../db';
import type { TicketRow } from '../../../shared/domain/ticket';
import { TICKET_LIST_COLUMNS, TICKET_LIST_FROM, ticketRowFromDb, type TicketListDbRow } from './tickets';
import { conditionSql, type TicketCondition } from './search-conditions';
import { SNIPPET_END, SNIPPET_START, type SearchSource } from './search';

/** A search index and its source table, by source. */
const INDEX_OF: Record<SearchSource, { index: string; table: string }> = {
  subject: { index: 'tickets_search', table: 'tickets' },
  message: { index: 'messages_search', table: 'messages' },
  customer: { index: 'customers_search', table: 'customers' },
};

/** Rowids further apart than this are read by separate range queries. */
const CLUSTER_GAP = 4096;

/** `rowids` sorted and split into runs whose neighbours are at most {@link CLUSTER_GAP} apart. */
function clusters(rowids: readonly number[], hasPrefix: boolean): number[][] {
  const sorted = [...new Set(rowids)].sort((a, b) => a - b);
  if (hasPrefix) return sorted.length > 0 ? [sorted] : [];
  const runs: number[][] = [];
  for (const rowid of sorted) {
    const run = runs.at(-1);
    if (run && rowid - run.at(-1)! <= CLUSTER_GAP) run.push(rowid);
    else runs.push([rowid]);
  }
  return runs;
}

/**
 * Rows of `source`'s index among `rowids` that match `match`, with `expression` computed for each
 * (an FTS5 auxiliary function such as snippet(), or just the rowid). `hasPrefix` as in FtsMatch.
 */
function readMatching(
  db: Db,
  source: SearchSource,
  expression: string,
  match: string,
  rowids: readonly number[],
  hasPrefix: boolean,
): { rowid: number; value: string | number | null }[] {
  const runs = clusters(rowids, hasPrefix);
  if (runs.length === 0) return [];
  const { index, table } = INDEX_OF[source];
  const top = stmt<[], { top: number | null }>(db, `SELECT max(rowid) AS top FROM ${table}`).get()?.top ?? 0;
  // `+rowid` is filtered after FTS5 answers, so it cannot become one FTS5 query per value.
  const read = (direction: 'ASC' | 'DESC') =>
    stmt<[string, number, number, string], { rowid: number; value: string | number | null }>(
      db,
      `SELECT rowid, ${expression} AS value FROM ${index}
       WHERE ${index} MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER) AND +rowid IN (SELECT value FROM json_each(?))
       ORDER BY rowid ${direction}`,
    );
  return runs.flatMap((run) => {
    const high = run.at(-1)!;
    // Among the newest eighth of the rowids, seek from the top (see the costs above).
    return read(high >= top - top / 8 ? 'DESC' : 'ASC').all(match, run[0]!, high, JSON.stringify(run));
  });
}

/** Which of `rowids` (of `source`'s table) match `match`; `hasPrefix` as in FtsMatch. */
export function matchingRowids(db: Db, source: SearchSource, match: string, rowids: readonly number[], hasPrefix: boolean): Set<number> {
  return new Set(readMatching(db, source, 'rowid', match, rowids, hasPrefix).map((row) => row.rowid));
}

// A subject is short: highlight all of it. A body: about 16 words around its best match. A
// requester: name, then email in angle brackets.
const SNIPPET_EXPRESSION: Record<SearchSource, string> = {
  subject: `highlight(tickets_search, 0, '${SNIPPET_START}', '${SNIPPET_END}')`,
  message: `snippet(messages_search, 0, '${SNIPPET_START}', '${SNIPPET_END}', '…', 16)`,
  customer: `highlight(customers_search, 0, '${SNIPPET_START}', '${SNIPPET_END}')
    || coalesce(' <' || highlight(customers_search, 1, '${SNIPPET_START}', '${SNIPPET_END}') || '>', '')`,
};

/**
 * The matched text of each of `rowids` with every matched word between {@link SNIPPET_START} and
 * {@link SNIPPET_END}: plain text, never HTML. Rowids that no longer match are left out.
 */
export function snippetsOf(db: Db, source: SearchSource, match: string, rowids: readonly number[], hasPrefix: boolean): Map<number, string> {
  const snippets = new Map<number, string>();
  for (const row of readMatching(db, source, SNIPPET_EXPRESSION[source], match, rowids, hasPrefix)) {
    if (typeof row.value === 'string') snippets.set(row.rowid, row.value);
  }
  return snippets;
}

/** A ticket's rowid, its requester's, and its live messages' rowids. */
export interface TicketRowids {
  ticketId: string;
  ticketRowid: number;
  customerRowid: number | null;
  createdAt: number;
  updatedAt: number;
  messages: { rowid: number; createdAt: number }[];
}

/** The rowids of the given tickets, their requesters and their live messages. */
export function ticketRowids(db: Db, ticketIds: readonly string[]): TicketRowids[] {
  const ids = JSON.stringify(ticketIds);
  const tickets = stmt<[string], Omit<TicketRowids, 'messages'>>(
    db,
    `SELECT t.id AS ticketId, t.rowid AS ticketRowid, c.rowid AS customerRowid, t.created_at AS createdAt, t.updated_at AS updatedAt
     FROM tickets t LEFT JOIN customers c ON c.id = t.requester_id
     WHERE t.id IN (SELECT value FROM json_each(?))`,
  ).all(ids);
  const messages = stmt<[string], { ticketId: string; rowid: number; createdAt: number }>(
    db,
    `SELECT m.ticket_id AS ticketId, m.rowid AS rowid, m.created_at AS createdAt FROM messages m
     WHERE m.ticket_id IN (SELECT value FROM json_each(?)) AND m.deleted_at IS NULL`,
  ).all(ids);
  const byTicket = new Map<string, { rowid: number; createdAt: number }[]>();
  for (const { ticketId, rowid, createdAt } of messages) {
    const list = byTicket.get(ticketId);
    if (list) list.push({ rowid, createdAt });
    else byTicket.set(ticketId, [{ rowid, createdAt }]);
  }
  return tickets.map((ticket) => ({ ...ticket, messages: byTicket.get(ticket.ticketId) ?? [] }));
}

/** The ticket-list rows of the given tickets, in the order of `ticketIds` (missing ones left out). */
export function ticketRowsByIds(db: Db, ticketIds: readonly string[]): TicketRow[] {
  // The ticket list's own columns and joins, so a search hit is exactly a list row.
  const rows = stmt<[string], TicketListDbRow>(
    db,
    `SELECT ${TICKET_LIST_COLUMNS} FROM ${TICKET_LIST_FROM}
     WHERE t.id IN (SELECT value FROM json_each(?)) AND t.deleted_at IS NULL`,
  ).all(JSON.stringify(ticketIds));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ticketIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [ticketRowFromDb(row)] : [];
  });
}

/** The rowid of each ticket's requester, by ticket id. */
export function requesterRowids(db: Db, ticketIds: readonly string[]): Map<string, number> {
  const rows = stmt<[string], { ticketId: string; rowid: number }>(
    db,
    `SELECT t.id AS ticketId, c.rowid AS rowid FROM tickets t JOIN customers c ON c.id = t.requester_id
     WHERE t.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ticketIds));
  return new Map(rows.map((row) => [row.ticketId, row.rowid]));
}

/** Customers whose email is `email`, in any letter case. */
export function customerIdsByEmail(db: Db, email: string): string[] {
  return stmt<[string], { id: string }>(db, 'SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL')
    .all(email)
    .map((row) => row.id);
}

/** Customers whose name or email matches `match` (at most `limit`). */
export function customerIdsMatching(db: Db, match: string, limit: number): string[] {
  return stmt<[string, number], { id: string }>(
    db,
    `SELECT c.id FROM customers c WHERE c.deleted_at IS NULL AND c.rowid IN (
       SELECT rowid FROM customers_search WHERE customers_search MATCH ?) LIMIT ?`,
  )
    .all(match, limit)
    .map((row) => row.id);
}

/** How many tickets pass the conditions, counting no further than `cap`. */
export function countTicketsUpTo(db: Db, conditions: readonly TicketCondition[], cap: number): number {
  const where = conditionSql(conditions);
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM tickets t ${where.needsCustomer ? 'JOIN customers c ON c.id = t.requester_id' : ''}
    WHERE t.deleted_at IS NULL AND ${where.sql} LIMIT ?)`;
  return stmt<unknown[], { n: number }>(db, sql).get(...where.params, cap)!.n;
}

/** The ids of the tickets that pass the conditions, at most `cap`. */
export function ticketIdsWhere(db: Db, conditions: readonly TicketCondition[], cap: number): string[] {
  const where = conditionSql(conditions);
  const sql = `SELECT t.id FROM tickets t ${where.needsCustomer ? 'JOIN customers c ON c.id = t.requester_id' : ''}
    WHERE t.deleted_at IS NULL AND ${where.sql} LIMIT ?`;
  return stmt<unknown[], { id: string }>(db, sql)
    .all(...where.params, cap)
    .map((row) => row.id);
}
