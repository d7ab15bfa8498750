// Builders for the escalation matrix tests (imported by *.test.ts only).
import { WEEKDAYS, type WeeklyHours } from '../../business-time/calendar';
import { TICKET_PRIORITIES } from '../ticket';
import { DEFAULT_MATRIX } from './default-matrix';
import type { MatrixDocument } from './schema';

/** A deep, writable copy of a JSON value (documents are plain JSON). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A writable copy of the default matrix after `edit` (the default itself is frozen). */
export function editMatrix(edit: (doc: MatrixDocument) => void = () => {}): MatrixDocument {
  return edited(DEFAULT_MATRIX, edit);
}

/** A writable copy of any document after `edit`. */
export function edited(doc: MatrixDocument, edit: (doc: MatrixDocument) => void): MatrixDocument {
  const copy = clone(doc);
  edit(copy);
  return copy;
}

/** A monotonic clock in ms for timing tests (src/shared has no DOM or Node types to name it). */
export function monotonicMs(): number {
  return (globalThis as unknown as { performance: { now(): number } }).performance.now();
}

/**
 * A large but realistic matrix: the default one plus 9 more plans, 5 more calendars (with a year
 * of holidays each), 40 routing rules and 20 triggers: what a big team's lead edits.
 */
export function realisticMatrix(): MatrixDocument {
  return editMatrix((doc) => {
    const zones = ['Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Adelaide', 'America/Chicago'];
    zones.forEach((timeZone, i) => {
      const weeklyHours = Object.fromEntries(
        WEEKDAYS.map((day, d) => [day, d < 5 ? [['08:00', '12:00'], ['12:30', '18:00']] : d === 5 && i % 2 === 0 ? [['10:00', '14:00']] : []]),
      ) as WeeklyHours;
      const holidays = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`);
      doc.calendars[`office-${i}`] = { name: `Office ${timeZone}`, calendar: { timeZone, weeklyHours, holidays } };
    });
    for (let p = 0; p < 9; p++) {
      doc.plans[`plan-${p}`] = {
        name: `Plan ${p}`,
        calendar: p % 3 === 0 ? 'customer' : `office-${p % 5}`,
        pausedStatuses: ['pending', 'on-hold'],
        targets: Object.fromEntries(
          TICKET_PRIORITIES.map((priority, k) => [
            priority,
            { firstResponseMinutes: 60 * (4 - k), nextResponseMinutes: 120 * (4 - k), resolutionMinutes: 960 * (4 - k) },
          ]),
        ),
      };
    }
    const groups = [...doc.levels.L2.groups];
    for (let r = 0; r < 40; r++) {
      doc.routing.rules.push({
        id: `rule-${r}`,
        name: `Route ${r}`,
        when: { plans: [`plan-${r % 9}`], categories: [`category-${r}`], channels: r % 2 === 0 ? ['email', 'web'] : ['phone'] },
        level: 'L2',
        group: groups[r % groups.length] as string,
      });
    }
    for (let t = 0; t < 20; t++) {
      doc.triggers.push({
        id: `trigger-${t}`,
        name: `Trigger ${t}`,
        clock: t % 2 === 0 ? 'resolution' : 'firstResponse',
        at: t % 3 === 0 ? { kind: 'breach' } : { kind: 'share', percent: 50 + t },
        repeatEveryMinutes: t % 4 === 0 ? 120 : null,
        when: { plans: [`plan-${t % 9}`], priorities: ['urgent', 'high'] },
        actions: t % 3 === 0 ? [{ type: 'escalate-next-level' }] : [{ type: 'notify', recipients: ['assignee', 'group-lead'] }],
      });
    }
    // One sideways escalation, so the loop check has work to do.
    doc.triggers.push({
      id: 'integrations-to-experts',
      name: 'Stuck integrations go to the experts',
      clock: 'resolution',
      at: { kind: 'breach' },
      repeatEveryMinutes: null,
      when: { groups: ['Integrations'], categories: ['integrations'] },
      actions: [{ type: 'escalate-to-group', group: 'Platform Experts' }],
    });
  });
}

/**
 * Independent edits of the default matrix, each touching values no other edit touches, with the
 * paths a diff names for it (into the edited document, or into the default for a removal).
 */
export const EDITS: readonly { paths: readonly string[]; apply: (doc: MatrixDocument) => void }[] = [
  { paths: ['plans.enterprise.targets.urgent.firstResponseMinutes'], apply: (doc) => (doc.plans.enterprise!.targets.urgent!.firstResponseMinutes = 15) },
  { paths: ['plans.basic.targets.normal.resolutionMinutes'], apply: (doc) => (doc.plans.basic!.targets.normal!.resolutionMinutes = 12_000) },
  { paths: ['plans.business.calendar'], apply: (doc) => (doc.plans.business!.calendar = 'emea') },
  { paths: ['plans.enterprise.pausedStatuses.1'], apply: (doc) => doc.plans.enterprise!.pausedStatuses.splice(1, 1) },
  { paths: ['calendars.americas.calendar.weeklyHours.fri'], apply: (doc) => (doc.calendars.americas!.calendar.weeklyHours.fri = [['09:00', '15:00']]) },
  { paths: ['calendars.emea.calendar.holidays.8'], apply: (doc) => doc.calendars.emea!.calendar.holidays.push('2026-12-31') },
  { paths: ['customerHours.holidays.2'], apply: (doc) => doc.customerHours.holidays.push('2026-12-26') },
  { paths: ['levels.L3.scope'], apply: (doc) => (doc.levels.L3.scope = 'Senior engineers: data repairs, performance, incidents.') },
  { paths: ['levels.L2.groups.3'], apply: (doc) => doc.levels.L2.groups.push('Security') },
  { paths: ['routing.rules.1.name'], apply: (doc) => (doc.routing.rules[1]!.name = 'Enterprise integrations') },
  { paths: ['routing.fallback.group'], apply: (doc) => (doc.routing.fallback.group = 'Helpdesk Americas & APAC') },
  { paths: ['triggers.2.repeatEveryMinutes'], apply: (doc) => (doc.triggers[2]!.repeatEveryMinutes = 30) },
  { paths: ['triggers.4.when.priorities'], apply: (doc) => (doc.triggers[4]!.when.priorities = ['urgent']) },
];

/** A writable copy of `doc` with the edits at the given indexes of {@link EDITS} applied. */
export function applyEdits(doc: MatrixDocument, picked: readonly number[]): MatrixDocument {
  return edited(doc, (copy) => {
    for (const i of picked) EDITS[i]!.apply(copy);
  });
}
