// The matrix a new workspace starts with, written for the sample team (src/main/services/seed):
// its four levels and seven groups, the Basic/Business/Enterprise plans, an office calendar in
// Amsterdam and one in New York, and escalation rules that reach every level.
import type { WeeklyHours } from '../../business-time/calendar';
import { DEFAULT_PAUSED_STATUSES, MATRIX_FORMAT, type MatrixDocument, type SlaTargetSpec } from './schema';

// Each day gets its own arrays: an editor that clones the document and changes Monday must not
// change Friday through a shared reference.
function week(weekdays: WeeklyHours['mon'], weekend: WeeklyHours['mon'] = []): WeeklyHours {
  const copy = (intervals: WeeklyHours['mon']): WeeklyHours['mon'] => intervals.map(([start, end]) => [start, end]);
  return {
    mon: copy(weekdays),
    tue: copy(weekdays),
    wed: copy(weekdays),
    thu: copy(weekdays),
    fri: copy(weekdays),
    sat: copy(weekend),
    sun: copy(weekend),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function target(firstResponseMinutes: number, nextResponseMinutes: number, resolutionMinutes: number): SlaTargetSpec {
  return { firstResponseMinutes, nextResponseMinutes, resolutionMinutes };
}

/**
 * The default matrix. First-response targets are the sample data's response times per plan ×
 * priority, read as business minutes; next response and resolution follow from them. Enterprise
 * urgent tickets are counted around the clock. Frozen: clone it (`structuredClone`) to edit.
 */
export const DEFAULT_MATRIX: MatrixDocument = deepFreeze({
  format: MATRIX_FORMAT,
  levels: {
    L1: {
      name: 'Helpdesk',
      scope: 'First contact: logs and categorises every request, answers known questions, escalates the rest.',
      groups: ['Helpdesk EMEA', 'Helpdesk Americas & APAC'],
      customerVisible: true,
    },
    L2: {
      name: 'Specialists',
      scope: 'Product specialists per area (billing, integrations, apps): configuration, reproduction, workarounds.',
      groups: ['Billing & Accounts', 'Integrations', 'Mobile & Apps'],
      customerVisible: true,
    },
    L3: {
      name: 'Experts',
      scope: 'Senior engineers for complex cases: data repairs, performance, infrastructure and incidents.',
      groups: ['Platform Experts'],
      customerVisible: true,
    },
    L4: {
      name: 'Development',
      scope: 'The product developers: confirmed bugs, code changes and releases.',
      groups: ['Core Development'],
      customerVisible: false,
    },
  },
  plans: {
    basic: {
      name: 'Basic',
      calendar: 'emea',
      pausedStatuses: [...DEFAULT_PAUSED_STATUSES],
      targets: {
        urgent: target(240, 480, 2400),
        high: target(480, 960, 4800),
        normal: target(1440, 1440, 9600),
        low: target(2880, 2880, 14400),
      },
    },
    business: {
      name: 'Business',
      calendar: 'customer',
      pausedStatuses: [...DEFAULT_PAUSED_STATUSES],
      targets: {
        urgent: target(60, 120, 960),
        high: target(240, 480, 2400),
        normal: target(480, 960, 4800),
        low: target(1440, 1440, 9600),
      },
    },
    enterprise: {
      name: 'Enterprise',
      calendar: 'customer',
      pausedStatuses: [...DEFAULT_PAUSED_STATUSES],
      targets: {
        urgent: { ...target(30, 60, 480), calendar: 'round-the-clock' },
        high: target(120, 240, 1440),
        normal: target(240, 480, 2880),
        low: target(480, 960, 4800),
      },
    },
  },
  calendars: {
    emea: {
      name: 'EMEA office',
      calendar: {
        timeZone: 'Europe/Amsterdam',
        weeklyHours: week([['08:30', '12:30'], ['13:00', '17:30']]),
        // Dutch public holidays 2026 and Good Friday (Easter is 5 April).
        holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26'],
      },
    },
    americas: {
      name: 'Americas office',
      calendar: {
        timeZone: 'America/New_York',
        weeklyHours: week([['09:00', '17:00']]),
        holidays: ['2026-01-01', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
      },
    },
    'round-the-clock': {
      name: 'Around the clock',
      calendar: {
        timeZone: 'UTC',
        weeklyHours: week([['00:00', '24:00']], [['00:00', '24:00']]),
        holidays: [],
      },
    },
  },
  customerHours: { hoursFrom: 'emea', holidays: ['2026-01-01', '2026-12-25'] },
  routing: {
    rules: [
      { id: 'incidents', name: 'Incidents go to the experts', when: { tags: ['incident'] }, level: 'L3', group: 'Platform Experts' },
      {
        id: 'enterprise-integrations',
        name: 'Enterprise integration questions',
        when: { plans: ['enterprise'], categories: ['integrations'] },
        level: 'L2',
        group: 'Integrations',
      },
      { id: 'privacy', name: 'Privacy requests', when: { categories: ['privacy'] }, level: 'L2', group: 'Billing & Accounts' },
    ],
    fallback: { level: 'L1', group: 'Helpdesk EMEA' },
  },
  triggers: [
    {
      id: 'first-response-warning',
      name: 'First response at 75 %',
      clock: 'firstResponse',
      at: { kind: 'share', percent: 75 },
      repeatEveryMinutes: null,
      when: {},
      actions: [{ type: 'notify', recipients: ['assignee', 'group'] }],
    },
    {
      id: 'next-response-warning',
      name: 'Next response at 75 %',
      clock: 'nextResponse',
      at: { kind: 'share', percent: 75 },
      repeatEveryMinutes: null,
      when: {},
      actions: [{ type: 'notify', recipients: ['assignee'] }],
    },
    {
      id: 'response-breach',
      name: 'Response overdue',
      clock: 'firstResponse',
      at: { kind: 'breach' },
      repeatEveryMinutes: 60,
      when: {},
      actions: [{ type: 'notify', recipients: ['assignee', 'group-lead'] }],
    },
    {
      id: 'urgent-resolution-breach',
      name: 'Urgent and high tickets overdue go up a level',
      clock: 'resolution',
      at: { kind: 'breach' },
      repeatEveryMinutes: 240,
      when: { priorities: ['urgent', 'high'] },
      actions: [{ type: 'escalate-next-level' }, { type: 'notify', recipients: ['group-lead'] }],
    },
    {
      id: 'enterprise-resolution-breach',
      name: 'Enterprise tickets overdue go up a level',
      clock: 'resolution',
      at: { kind: 'breach' },
      repeatEveryMinutes: 480,
      when: { plans: ['enterprise'] },
      actions: [{ type: 'escalate-next-level' }, { type: 'notify', recipients: ['group-lead', 'team-leads'] }],
    },
  ],
});
