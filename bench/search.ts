import type { Core } from '../src/main/services/core';
import { call } from './lib/core-calls';
import { percentile, progress, timeMs, type Figure } from './lib/figures';

/**
 * What agents type, over the sample data's texts (English, Dutch, German): common words, rare
 * words and words that are not there, phrases, prefixes, a requester's name, and filters with
 * words. Each is timed for its first page (50 hits), newest first and ranked.
 */
export const SEARCH_MIX: readonly { label: string; query: string }[] = [
  { label: 'frequent word', query: 'invoice' },
  { label: 'frequent word', query: 'password' },
  { label: 'frequent word', query: 'export' },
  { label: 'frequent word (de)', query: 'rechnung' },
  { label: 'two frequent words', query: 'login page' },
  { label: 'rare word', query: 'quickbooks' },
  { label: 'rare word', query: 'sub-processors' },
  { label: 'absent word', query: 'zeppelin' },
  { label: 'phrase', query: '"two-factor code"' },
  { label: 'phrase', query: '"credit note"' },
  { label: 'phrase', query: '"error 500"' },
  { label: 'prefix', query: 'refu*' },
  { label: 'prefix', query: 'webhoo*' },
  { label: 'prefix', query: 'synchr*' },
  { label: 'requester name', query: 'müller' },
  { label: 'filter + word', query: 'status:open invoice' },
  { label: 'filter + word', query: 'priority:urgent login' },
  { label: 'filter + word', query: 'level:L2 export' },
  { label: 'filter + word', query: 'assignee:me refund' },
  { label: 'word - excluded', query: 'invoice -vat' },
];

/** A figure per order: p95 of the first page of every query of {@link SEARCH_MIX}, many times over. */
export function benchSearch(core: Core, size: number, repetitions = 20): Figure[] {
  const figures: Figure[] = [];
  for (const sort of ['newest', 'ranked'] as const) {
    for (const { query } of SEARCH_MIX) call(core, 'search/tickets', { query, sort }); // warm-up, not measured
    const byQuery = new Map<string, number[]>(SEARCH_MIX.map(({ query }) => [query, []]));
    let hits = 0;
    for (let r = 0; r < repetitions; r++) {
      for (const { query } of SEARCH_MIX) {
        byQuery.get(query)!.push(timeMs(() => (hits += call(core, 'search/tickets', { query, sort, limit: 50 }).hits.length)));
      }
    }
    for (const [query, samples] of byQuery) progress(`search ${sort} ${JSON.stringify(query)}: p95 ${percentile(samples, 95).toFixed(3)} ms`);
    progress(`search ${sort}: ${hits / repetitions} hits per round of ${SEARCH_MIX.length} queries`);
    const all = [...byQuery.values()].flat();
    figures.push(
      sort === 'newest'
        ? { metric: 'search_newest_p95_ms', value: percentile(all, 95), budget: 20, goal: 5, better: 'lower', size }
        : { metric: 'search_ranked_p95_ms', value: percentile(all, 95), budget: 50, goal: 20, better: 'lower', size },
    );
  }
  return figures;
}
