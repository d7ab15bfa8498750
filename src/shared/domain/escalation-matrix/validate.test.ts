import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { env, log, propertySeed } from '../../business-time/test-support';
import { SUPPORT_PLANS } from '../customer';
import { TICKET_PRIORITIES } from '../ticket';
import { DEFAULT_MATRIX } from './default-matrix';
import type { MatrixDocument } from './schema';
import { clone, editMatrix, monotonicMs, realisticMatrix } from './test-support';
import {
  MATRIX_PROBLEM_CODES,
  type MatrixProblem,
  checkMatrixRules,
  describeMatrixProblem,
  matrixDocumentSchema,
  matrixVersionSchema,
  parseMatrix,
  validateMatrix,
} from './validate';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 200);
/** The groups of the sample team (src/main/services/seed/team.ts). */
const SAMPLE_GROUPS = [
  'Helpdesk EMEA',
  'Helpdesk Americas & APAC',
  'Billing & Accounts',
  'Integrations',
  'Mobile & Apps',
  'Platform Experts',
  'Core Development',
];

/** Code, path and params of each problem: what the editor places on a cell. */
function cells(problems: MatrixProblem[]): { code: string; path: string; params: Record<string, unknown> }[] {
  return problems.map(({ code, path, params }) => ({ code, path, params }));
}

describe('the default matrix', () => {
  test('has no problem when validated against the sample team', () => {
    expect(validateMatrix(DEFAULT_MATRIX, { teamGroups: SAMPLE_GROUPS })).toEqual([]);
  });

  test('has a target for every built-in plan × priority', () => {
    const cellsMissing = SUPPORT_PLANS.flatMap((plan) => TICKET_PRIORITIES.filter((priority) => !DEFAULT_MATRIX.plans[plan]?.targets[priority]));
    expect(cellsMissing).toEqual([]);
  });

  test('passes the publishable schema when parsed', () => {
    expect(matrixDocumentSchema.parse(DEFAULT_MATRIX)).toEqual(DEFAULT_MATRIX);
    expect(parseMatrix(DEFAULT_MATRIX)).toEqual({ ok: true, matrix: DEFAULT_MATRIX, warnings: [] });
  });
});

// One edit of the default matrix → the problems it causes, exactly.
const RULE_CASES: [string, (doc: MatrixDocument) => void, ReturnType<typeof cells>][] = [
  [
    'a plan × priority without a target',
    (doc) => delete doc.plans.basic!.targets.low,
    [{ code: 'missing-target', path: 'plans.basic.targets.low', params: { plan: 'basic', priority: 'low' } }],
  ],
  [
    'overlapping hours in a calendar',
    // 08:30–12:30 and 12:00–13:30 overlap; 13:00–17:30 is run into too, reported once against the first
    (doc) => doc.calendars.emea!.calendar.weeklyHours.tue.push(['12:00', '13:30']),
    [{ code: 'overlapping-intervals', path: 'calendars.emea.calendar.weeklyHours.tue.2', params: { with: 0 } }],
  ],
  [
    'a bad time in a calendar',
    (doc) => (doc.calendars.americas!.calendar.weeklyHours.wed[0] = ['09:00', '25:00']),
    [{ code: 'invalid-time', path: 'calendars.americas.calendar.weeklyHours.wed.0.1', params: { value: '25:00' } }],
  ],
  [
    'an unknown time zone',
    (doc) => (doc.calendars.emea!.calendar.timeZone = 'Europe/Amsterdamm'),
    [{ code: 'unknown-time-zone', path: 'calendars.emea.calendar.timeZone', params: { value: 'Europe/Amsterdamm' } }],
  ],
  [
    'a next-response target longer than the resolution target',
    (doc) => (doc.plans.enterprise!.targets.urgent!.nextResponseMinutes = 600),
    [{ code: 'next-response-after-resolution', path: 'plans.enterprise.targets.urgent.nextResponseMinutes', params: { nextResponse: 600, resolution: 480 } }],
  ],
  [
    'a first-response target longer than the resolution target',
    (doc) => (doc.plans.business!.targets.low!.firstResponseMinutes = 10_000),
    [{ code: 'first-response-after-resolution', path: 'plans.business.targets.low.firstResponseMinutes', params: { firstResponse: 10_000, resolution: 9600 } }],
  ],
  [
    'targets that are not whole positive minutes',
    (doc) => {
      doc.plans.basic!.targets.urgent!.firstResponseMinutes = 0;
      doc.plans.basic!.targets.high!.resolutionMinutes = 90.5;
    },
    // Cells are checked in priority order, low first.
    [
      { code: 'invalid-minutes', path: 'plans.basic.targets.high.resolutionMinutes', params: { value: 90.5 } },
      { code: 'invalid-minutes', path: 'plans.basic.targets.urgent.firstResponseMinutes', params: { value: 0 } },
    ],
  ],
  [
    'a cell with no target on any clock (a warning)',
    (doc) => (doc.plans.basic!.targets.low = { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null }),
    [{ code: 'no-targets', path: 'plans.basic.targets.low', params: { plan: 'basic', priority: 'low' } }],
  ],
  [
    'unknown calendars on a plan, a cell and the customer hours',
    (doc) => {
      doc.plans.basic!.calendar = 'apac';
      doc.plans.enterprise!.targets.urgent!.calendar = '24-7';
      doc.customerHours.hoursFrom = 'customer';
    },
    [
      { code: 'unknown-calendar', path: 'customerHours.hoursFrom', params: { value: 'customer' } },
      { code: 'unknown-calendar', path: 'plans.basic.calendar', params: { value: 'apac' } },
      { code: 'unknown-calendar', path: 'plans.enterprise.targets.urgent.calendar', params: { value: '24-7' } },
    ],
  ],
  [
    'unknown groups in a rule, the fallback, a condition and an action',
    (doc) => {
      doc.routing.rules[0]!.group = 'Platform Expert';
      doc.routing.fallback.group = 'Helpdesk';
      doc.triggers[0]!.when.groups = ['Billing'];
      doc.triggers[3]!.actions = [{ type: 'escalate-to-group', group: 'QA' }];
    },
    [
      { code: 'unknown-group', path: 'routing.rules.0.group', params: { group: 'Platform Expert' } },
      { code: 'unknown-group', path: 'routing.fallback.group', params: { group: 'Helpdesk' } },
      { code: 'unknown-group', path: 'triggers.0.when.groups.0', params: { group: 'Billing' } },
      { code: 'unknown-group', path: 'triggers.3.actions.0.group', params: { group: 'QA' } },
      // Every level stays reachable: the routes' levels count, and Enterprise tickets still go up
      // from Integrations to Platform Experts to Core Development.
    ],
  ],
  [
    'a route to a group of another level',
    (doc) => (doc.routing.rules[2]!.level = 'L1'),
    [{ code: 'group-not-in-level', path: 'routing.rules.2.group', params: { group: 'Billing & Accounts', level: 'L1', staffs: 'L2' } }],
  ],
  [
    'duplicate names of plans, calendars and rules',
    (doc) => {
      doc.plans.enterprise!.name = ' business ';
      doc.calendars.americas!.name = 'EMEA office';
      doc.routing.rules[1]!.name = 'Privacy requests';
    },
    [
      { code: 'duplicate-name', path: 'calendars.americas.name', params: { value: 'EMEA office', first: 'calendars.emea.name' } },
      { code: 'duplicate-name', path: 'plans.enterprise.name', params: { value: ' business ', first: 'plans.business.name' } },
      { code: 'duplicate-name', path: 'routing.rules.2.name', params: { value: 'Privacy requests', first: 'routing.rules.1.name' } },
    ],
  ],
  [
    'empty names and ids',
    (doc) => {
      doc.levels.L2.name = '  ';
      doc.triggers[1]!.id = '';
    },
    [
      { code: 'empty-name', path: 'levels.L2.name', params: {} },
      { code: 'invalid-id', path: 'triggers.1.id', params: {} },
    ],
  ],
  [
    'duplicate rule ids',
    (doc) => (doc.routing.rules[2]!.id = 'incidents'),
    [{ code: 'duplicate-id', path: 'routing.rules.2.id', params: { value: 'incidents', first: 'routing.rules.0.id' } }],
  ],
  [
    'a group that staffs two levels',
    (doc) => doc.levels.L3.groups.push('Integrations'),
    [{ code: 'group-in-several-levels', path: 'levels.L3.groups.1', params: { group: 'Integrations', first: 'levels.L2.groups.1' } }],
  ],
  [
    'a level without groups',
    (doc) => {
      doc.levels.L4.groups = [];
    },
    [{ code: 'level-without-groups', path: 'levels.L4.groups', params: {} }],
  ],
  [
    'development visible to customers',
    (doc) => (doc.levels.L4.customerVisible = true),
    [{ code: 'development-level-visible', path: 'levels.L4.customerVisible', params: {} }],
  ],
  [
    'levels no rule can reach',
    (doc) => {
      doc.routing.rules = doc.routing.rules.filter((rule) => rule.level !== 'L3');
      doc.triggers = doc.triggers.filter((trigger) => trigger.actions.every((action) => action.type === 'notify'));
    },
    [
      { code: 'unreachable-level', path: 'levels.L3', params: { level: 'L3' } },
      { code: 'unreachable-level', path: 'levels.L4', params: { level: 'L4' } },
    ],
  ],
  [
    'escalations that loop',
    (doc) => {
      // Platform Experts (L3) → Integrations (L2) by this trigger, and back up by "urgent overdue
      // goes up a level" (L2 → L3's first group): a loop for urgent and high tickets.
      doc.triggers.push({
        id: 'back-to-integrations',
        name: 'Experts hand back',
        clock: 'resolution',
        at: { kind: 'breach' },
        repeatEveryMinutes: null,
        when: { groups: ['Platform Experts'] },
        actions: [{ type: 'escalate-to-group', group: 'Integrations' }],
      });
    },
    [{ code: 'escalation-cycle', path: 'triggers.5', params: { cycle: 'Platform Experts → Integrations → Platform Experts' } }],
  ],
  [
    'a trigger sending a ticket to the group it is in',
    (doc) => {
      doc.triggers.push({
        id: 'self',
        name: 'Mobile to mobile',
        clock: 'firstResponse',
        at: { kind: 'breach' },
        repeatEveryMinutes: 30,
        when: { groups: ['Mobile & Apps'] },
        actions: [{ type: 'escalate-to-group', group: 'Mobile & Apps' }],
      });
    },
    [{ code: 'escalation-cycle', path: 'triggers.5', params: { cycle: 'Mobile & Apps → Mobile & Apps' } }],
  ],
  [
    'empty conditions, unknown plans and repeated values',
    (doc) => {
      doc.routing.rules[1]!.when.plans = ['enterprise', 'premium', 'enterprise'];
      doc.triggers[3]!.when.priorities = [];
    },
    [
      { code: 'unknown-plan', path: 'routing.rules.1.when.plans.1', params: { value: 'premium' } },
      { code: 'duplicate-value', path: 'routing.rules.1.when.plans.2', params: { value: 'enterprise', first: 0 } },
      { code: 'empty-condition', path: 'triggers.3.when.priorities', params: { field: 'priorities' } },
    ],
  ],
  [
    'a rule an earlier rule always matches first (a warning)',
    (doc) => doc.routing.rules.push({ id: 'p1', name: 'P1 incidents', when: { tags: ['incident', 'p1'], priorities: ['urgent'] }, level: 'L4', group: 'Core Development' }),
    [{ code: 'shadowed-rule', path: 'routing.rules.3', params: { by: 'routing.rules.0', name: 'Incidents go to the experts' } }],
  ],
  [
    'statuses in which the clocks cannot pause',
    (doc) => doc.plans.business!.pausedStatuses.push('open', 'pending'),
    [
      { code: 'not-pausable-status', path: 'plans.business.pausedStatuses.2', params: { value: 'open' } },
      { code: 'duplicate-value', path: 'plans.business.pausedStatuses.3', params: { value: 'pending', first: 0 } },
    ],
  ],
  [
    'bad trigger moments, repeats and actions',
    (doc) => {
      doc.triggers[0]!.at = { kind: 'share', percent: 100 };
      doc.triggers[2]!.repeatEveryMinutes = -5;
      doc.triggers[1]!.actions = [];
      doc.triggers[4]!.actions = [{ type: 'escalate-next-level' }, { type: 'escalate-to-group', group: 'Platform Experts' }, { type: 'notify', recipients: [] }];
    },
    [
      { code: 'invalid-percent', path: 'triggers.0.at.percent', params: { value: 100 } },
      { code: 'no-actions', path: 'triggers.1.actions', params: {} },
      { code: 'invalid-repeat', path: 'triggers.2.repeatEveryMinutes', params: { value: -5 } },
      { code: 'several-escalations', path: 'triggers.4.actions.1', params: {} },
      { code: 'no-recipients', path: 'triggers.4.actions.2.recipients', params: {} },
    ],
  ],
  [
    'a built-in plan removed, a bad key and a reserved one',
    (doc) => {
      delete doc.plans.basic;
      doc.plans['Gold Plus'] = { ...clone(doc.plans.business!), name: 'Gold' };
      doc.calendars.customer = { ...clone(doc.calendars.americas!), name: 'Customers' };
    },
    [
      { code: 'reserved-key', path: 'calendars.customer', params: { key: 'customer' } },
      { code: 'missing-plan', path: 'plans.basic', params: { plan: 'basic' } },
      { code: 'invalid-key', path: 'plans.Gold Plus', params: { key: 'Gold Plus' } },
    ],
  ],
  [
    'a holiday of the customer hours that is not a date',
    (doc) => doc.customerHours.holidays.push('2026-02-30', '2026-01-01'),
    [
      { code: 'invalid-holiday', path: 'customerHours.holidays.2', params: { value: '2026-02-30' } },
      { code: 'duplicate-holiday', path: 'customerHours.holidays.3', params: { value: '2026-01-01', first: 0 } },
    ],
  ],
];

describe('validateMatrix rules', () => {
  test.each(RULE_CASES)('reports %s on its cell', (_label, edit, expected) => {
    expect(cells(validateMatrix(editMatrix(edit)))).toEqual(expected);
  });

  test('reports level groups the team does not have when the team is given', () => {
    const doc = editMatrix((d) => d.levels.L2.groups.push('Security'));
    expect(cells(validateMatrix(doc, { teamGroups: SAMPLE_GROUPS }))).toEqual([
      { code: 'unknown-group', path: 'levels.L2.groups.3', params: { group: 'Security' } },
    ]);
    expect(validateMatrix(doc)).toEqual([]);
  });

  test('keeps loops apart when no ticket meets the conditions of every trigger on them', () => {
    // Integrations → Platform Experts for Basic tickets only; back for low Business ones only,
    // which no one-level-up trigger of the default matrix sends up again (those are for urgent,
    // high and Enterprise tickets).
    const doc = editMatrix((d) => {
      d.triggers.push(
        { id: 'up', name: 'Up', clock: 'resolution', at: { kind: 'breach' }, repeatEveryMinutes: null, when: { plans: ['basic'], groups: ['Integrations'] }, actions: [{ type: 'escalate-to-group', group: 'Platform Experts' }] },
        { id: 'down', name: 'Down', clock: 'resolution', at: { kind: 'breach' }, repeatEveryMinutes: null, when: { plans: ['business'], priorities: ['low'], groups: ['Platform Experts'] }, actions: [{ type: 'escalate-to-group', group: 'Integrations' }] },
      );
    });
    expect(validateMatrix(doc)).toEqual([]);
  });

  test('gives every problem its severity and an English message', () => {
    const problems = validateMatrix(editMatrix((doc) => {
      doc.plans.enterprise!.targets.urgent!.nextResponseMinutes = 600;
      doc.routing.rules.push({ id: 'p1', name: 'P1', when: { tags: ['incident', 'p1'] }, level: 'L3', group: 'Platform Experts' });
    }));
    expect(problems).toEqual([
      {
        code: 'next-response-after-resolution',
        severity: 'error',
        path: 'plans.enterprise.targets.urgent.nextResponseMinutes',
        message: 'The next-response target (600 min) is longer than the resolution target (480 min)',
        params: { nextResponse: 600, resolution: 480 },
      },
      {
        code: 'shadowed-rule',
        severity: 'warning',
        path: 'routing.rules.3',
        message: 'Never applies: the rule "Incidents go to the experts" (routing.rules.0) matches these tickets first',
        params: { by: 'routing.rules.0', name: 'Incidents go to the experts' },
      },
    ]);
  });

  test('has a sentence of its own for every code of the matrix', () => {
    const generic = MATRIX_PROBLEM_CODES.filter((code) => describeMatrixProblem(code, 'x', {}) === `${code} at x`);
    // The calendar codes take their sentences from describeCalendarProblem.
    expect(generic).toEqual([
      'invalid-time',
      'end-not-after-start',
      'overlapping-intervals',
      'unknown-time-zone',
      'invalid-holiday',
      'duplicate-holiday',
      'no-working-hours',
    ]);
  });
});

describe('validateMatrix shape', () => {
  test('reports only shape problems while the JSON shape is wrong', () => {
    const doc = editMatrix() as unknown as Record<string, unknown>;
    const plans = doc.plans as Record<string, Record<string, unknown>>;
    plans.basic!.targets = { urgent: { firstResponseMinutes: '30', nextResponseMinutes: null, resolutionMinutes: null } };
    plans.business!.colour = 'blue';
    delete (doc.routing as Record<string, unknown>).fallback;
    (doc.triggers as Record<string, unknown>[])[0]!.clock = 'reply';
    (doc.triggers as Record<string, unknown>[])[1]!.at = { kind: 'halfway' };
    expect(cells(validateMatrix(doc))).toEqual([
      { code: 'invalid-type', path: 'plans.basic.targets.urgent.firstResponseMinutes', params: { expected: 'number' } },
      { code: 'unknown-field', path: 'plans.business.colour', params: {} },
      { code: 'missing-field', path: 'routing.fallback', params: {} },
      { code: 'invalid-value', path: 'triggers.0.clock', params: { value: 'reply', expected: 'firstResponse, nextResponse, resolution' } },
      { code: 'invalid-value', path: 'triggers.1.at.kind', params: { value: 'halfway', expected: 'share, breach' } },
    ]);
  });

  test('reports a document that is not an object at the root', () => {
    expect(cells(validateMatrix('matrix'))).toEqual([{ code: 'invalid-type', path: '', params: { expected: 'object' } }]);
  });

  test('refuses a document with errors in the publishable schema, naming the cell', () => {
    const result = matrixDocumentSchema.safeParse(editMatrix((doc) => delete doc.plans.basic!.targets.low));
    expect(result.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
      { path: ['plans', 'basic', 'targets', 'low'], message: 'basic × low has no SLA target' },
    ]);
  });

  test('requires a publish time exactly on published versions', () => {
    const version = {
      version: 2,
      status: 'draft' as const,
      author: { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: 'Ana Lead' },
      savedAt: 1_780_000_000_000,
      publishedAt: 1_780_000_000_000,
      changeSummary: 'Enterprise urgent counted around the clock',
      basedOnVersion: 1,
      document: DEFAULT_MATRIX,
    };
    expect(matrixVersionSchema.safeParse(version).error?.issues.map((issue) => issue.path)).toEqual([['publishedAt']]);
    expect(matrixVersionSchema.safeParse({ ...version, publishedAt: null }).success).toBe(true);
    expect(matrixVersionSchema.safeParse({ ...version, status: 'published' }).success).toBe(true);
  });
});

describe('validateMatrix laws (fast-check)', () => {
  test('reports exactly the removed cell when any plan × priority loses its target', () => {
    const plans = Object.keys(DEFAULT_MATRIX.plans);
    fc.assert(
      fc.property(fc.subarray(plans.flatMap((plan) => TICKET_PRIORITIES.map((priority) => [plan, priority] as const)), { minLength: 1 }), (removed) => {
        const doc = editMatrix((d) => {
          for (const [plan, priority] of removed) delete d.plans[plan]!.targets[priority];
        });
        const expected = removed
          .map(([plan, priority]) => `plans.${plan}.targets.${priority}`)
          .sort((a, b) => plans.indexOf(a.split('.')[1]!) - plans.indexOf(b.split('.')[1]!) || TICKET_PRIORITIES.indexOf(a.split('.')[3] as never) - TICKET_PRIORITIES.indexOf(b.split('.')[3] as never));
        expect(validateMatrix(doc).map((problem) => `${problem.code} ${problem.path}`)).toEqual(expected.map((path) => `missing-target ${path}`));
      }),
      { seed: propertySeed('missing targets'), numRuns: NUM_RUNS },
    );
  });

  test('never throws, and every problem path starts inside the document, whatever JSON replaces a part of it', () => {
    const parts = ['levels', 'plans', 'calendars', 'customerHours', 'routing', 'triggers', 'format'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...parts), fc.jsonValue(), (part, value) => {
        const doc = editMatrix() as unknown as Record<string, unknown>;
        doc[part] = value;
        const problems = validateMatrix(doc);
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(parts.includes(problem.path.split('.')[0] as never) || problem.path === '').toBe(true);
      }),
      { seed: propertySeed('arbitrary parts'), numRuns: NUM_RUNS },
    );
  });
});

describe('validateMatrix speed', () => {
  test('validates a realistic matrix in well under 5 ms', () => {
    const doc = realisticMatrix();
    expect(checkMatrixRules(doc)).toEqual([]);
    for (let i = 0; i < 50; i++) validateMatrix(doc);
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = monotonicMs();
      validateMatrix(doc);
      samples.push(monotonicMs() - started);
    }
    samples.sort((a, b) => a - b);
    const median = samples[100] as number;
    const p95 = samples[190] as number;
    log(`validateMatrix on ${Object.keys(doc.plans).length} plans, ${doc.routing.rules.length} rules, ${doc.triggers.length} triggers: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms`);
    // The median: the machine is shared, and one slow sample is the neighbours', not ours.
    expect(median).toBeLessThan(5);
  });
});
