// Streams of matches, newest first, one per source, merged by the time the matched text was
// written. Each stream remembers how far it was consumed, which is what the next page's cursor
// holds: a page never repeats or skips a match of any source.
import type { Db } from '../../store/db';
import {
  walkCustomerTickets,
  walkMessageMatches,
  walkSubjectMatches,
  type RequesterPlan,
  type SearchSource,
  type SearchSpec,
  type TicketPosition,
  type WalkRow,
} from '../../store/queries/search';

/** One match: which ticket, where, and its position in its source's order. */
export interface Hit {
  source: SearchSource;
  ticketId: string;
  /** When the matched text was written (the customer source: when the ticket was last updated). */
  at: number;
  /** The rowid of the matched ticket (subject) or message; null for a requester match. */
  rowid: number | null;
  /** The highlighted text, when the walk that found the match made it already. */
  snippet?: string | null;
}

/** The top of a walk: nothing consumed yet. */
export const TOP_ROWID = Number.MAX_SAFE_INTEGER;
/** The top of the requester walk's keyset. */
export const TOP_TICKET: TicketPosition = { updatedAt: Number.MAX_SAFE_INTEGER, id: '' };

/** A source of matches, newest first. */
export interface HitStream {
  /** The next match, without consuming it; undefined when the stream is done or out of budget. */
  peek(): Hit | undefined;
  /** Consumes the match {@link peek} returned. */
  take(): void;
  /** Whether every match was consumed (nothing is left for a next page). */
  readonly complete: boolean;
}

const MAX_CHUNK = 5_000;

/** Shared by the walks of one page: how many raw index entries they may still read. */
export interface ScanBudget {
  remaining: number;
}

/** Walks tickets_search or messages_search below `before`, in chunks, skipping rows that fail the conditions. */
export class IndexHitStream implements HitStream {
  private buffer: WalkRow[] = [];
  private fetchedBelow: number;
  private exhausted = false;

  constructor(
    private readonly db: Db,
    private readonly source: 'subject' | 'message',
    private readonly spec: SearchSpec,
    /** The rowid consumed last; the stream reads below it. */
    public before: number,
    private readonly budget: ScanBudget,
    /** Index entries read by the first query; each further one reads twice as many (rare conditions). */
    private chunk: number,
  ) {
    this.fetchedBelow = before;
  }

  get complete(): boolean {
    return this.exhausted && this.buffer.length === 0;
  }

  peek(): Hit | undefined {
    for (;;) {
      const head = this.buffer[0];
      if (head && head.ok === 1) return { source: this.source, ticketId: head.ticketId, at: head.at, rowid: head.pos, snippet: head.snippet };
      if (head) {
        // A match whose ticket fails the conditions: consumed, never shown.
        this.buffer.shift();
        this.before = head.pos;
        continue;
      }
      if (this.exhausted || this.budget.remaining <= 0) return undefined;
      const walk = this.source === 'subject' ? walkSubjectMatches : walkMessageMatches;
      const chunk = Math.min(this.chunk, this.budget.remaining);
      const rows = walk(this.db, this.spec, this.fetchedBelow, chunk);
      this.budget.remaining -= rows.length;
      if (rows.length < chunk) this.exhausted = true;
      if (rows.length > 0) this.fetchedBelow = rows[rows.length - 1]!.pos;
      this.buffer = rows;
      this.chunk = Math.min(this.chunk * 2, MAX_CHUNK);
    }
  }

  take(): void {
    const head = this.buffer.shift();
    if (head) this.before = head.pos;
  }
}

/** Walks the tickets of requesters whose name or email matches, newest updated first. */
export class CustomerHitStream implements HitStream {
  private buffer: { ticketId: string; updatedAt: number }[] = [];
  private fetchedAfter: TicketPosition;
  private exhausted = false;

  constructor(
    private readonly db: Db,
    private readonly spec: SearchSpec,
    private readonly plan: RequesterPlan,
    public before: TicketPosition,
    private readonly chunk: number,
  ) {
    this.fetchedAfter = before;
  }

  get complete(): boolean {
    return this.exhausted && this.buffer.length === 0;
  }

  peek(): Hit | undefined {
    if (this.buffer.length === 0 && !this.exhausted) {
      this.buffer = walkCustomerTickets(this.db, this.spec, this.plan, this.fetchedAfter, this.chunk);
      if (this.buffer.length < this.chunk) this.exhausted = true;
      const last = this.buffer.at(-1);
      if (last) this.fetchedAfter = { updatedAt: last.updatedAt, id: last.ticketId };
    }
    const head = this.buffer[0];
    return head && { source: 'customer', ticketId: head.ticketId, at: head.updatedAt, rowid: null };
  }

  take(): void {
    const head = this.buffer.shift();
    if (head) this.before = { updatedAt: head.updatedAt, id: head.ticketId };
  }
}

/** Matches known in advance (for a search within a few tickets), newest first, below `before`. */
export class ListHitStream implements HitStream {
  private index = 0;

  constructor(
    private readonly hits: readonly (Hit & { key: number | TicketPosition })[],
    public before: number | TicketPosition,
  ) {}

  get complete(): boolean {
    return this.index >= this.hits.length;
  }

  peek(): Hit | undefined {
    return this.hits[this.index];
  }

  take(): void {
    const hit = this.hits[this.index++];
    if (hit) this.before = hit.key;
  }
}

/** Takes the newest head among `streams` (ties go to the earlier stream); undefined when all are done. */
export function takeNewest(streams: readonly HitStream[]): Hit | undefined {
  let best: { stream: HitStream; hit: Hit } | undefined;
  for (const stream of streams) {
    const hit = stream.peek();
    if (hit && (!best || hit.at > best.hit.at)) best = { stream, hit };
  }
  best?.stream.take();
  return best?.hit;
}
