import type { Core } from '../src/main/services/core';
import type { Prng } from '../src/main/services/seed/prng';
import { TICKET_PRIORITIES, UNSOLVED_STATUSES, type TicketFieldsPatch, type TicketRow } from '../src/shared/domain/ticket';
import { call } from './lib/core-calls';
import { percentile, type Figure } from './lib/figures';

/** A patch that really changes the ticket: its priority, its status or its assignee, in turn. */
function patchFor(row: TicketRow, turn: number, agentIds: readonly string[], prng: Prng): TicketFieldsPatch {
  if (turn % 3 === 0) {
    const others = TICKET_PRIORITIES.filter((p) => p !== row.priority);
    return { priority: prng.pick(others) };
  }
  if (turn % 3 === 1) {
    const others = UNSOLVED_STATUSES.filter((s) => s !== row.status);
    return { status: prng.pick(others) };
  }
  return { assigneeId: prng.pick(agentIds.filter((id) => id !== row.assigneeId)) };
}

/** Field changes on random tickets, each one transaction with its outbox and audit rows; p99. */
export function benchChangeCommit(core: Core, size: number, rows: readonly TicketRow[], prng: Prng, changes = 3000): Figure {
  const agentIds = call(core, 'team/get', {}).agents.map((a) => a.id);
  const samples: number[] = [];
  for (let i = 0; i < changes; i++) {
    const row = rows[i % rows.length]!;
    const patch = patchFor(row, i, agentIds, prng);
    const started = performance.now();
    const updated = call(core, 'ticket/update-fields', { ticketId: row.id, patch });
    samples.push(performance.now() - started);
    Object.assign(row, { priority: updated.priority, status: updated.status, assigneeId: updated.assigneeId });
  }
  return { metric: 'change_commit_p99_ms', value: percentile(samples, 99), budget: 5, goal: 1, better: 'lower', size };
}
