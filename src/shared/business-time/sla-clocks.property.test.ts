// Randomised checks of the SLA clocks over random ticket histories (messages, status changes,
// pauses, solves and reopens) in a DST zone. Every run logs its seed; replay with FC_SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { explainDeadline } from './explain-deadline';
import { SLA_CLOCKS, type SlaClockState, type SlaPolicy, type SlaTimeline, computeTicketSla } from './sla-clocks';
import { env, makeCalendar, propertySeed, weekdays } from './test-support';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 200);
const calendar = makeCalendar('America/New_York', weekdays(['08:00', '12:00'], ['13:00', '18:00']), ['2026-03-09', '2026-11-26']);
const policy: SlaPolicy = { firstResponseMinutes: 60, nextResponseMinutes: 240, resolutionMinutes: 1440, pausedStatuses: ['pending', 'on-hold'] };
const HOUR_MS = 3_600_000;

const timelineArb: fc.Arbitrary<SlaTimeline> = fc
  .record({
    // Around both 2026 DST transitions in New York.
    createdAt: fc.oneof(
      fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 2, 15) }),
      fc.integer({ min: Date.UTC(2026, 9, 25), max: Date.UTC(2026, 10, 8) }),
    ),
    messages: fc.array(
      fc.record({
        offsetMs: fc.integer({ min: 0, max: 14 * 24 * HOUR_MS }),
        authorType: fc.constantFrom('customer' as const, 'agent' as const, 'system' as const),
        kind: fc.constantFrom('reply' as const, 'note' as const),
      }),
      { maxLength: 12 },
    ),
    statusChanges: fc.array(
      fc.record({
        offsetMs: fc.integer({ min: 0, max: 14 * 24 * HOUR_MS }),
        status: fc.constantFrom('open', 'pending', 'on-hold', 'solved', 'closed'),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ createdAt, messages, statusChanges }) => ({
    createdAt,
    initialStatus: 'new',
    messages: messages.map(({ offsetMs, authorType, kind }) => ({ createdAt: createdAt + offsetMs, authorType, kind })),
    statusChanges: statusChanges.map(({ offsetMs, status }) => ({ at: createdAt + offsetMs, status })),
  }));

const nowOffsetArb = fc.integer({ min: 0, max: 21 * 24 * HOUR_MS });

function clocksOf(sla: ReturnType<typeof computeTicketSla>): SlaClockState[] {
  return [sla.firstResponse, sla.resolution, ...sla.nextResponseCycles];
}

describe('SLA clock laws (fast-check)', () => {
  test('reproduces every clock from its basis when the basis is explained', () => {
    fc.assert(
      fc.property(timelineArb, nowOffsetArb, (timeline, nowOffset) => {
        const nowMs = timeline.createdAt + nowOffset;
        for (const clock of clocksOf(computeTicketSla({ policy, calendar, timeline, nowMs }))) {
          if (clock.state === 'inactive' || clock.state === 'beyond-horizon') continue;
          const explanation = explainDeadline(calendar, clock.startedAt, clock.targetMinutes, clock.pauses);
          if (clock.state === 'paused') {
            expect(explanation).toMatchObject({ outcome: 'paused', pausedAt: clock.pausedAt });
            expect(clock.remainingMinutes).toBeGreaterThan(0);
            expect(clock.pausedAt).toBeLessThanOrEqual(nowMs);
          } else {
            expect(explanation).toMatchObject({ outcome: 'due', dueAt: clock.dueAt, countedMinutes: clock.targetMinutes });
          }
          if (clock.state === 'running') expect(clock.dueAt).toBeGreaterThanOrEqual(nowMs);
          if (clock.state === 'breached') expect(clock.dueAt).toBeLessThan(nowMs);
          if (clock.state === 'met') expect(clock.metAt).toBeLessThanOrEqual(nowMs);
        }
      }),
      { seed: propertySeed('SLA clocks explain themselves'), numRuns: NUM_RUNS },
    );
  });

  test('keeps every deadline where it is when time passes without events', () => {
    fc.assert(
      fc.property(timelineArb, nowOffsetArb, fc.integer({ min: 1, max: 5 * 24 * HOUR_MS }), (timeline, nowOffset, laterMs) => {
        const nowMs = timeline.createdAt + nowOffset;
        // Only what happened up to now: later, nothing else happens.
        const past: SlaTimeline = {
          ...timeline,
          messages: timeline.messages.filter((message) => message.createdAt <= nowMs),
          statusChanges: timeline.statusChanges.filter((change) => change.at <= nowMs),
        };
        const before = computeTicketSla({ policy, calendar, timeline: past, nowMs });
        const after = computeTicketSla({ policy, calendar, timeline: past, nowMs: nowMs + laterMs });
        for (const name of SLA_CLOCKS) {
          const a = before[name];
          const b = after[name];
          if (a.state === 'running') {
            expect(b).toMatchObject({ dueAt: a.dueAt, state: a.dueAt < nowMs + laterMs ? 'breached' : 'running' });
          } else if (a.state === 'paused') {
            expect(b).toMatchObject({ state: 'paused', pausedAt: a.pausedAt, remainingMinutes: a.remainingMinutes });
          } else {
            expect(b).toEqual(a);
          }
        }
      }),
      { seed: propertySeed('SLA deadlines do not drift'), numRuns: NUM_RUNS },
    );
  });
});
