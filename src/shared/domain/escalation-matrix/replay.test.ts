import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SlaMessage } from '../../business-time/sla-clocks';
import { at, env, propertySeed } from '../../business-time/test-support';
import { TICKET_PRIORITIES, type TicketPriority } from '../ticket';
import { DEFAULT_MATRIX } from './default-matrix';
import { type ReplayTicket, replayBreaches } from './replay';
import { edited } from './test-support';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 100);
const HOUR_MS = 3_600_000;

function replayTicket(plan: string, priority: TicketPriority, createdIso: string, replyIso: string | null): ReplayTicket {
  const createdAt = at(createdIso);
  const messages: SlaMessage[] = [{ createdAt, authorType: 'customer', kind: 'reply' }];
  if (replyIso) messages.push({ createdAt: at(replyIso), authorType: 'agent', kind: 'reply' });
  return {
    ticket: { priority, channel: 'email', category: null, tags: [], organisationId: null },
    customer: { plan, timeZone: 'Europe/Amsterdam' },
    timeline: { createdAt, initialStatus: 'new', statusChanges: [], messages },
  };
}

describe('replayBreaches', () => {
  test('counts breaches per plan × priority, late replies included', () => {
    // Basic urgent, first response 240 on the office calendar from Mon 09:00 (+01:00): due 13:30
    // (08:30–12:30 counts 210 of it from 09:00, 13:00–13:30 the rest).
    const tickets = [
      replayTicket('basic', 'urgent', '2026-03-16T09:00+01:00', '2026-03-16T10:00+01:00'), // on time
      replayTicket('basic', 'urgent', '2026-03-16T09:00+01:00', '2026-03-16T14:00+01:00'), // replied late
      replayTicket('basic', 'urgent', '2026-03-16T09:00+01:00', null), // still waiting at now: breached
      replayTicket('gold', 'urgent', '2026-03-16T09:00+01:00', null), // no such plan
    ];
    const replay = replayBreaches(DEFAULT_MATRIX, tickets, at('2026-03-16T15:00+01:00'));
    expect({
      basicUrgent: replay.cells.find((cell) => cell.plan === 'basic' && cell.priority === 'urgent'),
      others: replay.cells.filter((cell) => cell.tickets > 0).length,
      cells: replay.cells.length,
      withoutPolicy: replay.withoutPolicy,
    }).toEqual({
      basicUrgent: { plan: 'basic', priority: 'urgent', tickets: 3, breached: 2, breachedByClock: { firstResponse: 2, nextResponse: 0, resolution: 0 } },
      others: 1,
      cells: 12,
      withoutPolicy: 1,
    });
  });

  test('shows what a draft would change: a tighter target breaches more of the same tickets', () => {
    const tickets = [
      replayTicket('enterprise', 'high', '2026-03-16T09:00+01:00', '2026-03-16T10:30+01:00'),
      replayTicket('enterprise', 'high', '2026-03-16T09:00+01:00', '2026-03-16T09:45+01:00'),
    ];
    // Enterprise high answers within 120 business minutes now; the draft asks for 60.
    const draft = edited(DEFAULT_MATRIX, (doc) => (doc.plans.enterprise!.targets.high!.firstResponseMinutes = 60));
    const cell = (matrix: typeof DEFAULT_MATRIX) => replayBreaches(matrix, tickets, at('2026-03-16T17:00+01:00')).cells.find((c) => c.plan === 'enterprise' && c.priority === 'high')?.breached;
    expect({ published: cell(DEFAULT_MATRIX), draft: cell(draft) }).toEqual({ published: 0, draft: 1 });
  });
});

describe('replayBreaches laws (fast-check)', () => {
  const ticketArb = fc
    .record({
      plan: fc.constantFrom('basic', 'business', 'enterprise'),
      priority: fc.constantFrom(...TICKET_PRIORITIES),
      createdAt: fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 1) }),
      replies: fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 96 * HOUR_MS }), agent: fc.boolean() }), { maxLength: 6 }),
      solvedAfterMs: fc.option(fc.integer({ min: 0, max: 240 * HOUR_MS }), { nil: null }),
      zone: fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata'),
    })
    .map(({ plan, priority, createdAt, replies, solvedAfterMs, zone }): ReplayTicket => ({
      ticket: { priority, channel: 'email', category: null, tags: [], organisationId: null },
      customer: { plan, timeZone: zone },
      timeline: {
        createdAt,
        initialStatus: 'new',
        statusChanges: solvedAfterMs === null ? [] : [{ at: createdAt + solvedAfterMs, status: 'solved' }],
        messages: [
          { createdAt, authorType: 'customer', kind: 'reply' },
          ...replies.map(({ afterMs, agent }) => ({ createdAt: createdAt + afterMs, authorType: agent ? ('agent' as const) : ('customer' as const), kind: 'reply' as const })),
        ],
      },
    }));

  test('never counts fewer breaches when every target is halved', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 20 }), (tickets) => {
        const halved = edited(DEFAULT_MATRIX, (doc) => {
          for (const plan of Object.values(doc.plans)) {
            for (const cell of Object.values(plan.targets)) {
              if (!cell) continue;
              for (const key of ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const) {
                const value = cell[key];
                if (value !== null) cell[key] = Math.max(1, Math.floor(value / 2));
              }
            }
          }
        });
        const nowMs = Date.UTC(2026, 4, 1);
        const before = replayBreaches(DEFAULT_MATRIX, tickets, nowMs);
        const after = replayBreaches(halved, tickets, nowMs);
        after.cells.forEach((cell, i) => {
          const old = before.cells[i]!;
          expect(cell.tickets).toBe(old.tickets);
          expect(cell.breached).toBeGreaterThanOrEqual(old.breached);
          expect(cell.breached).toBeLessThanOrEqual(cell.tickets);
        });
        expect(after.cells.reduce((sum, cell) => sum + cell.tickets, 0)).toBe(tickets.length);
      }),
      { seed: propertySeed('replay monotone'), numRuns: NUM_RUNS },
    );
  });
});
