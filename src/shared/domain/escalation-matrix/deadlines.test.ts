import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runBusinessClock } from '../../business-time/business-clock';
import type { SlaMessage, SlaStatusChange, SlaTimeline } from '../../business-time/sla-clocks';
import { at, env, propertySeed } from '../../business-time/test-support';
import { DEFAULT_MATRIX } from './default-matrix';
import { type MatrixFacts, computeTicketDeadlines, explainTicketClock } from './deadlines';
import { editMatrix } from './test-support';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 100);

const customerMessage = (iso: string): SlaMessage => ({ createdAt: at(iso), authorType: 'customer', kind: 'reply' });
const agentReply = (iso: string): SlaMessage => ({ createdAt: at(iso), authorType: 'agent', kind: 'reply' });
const status = (iso: string, value: string): SlaStatusChange => ({ at: at(iso), status: value });
const timeline = (createdIso: string, messages: SlaMessage[] = [customerMessage(createdIso)], statusChanges: SlaStatusChange[] = []): SlaTimeline => ({
  createdAt: at(createdIso),
  initialStatus: 'new',
  statusChanges,
  messages,
});
const facts = (plan: string, priority: MatrixFacts['ticket']['priority'], timeZone = 'Europe/Amsterdam'): MatrixFacts => ({
  ticket: { priority, channel: 'email', category: 'billing', tags: [], organisationId: null, level: 'L1', group: 'Helpdesk EMEA' },
  customer: { plan, timeZone },
});

// The EMEA office calendar: Mon–Fri 08:30–12:30 and 13:00–17:30 Amsterdam (510 minutes a day),
// closed on Good Friday (3 April 2026) and Easter Monday (6 April). 27 March 2026 is a Friday;
// the clocks go forward on Sunday 29 March (+01:00 → +02:00).
const FRI_1600 = '2026-03-27T16:00+01:00';

describe('computeTicketDeadlines', () => {
  test('times a Basic urgent ticket on the office calendar across a weekend and the DST change', () => {
    // first response: Fri 16:00 + 240 = Fri 16:00–17:30 (90) + Mon 08:30–11:00 (150) = Mon 11:00 +02:00
    // resolution 2400: Fri 90 + Mon–Thu 4 × 510 = 2130, Good Friday and Easter Monday closed,
    //   Tue 7 April 08:30–12:30 (240) + 13:00–13:30 (30) = Tue 13:30 +02:00
    // now Mon 10:00: 60 minutes of first response left
    const result = computeTicketDeadlines(DEFAULT_MATRIX, 7, facts('basic', 'urgent'), timeline(FRI_1600), at('2026-03-30T10:00+02:00'));
    if (!result.ok) throw new Error(result.message);
    expect({
      firstResponse: result.sla.firstResponse,
      resolutionDueAt: result.sla.resolution.state === 'running' ? result.sla.resolution.dueAt : null,
      nextDeadline: result.nextDeadline,
      breached: result.breached,
      explanation: result.explanation,
    }).toEqual({
      firstResponse: {
        state: 'running',
        startedAt: at(FRI_1600),
        targetMinutes: 240,
        pauses: [],
        dueAt: at('2026-03-30T11:00+02:00'),
        remainingMinutes: 60,
      },
      resolutionDueAt: at('2026-04-07T13:30+02:00'),
      nextDeadline: { clock: 'firstResponse', dueAt: at('2026-03-30T11:00+02:00') },
      breached: false,
      explanation: {
        matrixVersion: 7,
        policy: 'Basic × urgent',
        calendar: 'EMEA office (Europe/Amsterdam)',
        pausedStatuses: ['pending', 'on-hold'],
        summary: 'Basic × urgent under escalation matrix version 7, counted in EMEA office (Europe/Amsterdam), paused while pending or on-hold; next deadline: first response.',
      },
    });
  });

  test('schedules the triggers that match the ticket on its running clocks', () => {
    // 75 % of 240 = 180: Fri 90 + Mon 08:30–10:00 (90) = Mon 10:00, which is now: fired once.
    const result = computeTicketDeadlines(DEFAULT_MATRIX, 7, facts('basic', 'urgent'), timeline(FRI_1600), at('2026-03-30T10:00+02:00'));
    expect(result.ok && result.triggers.map(({ triggerId, firstAt, firedTimes, nextAt }) => ({ triggerId, firstAt, firedTimes, nextAt }))).toEqual([
      { triggerId: 'first-response-warning', firstAt: at('2026-03-30T10:00+02:00'), firedTimes: 1, nextAt: null },
      { triggerId: 'response-breach', firstAt: at('2026-03-30T11:00+02:00'), firedTimes: 0, nextAt: at('2026-03-30T11:00+02:00') },
      // Urgent tickets' resolution breach; the Enterprise trigger does not match a Basic ticket.
      { triggerId: 'urgent-resolution-breach', firstAt: at('2026-04-07T13:30+02:00'), firedTimes: 0, nextAt: at('2026-04-07T13:30+02:00') },
    ]);
  });

  test('counts the repeats of a breach trigger in business minutes', () => {
    // Business urgent, customer in New York on the office's weekly hours (08:30–12:30, 13:00–17:30 there):
    // created Fri 16:00 −04:00, first response 60 → Fri 17:00 breached; repeats every 60 business
    // minutes: Fri 17:00–17:30 (30) + Mon 08:30–10:00 (90) = 120 by Mon 10:00 → fired 3 times;
    // the next at 180: Mon 11:00.
    const result = computeTicketDeadlines(DEFAULT_MATRIX, 3, facts('business', 'urgent', 'America/New_York'), timeline('2026-03-27T16:00-04:00'), at('2026-03-30T10:00-04:00'));
    if (!result.ok) throw new Error(result.message);
    expect({
      breachedClocks: result.breachedClocks,
      repeat: result.triggers.find((t) => t.triggerId === 'response-breach'),
      calendar: result.explanation.calendar,
    }).toEqual({
      breachedClocks: ['firstResponse'],
      repeat: {
        triggerId: 'response-breach',
        triggerName: 'Response overdue',
        clock: 'firstResponse',
        firstAt: at('2026-03-27T17:00-04:00'),
        firedTimes: 3,
        nextAt: at('2026-03-30T11:00-04:00'),
        actions: [{ type: 'notify', recipients: ['assignee', 'group-lead'] }],
      },
      calendar: "the customer's business hours in America/New_York (the weekly hours of EMEA office)",
    });
  });

  test('holds the clocks and the breach triggers while the ticket is pending', () => {
    // Replied Fri 16:30 and set pending; the customer answers Mon 09:00 (next response starts) but
    // the ticket stays pending: the resolution and next-response clocks are paused since Fri 16:30.
    const result = computeTicketDeadlines(
      DEFAULT_MATRIX,
      7,
      facts('basic', 'high'),
      timeline(FRI_1600, [customerMessage(FRI_1600), agentReply('2026-03-27T16:30+01:00'), customerMessage('2026-03-30T09:00+02:00')], [status('2026-03-27T16:30+01:00', 'pending')]),
      at('2026-03-30T12:00+02:00'),
    );
    if (!result.ok) throw new Error(result.message);
    expect({
      firstResponse: result.sla.firstResponse.state,
      nextResponse: result.sla.nextResponse.state,
      resolution: result.sla.resolution.state,
      nextDeadline: result.nextDeadline,
      triggers: result.triggers.map(({ triggerId, firstAt, nextAt }) => ({ triggerId, firstAt, nextAt })),
    }).toEqual({
      firstResponse: 'met',
      nextResponse: 'paused',
      resolution: 'paused',
      nextDeadline: null,
      triggers: [
        { triggerId: 'next-response-warning', firstAt: null, nextAt: null },
        { triggerId: 'urgent-resolution-breach', firstAt: null, nextAt: null },
      ],
    });
  });

  test('counts Enterprise urgent tickets around the clock', () => {
    // Saturday 10:00 UTC + 30 minutes on the 24/7 calendar = Saturday 10:30 UTC
    const result = computeTicketDeadlines(DEFAULT_MATRIX, 1, facts('enterprise', 'urgent', 'Asia/Tokyo'), timeline('2026-03-28T10:00Z'), at('2026-03-28T10:10Z'));
    expect(result.ok && [result.nextDeadline, result.explanation.calendar]).toEqual([
      { clock: 'firstResponse', dueAt: at('2026-03-28T10:30Z') },
      'Around the clock (UTC)',
    ]);
  });

  test('answers without a policy, naming the matrix version, when the plan is not in the matrix', () => {
    expect(computeTicketDeadlines(DEFAULT_MATRIX, 4, facts('gold', 'low'), timeline(FRI_1600), at(FRI_1600))).toEqual({
      ok: false,
      matrixVersion: 4,
      code: 'unknown-plan',
      message: 'The matrix has no plan "gold"',
    });
  });

  test('explains a clock with the intervals that counted and the days skipped', () => {
    const result = computeTicketDeadlines(DEFAULT_MATRIX, 7, facts('basic', 'urgent'), timeline(FRI_1600), at('2026-03-30T10:00+02:00'));
    const explanation = explainTicketClock(result, 'firstResponse');
    expect(
      explanation && {
        dueAt: explanation.outcome === 'due' ? explanation.dueAt : null,
        counted: explanation.countedMinutes,
        segments: explanation.segments.map((s) => `${s.kind === 'counted' ? 'counted' : s.reason} ${s.fromLocal} ${s.toLocal} ${s.minutes}`),
      },
    ).toEqual({
      dueAt: at('2026-03-30T11:00+02:00'),
      counted: 240,
      segments: [
        'counted 2026-03-27T16:00+01:00 2026-03-27T17:30+01:00 90',
        'closed 2026-03-27T17:30+01:00 2026-03-28T00:00+01:00 0',
        'weekend 2026-03-28T00:00+01:00 2026-03-30T00:00+02:00 0',
        'closed 2026-03-30T00:00+02:00 2026-03-30T08:30+02:00 0',
        'counted 2026-03-30T08:30+02:00 2026-03-30T11:00+02:00 150',
      ],
    });
    expect(explainTicketClock(result, 'nextResponse')).toBeNull();
  });
});

describe('computeTicketDeadlines laws (fast-check)', () => {
  const zones = ['Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'America/Santiago', 'Pacific/Chatham'];

  test('times customer-hours plans exactly as a team calendar in the customer’s zone with the same hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }),
        fc.integer({ min: 0, max: 14 * 86_400_000 }),
        fc.constantFrom('low' as const, 'normal' as const, 'high' as const),
        (zone, createdAt, age, priority) => {
          const explicit = editMatrix((doc) => {
            doc.calendars.local = { name: 'Local', calendar: { timeZone: zone, weeklyHours: doc.calendars.emea!.calendar.weeklyHours, holidays: doc.customerHours.holidays } };
            doc.plans.business!.calendar = 'local';
          });
          const history: SlaTimeline = { createdAt, initialStatus: 'new', statusChanges: [], messages: [{ createdAt, authorType: 'customer', kind: 'reply' }] };
          const viaCustomer = computeTicketDeadlines(DEFAULT_MATRIX, 1, facts('business', priority, zone), history, createdAt + age);
          const viaTeam = computeTicketDeadlines(explicit, 1, facts('business', priority, zone), history, createdAt + age);
          expect(viaCustomer.ok && viaTeam.ok && viaCustomer.sla).toEqual(viaTeam.ok && viaTeam.sla);
        },
      ),
      { seed: propertySeed('customer hours'), numRuns: NUM_RUNS },
    );
  });

  test('fires a share trigger no later than the breach of the same clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }), fc.integer({ min: 1, max: 99 }), (createdAt, percent) => {
        const matrix = editMatrix((doc) => {
          doc.triggers[0]!.at = { kind: 'share', percent };
        });
        const history: SlaTimeline = { createdAt, initialStatus: 'new', statusChanges: [], messages: [{ createdAt, authorType: 'customer', kind: 'reply' }] };
        const result = computeTicketDeadlines(matrix, 1, facts('basic', 'normal'), history, createdAt);
        if (!result.ok) throw new Error(result.message);
        const share = result.triggers.find((t) => t.triggerId === 'first-response-warning')!;
        const breach = result.triggers.find((t) => t.triggerId === 'response-breach')!;
        expect(share.firstAt! <= breach.firstAt!).toBe(true);
        expect(breach.firstAt).toBe(result.sla.firstResponse.state === 'running' ? result.sla.firstResponse.dueAt : null);
      }),
      { seed: propertySeed('share before breach'), numRuns: NUM_RUNS },
    );
  });

  test('puts the next repeat of a breach trigger at first + (times fired) × the interval, pauses skipped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }),
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.record({ fromH: fc.integer({ min: 0, max: 400 }), hours: fc.integer({ min: 1, max: 48 }) }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 500 * 3_600_000 }),
        (createdAt, every, holds, age) => {
          const matrix = editMatrix((doc) => (doc.triggers[2]!.repeatEveryMinutes = every));
          const statusChanges = holds
            .sort((a, b) => a.fromH - b.fromH)
            .flatMap(({ fromH, hours }) => [
              { at: createdAt + fromH * 3_600_000, status: 'pending' },
              { at: createdAt + (fromH + hours) * 3_600_000, status: 'open' },
            ]);
          const history: SlaTimeline = { createdAt, initialStatus: 'new', statusChanges, messages: [{ createdAt, authorType: 'customer', kind: 'reply' }] };
          const result = computeTicketDeadlines(matrix, 1, facts('basic', 'urgent'), history, createdAt + age);
          if (!result.ok) throw new Error(result.message);
          const repeat = result.triggers.find((t) => t.triggerId === 'response-breach');
          const clock = result.sla.firstResponse;
          if (!repeat || repeat.firstAt === null || repeat.firedTimes === 0 || clock.state === 'inactive') return;
          const naive = runBusinessClock(result.policy.calendar, repeat.firstAt, repeat.firedTimes * every, clock.pauses);
          expect(repeat.nextAt).toBe(naive.outcome === 'due' ? naive.dueAt : null);
        },
      ),
      { seed: propertySeed('breach repeats'), numRuns: NUM_RUNS },
    );
  });
});
