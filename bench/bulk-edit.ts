import type { Core } from '../src/main/services/core';
import { MAX_BULK_TICKETS, type TicketRow } from '../src/shared/domain/ticket';
import type { Figure } from './lib/figures';

/**
 * The longest time the event loop went without turning while `run` ran, in ms: a 0 ms timer is
 * re-armed on every turn, so the widest gap between two of its runs is the longest stall any IPC
 * or HTTP call would have waited through.
 */
async function longestStallMs(run: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    timer = setTimeout(tick, 0);
  };
  timer = setTimeout(tick, 0);
  try {
    await run();
  } finally {
    clearTimeout(timer);
  }
  return Math.max(longest, performance.now() - last);
}

/**
 * A bulk edit of the most tickets allowed (status, priority and a tag added) and its undo, through
 * the handlers the shell calls: the longest stall of the main process during either.
 */
export async function benchBulkEditStall(core: Core, size: number, rows: readonly TicketRow[]): Promise<Figure> {
  const ticketIds = rows.slice(0, MAX_BULK_TICKETS).map((row) => row.id);
  let undoId: string | null = null;
  const editMs = await longestStallMs(async () => {
    ({ undoId } = await core.handlers['ticket/bulk-update']({
      ticketIds,
      patch: { status: 'pending', priority: 'high' },
      tags: { add: ['bench-bulk'], remove: [] },
    }));
  });
  const undoMs = undoId === null ? 0 : await longestStallMs(() => Promise.resolve(core.handlers['ticket/undo-bulk-update']({ undoId: undoId! })));
  return { metric: 'bulk_edit_longest_stall_ms', value: Math.max(editMs, undoMs), budget: 50, goal: 10, better: 'lower', size };
}
