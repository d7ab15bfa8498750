// Ticket search: one box, a small query language (see shared/search/query-parser.ts), over
// ticket subjects, messages and requesters. Any string gives results or problems to show,
// never an SQLite error: the parser drops what it cannot use and explains what it ignored, and
// the store quotes every word it passes to FTS5.
import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { parseSearchQuery } from '../../../shared/search/query-parser';
import { DEFAULT_SEARCH_PAGE_SIZE, type SearchCursor, type SearchHit } from '../../../shared/search/search-schemas';
import { SLOW_QUERY_MS, type Db } from '../../store/db';
import { getAgent } from '../../store/queries/team';
import type { SearchSource } from '../../store/queries/search';
import { requesterRowids, snippetsOf, ticketRowsByIds } from '../../store/queries/search-lookups';
import { buildFtsMatch } from '../../store/queries/search-match';
import { rebuildSearchIndex, searchIndexingActive } from '../../store/queries/search-index';
import { BULK_LOAD_META_KEY } from '../../store/queries/bulk-load';
import { getMeta } from '../../store/queries/meta';
import { logger } from '../../log';
import { filteredPage } from './filtered-page';
import type { Hit } from './hit-streams';
import { newestPage, type TextMatch } from './newest-page';
import { rankedPage } from './ranked-page';
import { resolveFilters } from './resolve-filters';

const log = logger('search');

/** What the search service needs: the store and who is signed in. */
export interface SearchContext {
  db: Db;
  agentId: string | null;
}

/** Searches tickets for the `search/tickets` method. */
export class SearchService {
  constructor(private readonly ctx: SearchContext) {
    // Triggers missing outside a bulk load (which puts them back itself, see bulk-load.ts) mean
    // writes went unindexed: rebuild rather than search a stale index.
    if (!searchIndexingActive(ctx.db) && getMeta(ctx.db, BULK_LOAD_META_KEY) === undefined) {
      const started = performance.now();
      rebuildSearchIndex(ctx.db);
      log.warn('rebuilt the search index: indexing had been left off', { ms: Math.round(performance.now() - started) });
    }
  }

  search(input: MethodInput<'search/tickets'>): MethodOutput<'search/tickets'> {
    const started = performance.now();
    const output = this.searchPage(input);
    const ms = performance.now() - started;
    // The query text may hold customer data: log its shape, not its words.
    if (ms > SLOW_QUERY_MS) log.warn('slow search', { ms: Math.round(ms), sort: input.sort, chars: input.query.length, hits: output.hits.length });
    return output;
  }

  private searchPage(input: MethodInput<'search/tickets'>): MethodOutput<'search/tickets'> {
    const { db, agentId } = this.ctx;
    const limit = input.limit ?? DEFAULT_SEARCH_PAGE_SIZE;
    const parsed = parseSearchQuery(input.query);
    const agent = agentId ? getAgent(db, agentId) : undefined;
    // Read in one snapshot: filters resolved, pages walked and rows loaded see the same store.
    return db.transaction(() => {
      const resolved = resolveFilters(db, parsed.filters, { agentId, timeZone: agent?.timeZone ?? 'UTC' });
      const problems = [...parsed.problems, ...resolved.problems];
      const match = buildFtsMatch(parsed.clauses);
      const { conditions } = resolved;
      if (match.include === null && match.exclude === null && conditions.length === 0) return { hits: [], next: null, problems };

      const after = input.after ?? null;
      if (match.include === null) {
        // Only filters and/or excluded words: no text to place or rank; newest updated first.
        const cursor = expectCursor(after, 'tickets');
        const page = filteredPage(db, conditions, match, cursor, limit);
        const hits = ticketRowsByIds(db, page.ticketIds).map((ticket) => ({ ticket, snippet: null, matchedIn: null }));
        return { hits, next: page.next && { kind: 'tickets' as const, ...page.next }, problems };
      }
      const textMatch: TextMatch = { ...match, include: match.include };
      if (input.sort === 'ranked') {
        const cursor = expectCursor(after, 'ranked');
        const page = rankedPage(db, textMatch, conditions, cursor?.offset ?? 0, limit);
        return { hits: this.toHits(page.hits, textMatch), next: page.next === null ? null : { kind: 'ranked' as const, offset: page.next }, problems };
      }
      const cursor = expectCursor(after, 'newest');
      const page = newestPage(db, textMatch, conditions, cursor, limit);
      return { hits: this.toHits(page.hits, textMatch), next: page.next && { kind: 'newest' as const, ...page.next }, problems };
    })();
  }

  /** Ticket rows and highlighted snippets for a page of hits, in order. */
  private toHits(hits: readonly Hit[], match: TextMatch): SearchHit[] {
    const { db } = this.ctx;
    const ids = hits.map((hit) => hit.ticketId);
    const rows = new Map(ticketRowsByIds(db, ids).map((row) => [row.id, row]));
    // A requester hit's snippet is the customer's name and email; find the customer's rowid.
    const customerRowids = hits.some((hit) => hit.source === 'customer') ? requesterRowids(db, ids) : new Map<string, number>();
    const rowidOf = (hit: Hit) => hit.rowid ?? customerRowids.get(hit.ticketId);
    const snippets = new Map<SearchSource, Map<number, string>>();
    // Walks make their snippets on the way; the others are read here, a few queries per source.
    for (const source of ['subject', 'message', 'customer'] as const) {
      const rowids = hits.filter((hit) => hit.source === source && hit.snippet === undefined).flatMap((hit) => rowidOf(hit) ?? []);
      snippets.set(source, snippetsOf(db, source, match.include, rowids, match.includeHasPrefix));
    }
    return hits.flatMap((hit) => {
      const ticket = rows.get(hit.ticketId);
      if (!ticket) return [];
      const rowid = rowidOf(hit);
      const snippet = hit.snippet !== undefined ? hit.snippet : rowid === undefined ? null : (snippets.get(hit.source)?.get(rowid) ?? null);
      return [{ ticket, snippet, matchedIn: hit.source }];
    });
  }
}

/** The cursor, when it belongs to this kind of search; one of another kind is refused as bad input. */
function expectCursor<K extends SearchCursor['kind']>(cursor: SearchCursor | null, kind: K): Extract<SearchCursor, { kind: K }> | null {
  if (cursor === null) return null;
  if (cursor.kind !== kind) throw new AppError('validation', `This page cursor belongs to a different search (${cursor.kind}, not ${kind})`, 'after');
  return cursor as Extract<SearchCursor, { kind: K }>;
}
