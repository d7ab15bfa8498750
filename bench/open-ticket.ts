import type { Core } from '../src/main/services/core';
import { call } from './lib/core-calls';
import { percentile, progress, timeMs, type Figure } from './lib/figures';

/** Threads at least this long count as long ones (the budget speaks of 50 messages). */
const LONG_THREAD_MESSAGES = 40;

/** Opens random tickets (ticket, thread, requester, organisation, calls); p95. */
export function benchOpenTicket(core: Core, size: number, ticketIds: readonly string[]): Figure {
  const samples: number[] = [];
  const long: number[] = [];
  for (const ticketId of ticketIds) {
    let messages = 0;
    const ms = timeMs(() => {
      messages = call(core, 'ticket/get', { ticketId }).messages.length;
    });
    samples.push(ms);
    if (messages >= LONG_THREAD_MESSAGES) long.push(ms);
  }
  progress(`opened ${samples.length} tickets, ${long.length} with ${LONG_THREAD_MESSAGES}+ messages (their p95 ${percentile(long, 95).toFixed(3)} ms)`);
  return { metric: 'open_ticket_p95_ms', value: percentile(samples, 95), budget: 5, goal: 1, better: 'lower', size };
}
