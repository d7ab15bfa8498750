// One page of a text search, best match first. bm25 has to score every match it orders, so it
// ranks the newest RANKED_MATCH_LIMIT matches of each source (subjects, messages, requesters)
// rather than all of them: a word in half of five million messages ranks as fast as a rare one,
// and what it misses are the oldest matches of very common words. Pages are slices of that list.
import { RANKED_MATCH_LIMIT } from '../../../shared/search/search-schemas';
import type { Db } from '../../store/db';
import { rankedMatches, type RankedRow } from '../../store/queries/search';
import { ticketRowids } from '../../store/queries/search-lookups';
import type { TicketCondition } from '../../store/queries/search-conditions';
import type { TextMatch } from './newest-page';
import type { Hit } from './hit-streams';
import { anyMatch, ticketMatches } from './ticket-matches';

/** A subject that holds the words says more about a ticket than a message that does: bm25 × this. */
const SUBJECT_WEIGHT = 2;

/** A ranked page: its hits and the offset of the next page (null: no more). */
export interface RankedPage {
  hits: Hit[];
  next: number | null;
}

/** One page of tickets matching `match.include`, best first, from `offset`. */
export function rankedPage(
  db: Db,
  match: TextMatch,
  conditions: readonly TicketCondition[],
  offset: number,
  limit: number,
): RankedPage {
  // Each ticket counts once, with its best-scoring match.
  const best = new Map<string, RankedRow>();
  for (const row of rankedMatches(db, { match: match.include, conditions }, RANKED_MATCH_LIMIT)) {
    const score = row.source === 'subject' ? row.score * SUBJECT_WEIGHT : row.score;
    const current = best.get(row.ticketId);
    if (!current || score < current.score || (score === current.score && row.at > current.at)) best.set(row.ticketId, { ...row, score });
  }
  const ranked = [...best.values()].sort((a, b) => a.score - b.score || b.at - a.at);
  // Excluded words are checked lazily, only as far down the list as this page reaches.
  const kept: RankedRow[] = [];
  let checked = 0;
  while (kept.length < offset + limit && checked < ranked.length) {
    const batch = ranked.slice(checked, checked + offset + limit - kept.length);
    checked += batch.length;
    if (!match.exclude) {
      kept.push(...batch);
      continue;
    }
    const excluded = ticketMatches(db, ticketRowids(db, batch.map((row) => row.ticketId)), match.exclude, match.excludeHasPrefix);
    kept.push(...batch.filter((row) => !anyMatch(excluded.get(row.ticketId))));
  }
  const page = kept.slice(offset, offset + limit);
  return {
    hits: page.map((row) => ({
      source: row.source,
      ticketId: row.ticketId,
      at: row.at,
      rowid: row.source === 'customer' ? null : row.pos,
    })),
    next: offset + limit < kept.length || checked < ranked.length ? offset + limit : null,
  };
}
