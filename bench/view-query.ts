import type { Core } from '../src/main/services/core';
import { call } from './lib/core-calls';
import { percentile, progress, timeMs, type Figure } from './lib/figures';

/** The first page (100 rows) of every built-in view, many times over; p95 of all of them. */
export function benchViewQuery(core: Core, size: number, repetitions = 100): Figure {
  const views = call(core, 'view/list', {});
  for (const view of views) call(core, 'ticket/list', { viewId: view.id }); // warm-up, not measured
  const byView = new Map<string, number[]>(views.map((v) => [v.id, []]));
  for (let r = 0; r < repetitions; r++) {
    for (const view of views) byView.get(view.id)!.push(timeMs(() => call(core, 'ticket/list', { viewId: view.id, limit: 100 })));
  }
  for (const [viewId, samples] of byView) progress(`view ${viewId}: p95 ${percentile(samples, 95).toFixed(3)} ms`);
  return {
    metric: 'view_query_p95_ms',
    value: percentile([...byView.values()].flat(), 95),
    budget: 5,
    goal: 1,
    better: 'lower',
    size,
  };
}
