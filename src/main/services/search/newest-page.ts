// One page of a text search, newest match first. The walks stop as soon as the page is full, so
// the cost depends on the page size, not on how common the words are.
import type { Db } from '../../store/db';
import type { RequesterPlan, TicketPosition } from '../../store/queries/search';
import { countTicketsUpTo, customerIdsMatching, ticketIdsWhere, ticketRowids } from '../../store/queries/search-lookups';
import type { TicketCondition } from '../../store/queries/search-conditions';
import type { FtsMatch } from '../../store/queries/search-match';
import {
  CustomerHitStream,
  IndexHitStream,
  ListHitStream,
  TOP_ROWID,
  TOP_TICKET,
  takeNewest,
  type Hit,
  type HitStream,
  type ScanBudget,
} from './hit-streams';
import { anyMatch, ticketMatches } from './ticket-matches';

/** A query with words to look for. */
export type TextMatch = FtsMatch & { include: string };

/** Where each source of a newest-first search stands: what the `newest` cursor holds. */
export interface NewestPosition {
  subject: number;
  message: number;
  customer: TicketPosition;
}

/** The start of a newest-first search. */
export const NEWEST_TOP: NewestPosition = { subject: TOP_ROWID, message: TOP_ROWID, customer: TOP_TICKET };

/** A newest-first page: its hits in order and where the next page starts (null: no more). */
export interface NewestPage {
  hits: Hit[];
  next: NewestPosition | null;
}

/**
 * The most index entries one page reads. With a rare filter and a common word (`tag:x invoice`)
 * a page may come back short, with a cursor to read on, rather than keep the UI waiting.
 */
export const MAX_SCAN_PER_PAGE = 10_000;
/**
 * How many tickets a filter may narrow a search to for their documents to be checked directly
 * (one rowid-range read per run of nearby documents, 20–40 µs each) rather than walking the index.
 */
export const FEW_TICKETS = 50;
/** How many matching requesters are few enough to read their tickets through the requester index. */
const FEW_REQUESTERS = 200;
/** How many matching requesters are still worth listing for the walk (beyond, it asks the index). */
const LISTED_REQUESTERS = 5000;
/** The first read of a walk: the page size and a little more (a ticket may match several times). */
const FIRST_CHUNK_SLACK = 10;

/** Conditions that can narrow a search to a few tickets through an index. */
function narrowsToFewTickets(conditions: readonly TicketCondition[]): boolean {
  return conditions.some(
    (c) => !c.negated && ((c.kind === 'in' && (c.column === 'number' || c.column === 'requester')) || c.kind === 'assignee'),
  );
}

/** One page of tickets matching `match.include`, newest match first, from `after`. */
export function newestPage(
  db: Db,
  match: TextMatch,
  conditions: readonly TicketCondition[],
  after: NewestPosition | null,
  limit: number,
): NewestPage {
  const from = after ?? NEWEST_TOP;
  const streams = openStreams(db, match, conditions, from, limit);
  const hits: Hit[] = [];
  const seen = new Set<string>();
  while (hits.length < limit) {
    // Gather as many new tickets as the page still needs, then drop in one go those an earlier
    // page showed and those an excluded word rules out.
    const batch: Hit[] = [];
    while (batch.length < limit - hits.length) {
      const hit = takeNewest(streams.all);
      if (!hit) break;
      if (seen.has(hit.ticketId)) continue;
      seen.add(hit.ticketId);
      batch.push(hit);
    }
    if (batch.length === 0) break;
    hits.push(...keepNew(db, batch, match, after));
  }
  const next = streams.all.every((stream) => stream.complete)
    ? null
    : { subject: streams.subject.before as number, message: streams.message.before as number, customer: streams.customer.before as TicketPosition };
  return { hits, next };
}

interface Streams {
  subject: HitStream & { before: number | TicketPosition };
  message: HitStream & { before: number | TicketPosition };
  customer: HitStream & { before: number | TicketPosition };
  all: HitStream[];
}

function openStreams(db: Db, match: TextMatch, conditions: readonly TicketCondition[], from: NewestPosition, limit: number): Streams {
  const spec = { match: match.include, conditions };
  if (narrowsToFewTickets(conditions) && countTicketsUpTo(db, conditions, FEW_TICKETS + 1) <= FEW_TICKETS) {
    return listStreams(db, match, ticketIdsWhere(db, conditions, FEW_TICKETS), from);
  }
  const budget: ScanBudget = { remaining: MAX_SCAN_PER_PAGE };
  // Enough for a page when most matches are new tickets; a walk doubles its chunk when it needs more.
  const chunk = limit + FIRST_CHUNK_SLACK;
  const subject = new IndexHitStream(db, 'subject', spec, from.subject, budget, chunk);
  const message = new IndexHitStream(db, 'message', spec, from.message, budget, chunk);
  const requesterIds = customerIdsMatching(db, match.include, LISTED_REQUESTERS + 1);
  const plan: RequesterPlan =
    requesterIds.length <= FEW_REQUESTERS
      ? { kind: 'few', requesterIds }
      : requesterIds.length <= LISTED_REQUESTERS
        ? { kind: 'many', requesterIds }
        : { kind: 'match' };
  const customer = new CustomerHitStream(db, spec, plan, from.customer, limit + 1);
  return { subject, message, customer, all: [message, subject, customer] };
}

/** Streams over every match within a few tickets, found by checking each of their documents. */
function listStreams(db: Db, match: TextMatch, ticketIds: readonly string[], from: NewestPosition): Streams {
  const tickets = ticketRowids(db, ticketIds);
  const matches = ticketMatches(db, tickets, match.include, match.includeHasPrefix);
  const subject: (Hit & { key: number })[] = [];
  const message: (Hit & { key: number })[] = [];
  const customer: (Hit & { key: TicketPosition })[] = [];
  for (const ticket of tickets) {
    const found = matches.get(ticket.ticketId);
    if (!found) continue;
    const { ticketId } = ticket;
    if (found.subject && ticket.ticketRowid < from.subject) {
      subject.push({ source: 'subject', ticketId, at: ticket.createdAt, rowid: ticket.ticketRowid, key: ticket.ticketRowid });
    }
    for (const m of ticket.messages) {
      if (m.rowid < from.message && found.messageRowids.includes(m.rowid)) {
        message.push({ source: 'message', ticketId, at: m.createdAt, rowid: m.rowid, key: m.rowid });
      }
    }
    const position = { updatedAt: ticket.updatedAt, id: ticketId };
    if (found.customer && isBefore(position, from.customer)) {
      customer.push({ source: 'customer', ticketId, at: ticket.updatedAt, rowid: null, key: position });
    }
  }
  subject.sort((a, b) => b.key - a.key);
  message.sort((a, b) => b.key - a.key);
  customer.sort((a, b) => (isBefore(a.key, b.key) ? 1 : -1));
  const streams = {
    subject: new ListHitStream(subject, from.subject),
    message: new ListHitStream(message, from.message),
    customer: new ListHitStream(customer, from.customer),
  };
  return { ...streams, all: [streams.message, streams.subject, streams.customer] };
}

/** Whether keyset position `a` comes after `b` in newest-first order. */
function isBefore(a: TicketPosition, b: TicketPosition): boolean {
  return a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.id < b.id);
}

/**
 * Drops the hits whose ticket an earlier page showed (it has a match the walks passed before
 * `after`) and those whose ticket holds an excluded word anywhere: subject, message or requester.
 */
function keepNew(db: Db, batch: Hit[], match: TextMatch, after: NewestPosition | null): Hit[] {
  if (!after && !match.exclude) return batch;
  const tickets = ticketRowids(
    db,
    batch.map((hit) => hit.ticketId),
  );
  const excluded = match.exclude ? ticketMatches(db, tickets, match.exclude, match.excludeHasPrefix) : undefined;
  // Subject and message matches at or above the cursor were consumed by earlier pages.
  const earlier = after
    ? ticketMatches(db, tickets, match.include, match.includeHasPrefix, { subject: after.subject, message: after.message })
    : undefined;
  const byId = new Map(tickets.map((t) => [t.ticketId, t]));
  return batch.filter((hit) => {
    if (excluded && anyMatch(excluded.get(hit.ticketId))) return false;
    if (!after || !earlier) return true;
    const found = earlier.get(hit.ticketId);
    const ticket = byId.get(hit.ticketId);
    if (!found || !ticket) return true;
    const shownBySubject = found.subject && after.subject !== TOP_ROWID;
    const shownByMessage = found.messageRowids.length > 0 && after.message !== TOP_ROWID;
    const shownByCustomer =
      found.customer && after.customer.updatedAt !== TOP_TICKET.updatedAt && !isBefore({ updatedAt: ticket.updatedAt, id: ticket.ticketId }, after.customer);
    return !(shownBySubject || shownByMessage || shownByCustomer);
  });
}
