import type { Figure } from './lib/figures';
import type { SeedResult } from './lib/store-cache';

/** Rows per second the sample-data import wrote into a fresh store, every table (and the search index) included. */
export function importFigure(result: SeedResult, tickets: number): Figure {
  return {
    metric: 'import_rows_per_s',
    value: result.summary.totalRows / (result.ms / 1000),
    budget: 100_000,
    goal: 200_000,
    better: 'higher',
    size: tickets,
  };
}
