import type { Core } from '../src/main/services/core';
import type { TicketRow } from '../src/shared/domain/ticket';
import { call } from './lib/core-calls';
import { percentile, progress, timeMs, type Figure, type Reservoir } from './lib/figures';

/** Views walked page by page, and how deep at most (pages of 100). */
const WALKED_VIEWS = ['all', 'all-unsolved', 'level-l2'];
const MAX_PAGES = 20_000;

/**
 * Walks views from the first page to the last (keyset cursors), timing each next page, so every
 * depth is measured. The rows seen feed `sample`, which the ticket benches draw from.
 */
export function benchNextPage(core: Core, size: number, sample: Reservoir<TicketRow>): Figure {
  const samples: number[] = [];
  for (const viewId of WALKED_VIEWS) {
    let page = call(core, 'ticket/list', { viewId, limit: 100 });
    let pages = 1;
    const viewSamples: number[] = [];
    while (page.next && pages < MAX_PAGES) {
      const after = page.next;
      viewSamples.push(timeMs(() => (page = call(core, 'ticket/list', { viewId, after, limit: 100 }))));
      if (viewId === 'all') for (const row of page.rows) sample.offer(row);
      pages++;
    }
    progress(`view ${viewId}: ${pages} pages, next page p95 ${percentile(viewSamples, 95).toFixed(3)} ms, max ${Math.max(0, ...viewSamples).toFixed(3)} ms`);
    samples.push(...viewSamples);
  }
  return { metric: 'next_page_p95_ms', value: percentile(samples, 95), budget: 5, goal: 1, better: 'lower', size };
}
