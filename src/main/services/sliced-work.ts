import { writeTransaction, type Db } from '../store/db';

/**
 * How long work is cut up so the process answering the UI never stalls (DESIGN.md §5): a slice
 * ends once it has run `budgetMs` or handled `maxItems`, whichever comes first (always at least
 * one item), and `pause` lets the event loop answer IPC, HTTP and timers before the next slice.
 */
export interface SlicePacing {
  budgetMs: number;
  maxItems: number;
  pause: () => Promise<void>;
}

/** Settles once the event loop has run what was waiting (I/O callbacks come before setImmediate). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Slices of at most ~10 ms, as the house style asks of long work. The budget is checked after
 * each item, so a slice overruns it by one item (well under a millisecond for a ticket) plus its
 * commit; the item cap bounds a slice's undo record and events on a fast machine.
 */
export const DEFAULT_PACING: SlicePacing = { budgetMs: 8, maxItems: 250, pause: yieldToEventLoop };

/** What runs for each slice of items. */
export interface SliceWork<T> {
  /** Handles one item, inside its slice's transaction when there is one. */
  each(item: T, index: number): void;
  /** Runs after the slice's last item, in the same transaction: items [from, to) are done; `last` when no slice follows. */
  end?(from: number, to: number, last: boolean): void;
  /** Runs after the slice committed (or after it ran, without a transaction), before the pause. */
  done?(from: number, to: number): void;
}

/**
 * Runs `work` over `items` in order, in slices paced by `pacing`. With a `db`, each slice is one
 * write transaction: a throw rolls back the slice it happened in and stops, while earlier slices
 * stay committed (the caller decides what that means for its action).
 */
export async function forEachInSlices<T>(items: readonly T[], pacing: SlicePacing, work: SliceWork<T>, db?: Db): Promise<void> {
  let from = 0;
  while (from < items.length) {
    const start = from;
    const runSlice = (): number => {
      const started = performance.now();
      let index = start;
      do {
        work.each(items[index]!, index);
        index++;
      } while (index < items.length && index - start < pacing.maxItems && performance.now() - started < pacing.budgetMs);
      work.end?.(start, index, index === items.length);
      return index;
    };
    const to = db ? writeTransaction(db, runSlice) : runSlice();
    work.done?.(start, to);
    from = to;
    if (from < items.length) await pacing.pause();
  }
}
