import { describe, expect, test } from 'vitest';
import { DEFAULT_MATRIX } from './default-matrix';
import { type MatrixCustomerFacts, type MatrixTicketFacts, meetsConditions, resolveTicketPolicy, routeTicket } from './ticket-policy';
import { editMatrix } from './test-support';

const ticket = (fields: Partial<MatrixTicketFacts> = {}): MatrixTicketFacts => ({
  priority: 'normal',
  channel: 'email',
  category: null,
  tags: [],
  organisationId: null,
  ...fields,
});
const customer = (plan: string, timeZone = 'Europe/Amsterdam'): MatrixCustomerFacts => ({ plan, timeZone });
const emea = DEFAULT_MATRIX.calendars.emea!.calendar;

describe('resolveTicketPolicy', () => {
  test('gives the plan × priority target and the plan’s team calendar', () => {
    expect(resolveTicketPolicy(DEFAULT_MATRIX, ticket({ priority: 'normal' }), customer('basic'))).toEqual({
      ok: true,
      plan: 'basic',
      planName: 'Basic',
      priority: 'normal',
      sla: { firstResponseMinutes: 1440, nextResponseMinutes: 1440, resolutionMinutes: 9600, pausedStatuses: ['pending', 'on-hold'] },
      pausedStatuses: ['pending', 'on-hold'],
      calendar: emea,
      calendarSource: { kind: 'team', key: 'emea', name: 'EMEA office' },
      route: { ruleId: null, ruleName: null, level: 'L1', group: 'Helpdesk EMEA' },
    });
  });

  test('counts a customer-hours plan in the customer’s own zone with the team’s weekly hours', () => {
    const policy = resolveTicketPolicy(DEFAULT_MATRIX, ticket({ priority: 'high' }), customer('business', 'America/New_York'));
    expect(policy.ok && { calendar: policy.calendar, source: policy.calendarSource }).toEqual({
      calendar: { timeZone: 'America/New_York', weeklyHours: emea.weeklyHours, holidays: ['2026-01-01', '2026-12-25'] },
      source: { kind: 'customer', hoursFrom: 'emea', timeZone: 'America/New_York', fallback: false },
    });
  });

  test('gives customers in the same zone the same calendar object, so compiled days are shared', () => {
    const first = resolveTicketPolicy(DEFAULT_MATRIX, ticket(), customer('business', 'Asia/Kolkata'));
    const second = resolveTicketPolicy(DEFAULT_MATRIX, ticket({ priority: 'low' }), customer('enterprise', 'Asia/Kolkata'));
    expect(first.ok && second.ok && first.calendar === second.calendar).toBe(true);
  });

  test('falls back to the team calendar’s zone when the customer’s zone is unknown, and says so', () => {
    const policy = resolveTicketPolicy(DEFAULT_MATRIX, ticket(), customer('business', 'Mars/Olympus_Mons'));
    expect(policy.ok && { zone: policy.calendar.timeZone, source: policy.calendarSource }).toEqual({
      zone: 'Europe/Amsterdam',
      source: { kind: 'customer', hoursFrom: 'emea', timeZone: 'Europe/Amsterdam', fallback: true },
    });
  });

  test('takes the calendar of the priority’s cell over the plan’s', () => {
    const policy = resolveTicketPolicy(DEFAULT_MATRIX, ticket({ priority: 'urgent' }), customer('enterprise', 'America/Chicago'));
    expect(policy.ok && { zone: policy.calendar.timeZone, source: policy.calendarSource, targets: policy.sla }).toEqual({
      zone: 'UTC',
      source: { kind: 'team', key: 'round-the-clock', name: 'Around the clock' },
      targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480, pausedStatuses: ['pending', 'on-hold'] },
    });
  });

  test('takes the plan’s paused statuses', () => {
    const matrix = editMatrix((doc) => (doc.plans.enterprise!.pausedStatuses = ['pending']));
    const policy = resolveTicketPolicy(matrix, ticket(), customer('enterprise'));
    expect(policy.ok && [policy.pausedStatuses, policy.sla.pausedStatuses]).toEqual([['pending'], ['pending']]);
  });

  test('answers unknown-plan for a plan the matrix does not have', () => {
    expect(resolveTicketPolicy(DEFAULT_MATRIX, ticket(), customer('platinum'))).toEqual({
      ok: false,
      code: 'unknown-plan',
      message: 'The matrix has no plan "platinum"',
    });
  });

  test('answers missing-target when an unvalidated matrix lacks the cell', () => {
    const matrix = editMatrix((doc) => delete doc.plans.basic!.targets.low);
    expect(resolveTicketPolicy(matrix, ticket({ priority: 'low' }), customer('basic'))).toEqual({
      ok: false,
      code: 'missing-target',
      message: 'Basic × low has no SLA target',
    });
  });
});

describe('routeTicket', () => {
  // The default rules: incident tag → L3 Platform Experts; Enterprise integrations → L2
  // Integrations; privacy → L2 Billing & Accounts; everything else → L1 Helpdesk EMEA.
  const ROUTES: [string, MatrixTicketFacts, string, string][] = [
    ['an incident, whatever else it is', ticket({ tags: ['incident', 'api'], category: 'privacy' }), 'enterprise', 'incidents L3 Platform Experts'],
    ['an Enterprise integration question', ticket({ category: 'integrations' }), 'enterprise', 'enterprise-integrations L2 Integrations'],
    ['a Business integration question', ticket({ category: 'integrations' }), 'business', 'fallback L1 Helpdesk EMEA'],
    ['a privacy request', ticket({ category: 'privacy', channel: 'web' }), 'basic', 'privacy L2 Billing & Accounts'],
    ['a ticket without category', ticket({ category: null }), 'basic', 'fallback L1 Helpdesk EMEA'],
  ];
  test.each(ROUTES)('routes %s by the first matching rule', (_label, facts, plan, expected) => {
    const route = routeTicket(DEFAULT_MATRIX, facts, plan);
    expect(`${route.ruleId ?? 'fallback'} ${route.level} ${route.group}`).toBe(expected);
  });
});

describe('meetsConditions', () => {
  const facts = ticket({ priority: 'high', channel: 'phone', category: 'billing', tags: ['vip', 'invoice'], organisationId: 'org-1', level: 'L2', group: 'Billing & Accounts' });
  const CASES: [string, Parameters<typeof meetsConditions>[0], boolean][] = [
    ['no conditions', {}, true],
    ['its plan', { plans: ['business', 'enterprise'] }, true],
    ['another plan', { plans: ['basic'] }, false],
    ['its priority and channel', { priorities: ['high'], channels: ['phone', 'chat'] }, true],
    ['another channel', { channels: ['email'] }, false],
    ['tags it all carries', { tags: ['vip', 'invoice'] }, true],
    ['a tag it lacks', { tags: ['vip', 'refund'] }, false],
    ['its organisation', { organisations: ['org-1'] }, true],
    ['its level and group', { levels: ['L2'], groups: ['Billing & Accounts'] }, true],
    ['another level', { levels: ['L1'] }, false],
    ['a category', { categories: ['billing'] }, true],
  ];
  test.each(CASES)('tests %s', (_label, when, expected) => {
    expect(meetsConditions(when, facts, 'enterprise')).toBe(expected);
  });

  test('never matches a category, organisation, level or group condition on a ticket that has none', () => {
    const bare = ticket();
    expect([
      meetsConditions({ categories: ['billing'] }, bare, 'basic'),
      meetsConditions({ organisations: ['org-1'] }, bare, 'basic'),
      meetsConditions({ levels: ['L1'] }, bare, 'basic'),
      meetsConditions({ groups: ['Helpdesk EMEA'] }, bare, 'basic'),
    ]).toEqual([false, false, false, false]);
  });
});
