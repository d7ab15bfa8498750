import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { env, propertySeed } from '../../business-time/test-support';
import { DEFAULT_MATRIX } from './default-matrix';
import { rebaseMatrixDraft } from './rebase';
import { EDITS, applyEdits, clone, edited, editMatrix } from './test-support';
import { validateMatrix } from './validate';

const NUM_RUNS = Number(env('FC_NUM_RUNS') ?? 200);
const base = DEFAULT_MATRIX;

describe('rebaseMatrixDraft', () => {
  test('keeps both sides when the draft and the published version changed different things', () => {
    const draft = editMatrix((doc) => (doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15));
    const current = editMatrix((doc) => doc.calendars.emea!.calendar.holidays.push('2026-12-31'));
    expect(rebaseMatrixDraft(base, draft, current)).toEqual({
      merged: editMatrix((doc) => {
        doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15;
        doc.calendars.emea!.calendar.holidays.push('2026-12-31');
      }),
      conflicts: [],
    });
  });

  test('keeps the published value and lists a conflict when both changed the same target', () => {
    const draft = editMatrix((doc) => (doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15));
    const current = editMatrix((doc) => (doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 20));
    expect(rebaseMatrixDraft(base, draft, current)).toEqual({
      merged: current,
      conflicts: [
        {
          path: 'plans.enterprise.targets.urgent.firstResponseMinutes',
          base: 30,
          draft: 15,
          current: 20,
          summary: 'Enterprise × urgent: first response: the draft has 15 min, the published version has 20 min (was 30 min); the published value is kept',
        },
      ],
    });
  });

  test('takes a change both sides made alike without a conflict', () => {
    const both = (doc: typeof base) => (doc.levels.L3.scope = 'Incidents and data repairs');
    expect(rebaseMatrixDraft(base, editMatrix(both), editMatrix(both))).toEqual({ merged: editMatrix(both), conflicts: [] });
  });

  test('merges holidays added on both sides into one list', () => {
    const draft = editMatrix((doc) => doc.calendars.emea!.calendar.holidays.push('2026-12-24'));
    const current = editMatrix((doc) => {
      const holidays = doc.calendars.emea!.calendar.holidays;
      holidays.splice(holidays.indexOf('2026-04-03'), 1);
      holidays.push('2026-12-31');
    });
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ holidays: merged.calendars.emea!.calendar.holidays, conflicts }).toEqual({
      holidays: ['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26', '2026-12-31', '2026-12-24'],
      conflicts: [],
    });
  });

  test('follows a rule by its id when one side moved it and the other edited it', () => {
    // Draft: "Privacy requests" to the top. Published: it routes to Integrations now.
    const draft = editMatrix((doc) => doc.routing.rules.unshift(doc.routing.rules.pop()!));
    const current = editMatrix((doc) => (doc.routing.rules[2]!.group = 'Integrations'));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ rules: merged.routing.rules.map((rule) => `${rule.id} → ${rule.group}`), conflicts }).toEqual({
      rules: ['privacy → Integrations', 'incidents → Platform Experts', 'enterprise-integrations → Integrations'],
      conflicts: [],
    });
  });

  test('places rules added on both sides after the rules they followed', () => {
    const rule = (id: string, category: string) => ({ id, name: id, when: { categories: [category] }, level: 'L2' as const, group: 'Mobile & Apps' });
    const draft = editMatrix((doc) => doc.routing.rules.splice(1, 0, rule('mobile', 'mobile-app')));
    const current = editMatrix((doc) => doc.routing.rules.push(rule('apps', 'apps')));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ order: merged.routing.rules.map((r) => r.id), conflicts }).toEqual({
      order: ['incidents', 'mobile', 'enterprise-integrations', 'privacy', 'apps'],
      conflicts: [],
    });
  });

  test('lists a conflict and keeps the published rule when the draft removed a rule the published version changed', () => {
    const draft = editMatrix((doc) => doc.routing.rules.splice(0, 1));
    const current = editMatrix((doc) => (doc.routing.rules[0]!.when.tags = ['incident', 'outage']));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ merged, conflicts }).toEqual({
      merged: current,
      conflicts: [
        {
          path: 'routing.rules.0',
          base: base.routing.rules[0],
          draft: null,
          current: current.routing.rules[0],
          summary: 'Rule "Incidents go to the experts": removed in the draft but changed in the published version; the published one is kept',
        },
      ],
    });
  });

  test('lists a conflict and leaves the rule out when the draft changed a rule the published version removed', () => {
    const draft = editMatrix((doc) => (doc.routing.rules[2]!.name = 'GDPR requests'));
    const current = editMatrix((doc) => doc.routing.rules.splice(2, 1));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ merged, conflicts }).toEqual({
      merged: current,
      conflicts: [
        {
          path: 'routing.rules.2',
          base: base.routing.rules[2],
          draft: draft.routing.rules[2],
          current: null,
          summary: 'Rule "GDPR requests": changed in the draft but removed in the published version; left out',
        },
      ],
    });
  });

  test('keeps the published order and lists a conflict when both sides reordered the rules differently', () => {
    const draft = editMatrix((doc) => doc.routing.rules.reverse());
    const current = editMatrix((doc) => doc.routing.rules.push(doc.routing.rules.shift()!));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ order: merged.routing.rules.map((r) => r.id), conflicts }).toEqual({
      order: ['enterprise-integrations', 'privacy', 'incidents'],
      conflicts: [
        {
          path: 'routing.rules',
          base: ['incidents', 'enterprise-integrations', 'privacy'],
          draft: ['privacy', 'enterprise-integrations', 'incidents'],
          current: ['enterprise-integrations', 'privacy', 'incidents'],
          summary: 'Routing rules: reordered both in the draft and in the published version; the published order is kept',
        },
      ],
    });
  });

  test('lists a conflict when the draft changed a plan the published version removed', () => {
    const withPremium = editMatrix((doc) => (doc.plans.premium = { ...clone(doc.plans.business!), name: 'Premium' }));
    const draft = edited(withPremium, (doc) => (doc.plans.premium!.targets.urgent!.firstResponseMinutes = 45));
    const current = edited(withPremium, (doc) => delete doc.plans.premium);
    const { merged, conflicts } = rebaseMatrixDraft(withPremium, draft, current);
    expect({ plans: Object.keys(merged.plans), conflicts: conflicts.map((c) => [c.path, c.summary]) }).toEqual({
      plans: ['basic', 'business', 'enterprise'],
      conflicts: [['plans.premium', 'Plan Premium: changed in the draft but removed in the published version; left out']],
    });
  });

  test('gives a merged document that can break a rule, for validation to catch', () => {
    // The draft routes to a group the published version stopped listing.
    const draft = editMatrix((doc) => (doc.routing.rules[2]!.group = 'Mobile & Apps'));
    const current = editMatrix((doc) => (doc.levels.L2.groups = ['Billing & Accounts', 'Integrations']));
    const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
    expect({ conflicts, problems: validateMatrix(merged).map((p) => `${p.code} ${p.path}`) }).toEqual({
      conflicts: [],
      problems: ['unknown-group routing.rules.2.group'],
    });
  });
});

describe('rebaseMatrixDraft laws (fast-check)', () => {
  const editIndexes = EDITS.map((_, i) => i);

  test('gives the draft when nothing was published meanwhile, and the published version when the draft changed nothing', () => {
    fc.assert(
      fc.property(fc.subarray(editIndexes), (picked) => {
        const doc = applyEdits(base, picked);
        expect(rebaseMatrixDraft(base, doc, base)).toEqual({ merged: doc, conflicts: [] });
        expect(rebaseMatrixDraft(base, base, doc)).toEqual({ merged: doc, conflicts: [] });
      }),
      { seed: propertySeed('rebase identities'), numRuns: NUM_RUNS },
    );
  });

  test('applies both sides without conflicts when they edit different values', () => {
    fc.assert(
      fc.property(fc.subarray(editIndexes), fc.subarray(editIndexes), (draftEdits, currentEdits) => {
        const mine = draftEdits.filter((i) => !currentEdits.includes(i));
        const draft = applyEdits(base, mine);
        const current = applyEdits(base, currentEdits);
        expect(rebaseMatrixDraft(base, draft, current)).toEqual({ merged: applyEdits(base, [...currentEdits, ...mine]), conflicts: [] });
      }),
      { seed: propertySeed('rebase disjoint edits'), numRuns: NUM_RUNS },
    );
  });

  test('never loses a side: every conflict path holds the published value in the merged document', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (mine, theirs) => {
        const draft = editMatrix((doc) => (doc.plans.basic!.targets.high!.firstResponseMinutes = mine));
        const current = editMatrix((doc) => (doc.plans.basic!.targets.high!.firstResponseMinutes = theirs));
        const { merged, conflicts } = rebaseMatrixDraft(base, draft, current);
        const same = mine === theirs || mine === 480;
        expect({ value: merged.plans.basic!.targets.high!.firstResponseMinutes, conflicts: conflicts.length }).toEqual({
          value: mine === 480 ? theirs : theirs === 480 ? mine : theirs,
          conflicts: same || theirs === 480 ? 0 : 1,
        });
      }),
      { seed: propertySeed('rebase same cell'), numRuns: NUM_RUNS },
    );
  });
});
