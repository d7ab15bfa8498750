import { describe, expect, test } from 'vitest';
import { explainDeadline } from './explain-deadline';
import { type SlaMessage, type SlaPolicy, type SlaStatusChange, type SlaTimeline, computeTicketSla, slaPolicySchema } from './sla-clocks';
import { at, makeCalendar, weekdays } from './test-support';

// Mon–Fri 09:00–17:00 Amsterdam; 2026-03-16 is a Monday (+01:00).
const calendar = makeCalendar('Europe/Amsterdam', weekdays(['09:00', '17:00']));
const policy: SlaPolicy = {
  firstResponseMinutes: 60,
  nextResponseMinutes: 120,
  resolutionMinutes: 480,
  pausedStatuses: ['pending', 'on-hold'],
};

const customer = (iso: string): SlaMessage => ({ createdAt: at(iso), authorType: 'customer', kind: 'reply' });
const agentReply = (iso: string): SlaMessage => ({ createdAt: at(iso), authorType: 'agent', kind: 'reply' });
const agentNote = (iso: string): SlaMessage => ({ createdAt: at(iso), authorType: 'agent', kind: 'note' });
const status = (iso: string, value: string): SlaStatusChange => ({ at: at(iso), status: value });

function ticket(createdIso: string, messages: SlaMessage[], statusChanges: SlaStatusChange[] = []): SlaTimeline {
  return { createdAt: at(createdIso), initialStatus: 'new', statusChanges, messages };
}

const MON_0900 = '2026-03-16T09:00+01:00';

describe('computeTicketSla', () => {
  test('runs the first-response and resolution clocks when a new ticket has no reply yet', () => {
    // created Mon 09:00; first response 09:00 + 60 = 10:00; resolution 09:00 + 480 = 17:00; now 09:30
    const sla = computeTicketSla({ policy, calendar, timeline: ticket(MON_0900, [customer(MON_0900)]), nowMs: at('2026-03-16T09:30+01:00') });
    expect(sla).toEqual({
      firstResponse: {
        state: 'running',
        startedAt: at(MON_0900),
        targetMinutes: 60,
        pauses: [],
        dueAt: at('2026-03-16T10:00+01:00'),
        remainingMinutes: 30,
      },
      nextResponse: { state: 'inactive' },
      nextResponseCycles: [],
      resolution: {
        state: 'running',
        startedAt: at(MON_0900),
        targetMinutes: 480,
        pauses: [],
        dueAt: at('2026-03-16T17:00+01:00'),
        remainingMinutes: 450,
      },
      nextDeadline: { clock: 'firstResponse', dueAt: at('2026-03-16T10:00+01:00') },
      breached: false,
      breachedClocks: [],
    });
  });

  test('meets the first response when an agent replies publicly in time', () => {
    // due Mon 10:00, public reply 09:40
    const timeline = ticket(MON_0900, [customer(MON_0900), agentReply('2026-03-16T09:40+01:00')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T11:00+01:00') });
    expect(sla.firstResponse).toEqual({
      state: 'met',
      startedAt: at(MON_0900),
      targetMinutes: 60,
      pauses: [],
      dueAt: at('2026-03-16T10:00+01:00'),
      metAt: at('2026-03-16T09:40+01:00'),
      metBy: 'reply',
      breachedAt: null,
    });
    expect(sla.nextDeadline).toEqual({ clock: 'resolution', dueAt: at('2026-03-16T17:00+01:00') });
  });

  test('breaches the first response when the agent only adds an internal note', () => {
    // due Mon 10:00; an internal note at 09:40 is no response; now 10:30 → breached at 10:00
    const timeline = ticket(MON_0900, [customer(MON_0900), agentNote('2026-03-16T09:40+01:00')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T10:30+01:00') });
    expect(sla.firstResponse).toEqual({
      state: 'breached',
      startedAt: at(MON_0900),
      targetMinutes: 60,
      pauses: [],
      dueAt: at('2026-03-16T10:00+01:00'),
      breachedAt: at('2026-03-16T10:00+01:00'),
    });
    expect(sla).toMatchObject({ breached: true, breachedClocks: ['firstResponse'] });
  });

  test('records when a clock breached when the reply came late', () => {
    // due Mon 10:00, reply 10:30 → met, but breached at 10:00
    const timeline = ticket(MON_0900, [customer(MON_0900), agentReply('2026-03-16T10:30+01:00')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T11:00+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'met', metAt: at('2026-03-16T10:30+01:00'), breachedAt: at('2026-03-16T10:00+01:00') });
    expect(sla.breached).toBe(false);
  });

  test('counts the reply as late when the minutes ran out at closing and the reply came after hours', () => {
    // created Mon 16:00 + 60 = Mon 17:00; reply Mon 18:00: no business minute passed, still late
    const timeline = ticket('2026-03-16T16:00+01:00', [agentReply('2026-03-16T18:00+01:00')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T19:00+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'met', dueAt: at('2026-03-16T17:00+01:00'), breachedAt: at('2026-03-16T17:00+01:00') });
  });

  test('counts business minutes only when a ticket arrives on Friday afternoon', () => {
    // Fri 16:30 + 60 = Fri 16:30–17:00 (30) + Mon 09:00–09:30 (30) = Mon 09:30; now Mon 09:15 → 15 left
    const timeline = ticket('2026-03-13T16:30+01:00', [customer('2026-03-13T16:30+01:00')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T09:15+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'running', dueAt: at('2026-03-16T09:30+01:00'), remainingMinutes: 15 });
  });

  test('starts the next-response clock at the first customer message after a reply and stops it at the next reply', () => {
    // reply 09:30; customer 10:00 starts next response (10:00 + 120 = 12:00); customer 10:30 does not restart it;
    // reply 11:30 meets it; customer 13:00 starts a second cycle (13:00 + 120 = 15:00)
    const timeline = ticket(MON_0900, [
      customer(MON_0900),
      agentReply('2026-03-16T09:30+01:00'),
      customer('2026-03-16T10:00+01:00'),
      customer('2026-03-16T10:30+01:00'),
      agentReply('2026-03-16T11:30+01:00'),
      customer('2026-03-16T13:00+01:00'),
    ]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T14:00+01:00') });
    expect(sla.nextResponseCycles).toEqual([
      {
        state: 'met',
        startedAt: at('2026-03-16T10:00+01:00'),
        targetMinutes: 120,
        pauses: [],
        dueAt: at('2026-03-16T12:00+01:00'),
        metAt: at('2026-03-16T11:30+01:00'),
        metBy: 'reply',
        breachedAt: null,
      },
      {
        state: 'running',
        startedAt: at('2026-03-16T13:00+01:00'),
        targetMinutes: 120,
        pauses: [],
        dueAt: at('2026-03-16T15:00+01:00'),
        remainingMinutes: 60,
      },
    ]);
    expect(sla.nextResponse).toEqual(sla.nextResponseCycles[1]);
    expect(sla.nextDeadline).toEqual({ clock: 'nextResponse', dueAt: at('2026-03-16T15:00+01:00') });
  });

  test('pauses the resolution clock while pending and resumes it when the customer answers', () => {
    // reply + pending Mon 09:10 (10 of 480 used); customer answers and status open Tue 10:00:
    // 470 left from Tue 10:00 = Tue 10:00–17:00 (420) + Wed 09:00–09:50 (50) = Wed 09:50
    const timeline = ticket(
      MON_0900,
      [customer(MON_0900), agentReply('2026-03-16T09:10+01:00'), customer('2026-03-17T10:00+01:00')],
      [status(MON_0900, 'open'), status('2026-03-16T09:10+01:00', 'pending'), status('2026-03-17T10:00+01:00', 'open')],
    );
    const whilePending = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T15:00+01:00') });
    expect(whilePending.resolution).toEqual({
      state: 'paused',
      startedAt: at(MON_0900),
      targetMinutes: 480,
      pauses: [{ fromMs: at('2026-03-16T09:10+01:00'), toMs: null }],
      pausedAt: at('2026-03-16T09:10+01:00'),
      remainingMinutes: 470,
    });
    expect(whilePending.nextDeadline).toBeNull();

    const afterAnswer = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-17T11:00+01:00') });
    expect(afterAnswer.resolution).toMatchObject({ state: 'running', dueAt: at('2026-03-18T09:50+01:00') });
    // the customer's answer starts next response: Tue 10:00 + 120 = Tue 12:00
    expect(afterAnswer.nextResponse).toMatchObject({ state: 'running', dueAt: at('2026-03-17T12:00+01:00'), remainingMinutes: 60 });
    expect(afterAnswer.nextDeadline).toEqual({ clock: 'nextResponse', dueAt: at('2026-03-17T12:00+01:00') });
  });

  test('resumes the resolution clock where it stopped when a solved ticket is reopened', () => {
    // solved Mon 12:00 after 180 minutes; reopened Tue 10:00 → 300 left = Tue 15:00
    const timeline = ticket(
      MON_0900,
      [customer(MON_0900), agentReply('2026-03-16T09:30+01:00'), customer('2026-03-17T10:00+01:00')],
      [status('2026-03-16T12:00+01:00', 'solved'), status('2026-03-17T10:00+01:00', 'open')],
    );
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-17T11:00+01:00') });
    expect(sla.resolution).toEqual({
      state: 'running',
      startedAt: at(MON_0900),
      targetMinutes: 480,
      pauses: [{ fromMs: at('2026-03-16T12:00+01:00'), toMs: at('2026-03-17T10:00+01:00') }],
      dueAt: at('2026-03-17T15:00+01:00'),
      remainingMinutes: 240,
    });
  });

  test('meets the resolution clock at the solve when the ticket is solved', () => {
    // solved Mon 12:00; due as it stood then: Mon 09:00 + 480 = Mon 17:00
    const timeline = ticket(MON_0900, [customer(MON_0900), agentReply('2026-03-16T09:30+01:00')], [status('2026-03-16T12:00+01:00', 'solved')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-17T11:00+01:00') });
    expect(sla.resolution).toEqual({
      state: 'met',
      startedAt: at(MON_0900),
      targetMinutes: 480,
      pauses: [],
      dueAt: at('2026-03-16T17:00+01:00'),
      metAt: at('2026-03-16T12:00+01:00'),
      metBy: 'solved',
      breachedAt: null,
    });
    expect(sla.nextDeadline).toBeNull();
  });

  test('settles the owed response when the ticket is solved without a reply, and starts a new one at the next customer message', () => {
    // solved 09:20 without a public reply → first response met by solving; customer writes Tue 10:00 → next response to 12:00
    const timeline = ticket(
      MON_0900,
      [customer(MON_0900), customer('2026-03-17T10:00+01:00')],
      [status('2026-03-16T09:20+01:00', 'solved'), status('2026-03-17T10:00+01:00', 'open')],
    );
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-17T10:30+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'met', metAt: at('2026-03-16T09:20+01:00'), metBy: 'solved' });
    expect(sla.nextResponse).toMatchObject({ state: 'running', startedAt: at('2026-03-17T10:00+01:00'), dueAt: at('2026-03-17T12:00+01:00') });
  });

  test('counts the reply as the response when a reply and the solve happen at the same instant', () => {
    const timeline = ticket(MON_0900, [customer(MON_0900), agentReply('2026-03-16T09:20+01:00')], [status('2026-03-16T09:20+01:00', 'solved')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T10:00+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'met', metBy: 'reply' });
  });

  test('pauses a clock when the pause starts exactly now', () => {
    const timeline = ticket(MON_0900, [customer(MON_0900)], [status('2026-03-16T09:30+01:00', 'on-hold')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T09:30+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'paused', pausedAt: at('2026-03-16T09:30+01:00'), remainingMinutes: 30 });
  });

  test('stays breached when the ticket is paused after its deadline passed', () => {
    // first response due Mon 10:00; pending only from 11:00; now 12:00 → breached at 10:00
    const timeline = ticket(MON_0900, [customer(MON_0900)], [status('2026-03-16T11:00+01:00', 'pending')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T12:00+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'breached', dueAt: at('2026-03-16T10:00+01:00') });
    expect(sla.resolution).toMatchObject({ state: 'paused', remainingMinutes: 360 });
  });

  test('ignores events after now when computing the SLA as it stood', () => {
    // the reply at 10:30 has not happened at 09:50: first response still running, 10 minutes left
    const timeline = ticket(MON_0900, [customer(MON_0900), agentReply('2026-03-16T10:30+01:00')], [status('2026-03-16T10:30+01:00', 'solved')]);
    const sla = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-16T09:50+01:00') });
    expect(sla.firstResponse).toMatchObject({ state: 'running', remainingMinutes: 10 });
    expect(sla.resolution).toMatchObject({ state: 'running' });
  });

  test('leaves a clock inactive when the policy sets no target for it', () => {
    const noTargets: SlaPolicy = { ...policy, firstResponseMinutes: null, resolutionMinutes: null };
    const sla = computeTicketSla({ policy: noTargets, calendar, timeline: ticket(MON_0900, [customer(MON_0900)]), nowMs: at('2026-03-16T12:00+01:00') });
    expect(sla).toMatchObject({ firstResponse: { state: 'inactive' }, resolution: { state: 'inactive' }, nextDeadline: null, breached: false });
  });

  test('gives explainDeadline what reproduces the deadline when a clock is explained', () => {
    // as in the reopen case: due Tue 15:00, the solved night is paused time
    const timeline = ticket(
      MON_0900,
      [customer(MON_0900), agentReply('2026-03-16T09:30+01:00')],
      [status('2026-03-16T12:00+01:00', 'solved'), status('2026-03-17T10:00+01:00', 'open')],
    );
    const { resolution } = computeTicketSla({ policy, calendar, timeline, nowMs: at('2026-03-17T11:00+01:00') });
    if (resolution.state !== 'running') throw new Error(`expected running, got ${resolution.state}`);
    const explanation = explainDeadline(calendar, resolution.startedAt, resolution.targetMinutes, resolution.pauses);
    // paused Mon 12:00–17:00 (300) + Tue 09:00–10:00 (60) = 360 business minutes held
    expect(explanation).toMatchObject({ outcome: 'due', dueAt: resolution.dueAt, countedMinutes: 480, pausedMinutes: 360 });
  });
});

describe('slaPolicySchema', () => {
  test('accepts whole positive targets and null when a policy is valid', () => {
    expect(slaPolicySchema.safeParse({ ...policy, nextResponseMinutes: null }).success).toBe(true);
  });

  test('rejects a target when it is zero, negative or fractional', () => {
    for (const bad of [0, -5, 12.5]) {
      expect(slaPolicySchema.safeParse({ ...policy, firstResponseMinutes: bad }).success).toBe(false);
    }
  });
});
