import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { env, propertySeed } from '../../business-time/test-support';
import { DEFAULT_MATRIX } from './default-matrix';
import { type MatrixChange, diffMatrix, summarizeMatrixChanges } from './diff';
import type { MatrixDocument } from './schema';
import { EDITS, applyEdits, clone, editMatrix } from './test-support';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 200);

const CASES: [string, (doc: MatrixDocument) => void, MatrixChange[]][] = [
  [
    'a target changed',
    (doc) => (doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15),
    [
      {
        kind: 'changed',
        path: 'plans.enterprise.targets.urgent.firstResponseMinutes',
        before: 30,
        after: 15,
        summary: 'Enterprise × urgent: first response: 30 min → 15 min',
      },
    ],
  ],
  [
    'a target removed (no next-response target any more)',
    (doc) => (doc.plans.basic!.targets.low!.nextResponseMinutes = null),
    [
      {
        kind: 'changed',
        path: 'plans.basic.targets.low.nextResponseMinutes',
        before: 2880,
        after: null,
        summary: 'Basic × low: next response: 2880 min → none',
      },
    ],
  ],
  [
    'a holiday added and one removed',
    (doc) => {
      const holidays = doc.calendars.emea!.calendar.holidays;
      holidays.splice(holidays.indexOf('2026-04-03'), 1);
      holidays.push('2026-12-31');
    },
    [
      { kind: 'removed', path: 'calendars.emea.calendar.holidays.1', before: '2026-04-03', after: null, summary: 'Calendar EMEA office: holidays: "2026-04-03" removed' },
      // Index 7 of the new list: one date went before it.
      { kind: 'added', path: 'calendars.emea.calendar.holidays.7', before: null, after: '2026-12-31', summary: 'Calendar EMEA office: holidays: "2026-12-31" added' },
    ],
  ],
  [
    'a day of opening hours changed',
    (doc) => (doc.calendars.americas!.calendar.weeklyHours.fri = [['09:00', '15:00']]),
    [
      {
        kind: 'changed',
        path: 'calendars.americas.calendar.weeklyHours.fri',
        before: [['09:00', '17:00']],
        after: [['09:00', '15:00']],
        summary: 'Calendar Americas office: Friday hours: 09:00–17:00 → 09:00–15:00',
      },
    ],
  ],
  [
    'a rule moved to the top (one move, not three)',
    (doc) => doc.routing.rules.unshift(doc.routing.rules.pop()!),
    [{ kind: 'moved', path: 'routing.rules.0', before: 3, after: 1, summary: 'Rule "Privacy requests" moved from position 3 to 1' }],
  ],
  [
    'a rule renamed and given another group, after another rule was removed',
    (doc) => {
      doc.routing.rules.splice(0, 1);
      doc.routing.rules[1]!.name = 'Privacy and GDPR';
      doc.routing.rules[1]!.when.tags = ['gdpr'];
    },
    [
      {
        kind: 'removed',
        path: 'routing.rules.0',
        before: DEFAULT_MATRIX.routing.rules[0],
        after: null,
        summary: 'Rule "Incidents go to the experts" removed',
      },
      { kind: 'changed', path: 'routing.rules.1.name', before: 'Privacy requests', after: 'Privacy and GDPR', summary: 'Rule "Privacy and GDPR": name: "Privacy requests" → "Privacy and GDPR"' },
      { kind: 'added', path: 'routing.rules.1.when.tags', before: null, after: ['gdpr'], summary: 'Rule "Privacy and GDPR": tags condition added' },
    ],
  ],
  [
    'a plan added',
    (doc) => {
      doc.plans.premium = { ...clone(doc.plans.business!), name: 'Premium' };
    },
    [{ kind: 'added', path: 'plans.premium', before: null, after: { ...DEFAULT_MATRIX.plans.business, name: 'Premium' }, summary: 'Plan Premium added' }],
  ],
  [
    'a trigger fired earlier and its actions changed',
    (doc) => {
      doc.triggers[0]!.at = { kind: 'share', percent: 50 };
      doc.triggers[0]!.actions = [{ type: 'notify', recipients: ['assignee', 'group-lead'] }];
    },
    [
      { kind: 'changed', path: 'triggers.0.at.percent', before: 75, after: 50, summary: 'Trigger "First response at 75 %": fires at share: 75 % → 50 %' },
      {
        kind: 'changed',
        path: 'triggers.0.actions',
        before: [{ type: 'notify', recipients: ['assignee', 'group'] }],
        after: [{ type: 'notify', recipients: ['assignee', 'group-lead'] }],
        summary: 'Trigger "First response at 75 %": actions: notify assignee and group → notify assignee and group-lead',
      },
    ],
  ],
  [
    'a group added to a level',
    (doc) => doc.levels.L2.groups.push('Security'),
    [{ kind: 'added', path: 'levels.L2.groups.3', before: null, after: 'Security', summary: 'L2 Specialists: groups: "Security" added' }],
  ],
];

describe('diffMatrix', () => {
  test.each(CASES)('describes %s', (_label, edit, expected) => {
    expect(diffMatrix(DEFAULT_MATRIX, editMatrix(edit))).toEqual(expected);
  });

  test('finds no change between equal documents, whatever the key order', () => {
    const reverseKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverseKeys);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, reverseKeys(child)]));
    };
    expect(diffMatrix(DEFAULT_MATRIX, editMatrix())).toEqual([]);
    expect(diffMatrix(DEFAULT_MATRIX, reverseKeys(DEFAULT_MATRIX) as MatrixDocument)).toEqual([]);
  });

  test('prefills a publish summary with a line per change and a count of the rest', () => {
    const changes = diffMatrix(
      DEFAULT_MATRIX,
      editMatrix((doc) => {
        doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15;
        doc.plans.enterprise!.targets.high!.firstResponseMinutes = 60;
        doc.customerHours.holidays.push('2026-12-26');
      }),
    );
    expect(summarizeMatrixChanges(changes, 2)).toBe(
      // In document order: the plan's targets are listed urgent first.
      ['Enterprise × urgent: first response: 30 min → 15 min', 'Enterprise × high: first response: 120 min → 60 min', 'and 1 more'].join('\n'),
    );
    expect(summarizeMatrixChanges([])).toBe('No changes');
  });
});

describe('diffMatrix laws (fast-check)', () => {
  test('finds a change exactly when the documents differ, and none from a document to itself', () => {
    fc.assert(
      fc.property(fc.subarray(EDITS.map((_, i) => i)), (picked) => {
        const doc = applyEdits(DEFAULT_MATRIX, picked);
        expect(diffMatrix(doc, doc)).toEqual([]);
        expect(diffMatrix(DEFAULT_MATRIX, doc).length > 0).toBe(JSON.stringify(doc) !== JSON.stringify(DEFAULT_MATRIX));
      }),
      { seed: propertySeed('diff finds changes'), numRuns: NUM_RUNS },
    );
  });

  test('names one change per edited value when edits touch different values', () => {
    fc.assert(
      fc.property(fc.subarray(EDITS.map((_, i) => i)), (picked) => {
        const changes = diffMatrix(DEFAULT_MATRIX, applyEdits(DEFAULT_MATRIX, picked));
        expect(changes.map((change) => change.path).sort()).toEqual(picked.flatMap((i) => EDITS[i]!.paths).sort());
      }),
      { seed: propertySeed('diff paths'), numRuns: NUM_RUNS },
    );
  });
});
