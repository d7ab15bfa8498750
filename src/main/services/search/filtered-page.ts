// One page of a search without words to look for: filters alone (`status:open priority:urgent`)
// and/or excluded words alone (`-refund`), newest updated first like the ticket list.
import type { Db } from '../../store/db';
import { walkFilteredTickets, type TicketPosition } from '../../store/queries/search';
import { ticketRowids } from '../../store/queries/search-lookups';
import type { FtsMatch } from '../../store/queries/search-match';
import type { TicketCondition } from '../../store/queries/search-conditions';
import { TOP_TICKET } from './hit-streams';
import { anyMatch, ticketMatches } from './ticket-matches';

/** A page of ticket ids and the keyset where the next page starts (null: no more). */
export interface FilteredPage {
  ticketIds: string[];
  next: TicketPosition | null;
}

/**
 * The most tickets one page reads when most of them are dropped (a rare tag, an excluded common
 * word): the page then comes back short, with a cursor to read on.
 */
const MAX_TICKETS_PER_PAGE = 10_000;
const CHUNK = 200;

/** Whether a condition can narrow the walk through an index of its own. */
function indexed(condition: TicketCondition): boolean {
  if (condition.negated) return false;
  if (condition.kind === 'assignee') return true;
  return condition.kind === 'in' && ['number', 'requester', 'status', 'level'].includes(condition.column);
}

/** One page of tickets passing `conditions` and holding none of `match.exclude`, from `after`. */
export function filteredPage(
  db: Db,
  conditions: readonly TicketCondition[],
  match: Pick<FtsMatch, 'exclude' | 'excludeHasPrefix'>,
  after: TicketPosition | null,
  limit: number,
): FilteredPage {
  const { exclude } = match;
  const useIndexes = conditions.some(indexed);
  let position = after ?? TOP_TICKET;
  const ticketIds: string[] = [];
  let looked = 0;
  for (;;) {
    // Read ahead when tickets may be dropped (unindexed conditions, excluded words).
    const wanted = exclude || !useIndexes ? Math.max(CHUNK, limit - ticketIds.length) : limit - ticketIds.length;
    const chunk = walkFilteredTickets(db, conditions, position, wanted, useIndexes);
    looked += chunk.length;
    const passing = chunk.filter((t) => t.ok === 1).map((t) => t.ticketId);
    const excluded = exclude && passing.length > 0 ? ticketMatches(db, ticketRowids(db, passing), exclude, match.excludeHasPrefix) : undefined;
    for (const ticket of chunk) {
      position = { updatedAt: ticket.updatedAt, id: ticket.ticketId };
      if (ticket.ok === 1 && !anyMatch(excluded?.get(ticket.ticketId))) ticketIds.push(ticket.ticketId);
      if (ticketIds.length === limit) return { ticketIds, next: position };
    }
    if (chunk.length < wanted) return { ticketIds, next: null };
    if (looked >= MAX_TICKETS_PER_PAGE) return { ticketIds, next: position };
  }
}
