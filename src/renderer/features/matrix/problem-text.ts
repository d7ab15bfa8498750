import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { MAX_MATRIX_MINUTES, type MatrixProblem } from '../../../shared/domain/escalation-matrix/validate';
import { formatDuration, type DurationUnits } from './duration';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const LEVEL_IN_PATH = /^levels\.(L[1-4])\./;

/**
 * Words for a problem of the matrix: its code's sentence in the UI's language, with the params
 * put into words (plan names, priorities, durations, 1-based positions); the English message of
 * the shared rules when a code has no sentence here.
 */
export function matrixProblemText(t: TFunction, doc: MatrixDocument | null, units: DurationUnits, problem: MatrixProblem): string {
  const tr = t as unknown as Translate;
  const p = problem.params;
  const params: Record<string, string | number> = { ...p };
  const minutes = (value: string | number | undefined): string => (typeof value === 'number' ? formatDuration(value, units) : String(value));
  switch (problem.code) {
    case 'missing-target':
    case 'no-targets': {
      const plan = String(p.plan);
      params.plan = doc?.plans[plan]?.name || plan;
      params.priority = tr(`priority.${String(p.priority)}`);
      break;
    }
    case 'next-response-after-resolution':
      params.nextResponse = minutes(p.nextResponse);
      params.resolution = minutes(p.resolution);
      break;
    case 'first-response-after-resolution':
      params.firstResponse = minutes(p.firstResponse);
      params.resolution = minutes(p.resolution);
      break;
    case 'invalid-minutes':
    case 'invalid-repeat':
      params.max = MAX_MATRIX_MINUTES.toLocaleString();
      break;
    case 'overlapping-intervals':
      params.with = Number(p.with) + 1;
      break;
    case 'group-in-several-levels':
      params.level = LEVEL_IN_PATH.exec(String(p.first))?.[1] ?? String(p.first);
      break;
    case 'empty-condition':
      params.field = tr(`matrix.conditions.${String(p.field)}`);
      break;
    case 'not-pausable-status':
      params.value = tr(`status.${String(p.value)}`);
      break;
    case 'missing-field':
    case 'unknown-field':
      params.path = problem.path;
      break;
    default:
      break;
  }
  return tr(`matrix.problemCodes.${problem.code}`, { ...params, defaultValue: problem.message });
}

/** {@link matrixProblemText} bound to the UI's language and the document being edited. */
export function useMatrixProblemText(doc: MatrixDocument | null): (problem: MatrixProblem) => string {
  const { t } = useTranslation();
  const units = useDurationUnits();
  return useCallback((problem: MatrixProblem) => matrixProblemText(t, doc, units, problem), [t, doc, units]);
}

/** The hour and minute letters of the UI's language. */
export function useDurationUnits(): DurationUnits {
  const { t } = useTranslation();
  const hours = t('matrix.units.hours');
  const minutes = t('matrix.units.minutes');
  // A new object only when the words change, so memoised cells keep their props.
  return useMemo(() => ({ hours, minutes }), [hours, minutes]);
}

const DAY_KEYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const CLOCK_FIELDS: Record<string, string> = {
  firstResponseMinutes: 'matrix.clocks.firstResponse',
  nextResponseMinutes: 'matrix.clocks.nextResponse',
  resolutionMinutes: 'matrix.clocks.resolution',
  calendar: 'matrix.targets.calendar',
};

/** Where a problem is, in words, for the problem list: "Enterprise · Urgent · First response", "Calendar EMEA office · Monday". */
export function describeProblemPlace(t: TFunction, doc: MatrixDocument | null, path: string): string {
  const tr = t as unknown as Translate;
  const [area, key, ...rest] = path.split('.');
  const join = (...parts: (string | undefined)[]) => parts.filter((part) => part !== undefined && part !== '').join(' · ');
  switch (area) {
    case 'levels':
      return key === undefined ? tr('matrix.sections.levels') : join(key, doc?.levels[key as 'L1']?.name);
    case 'plans': {
      if (key === undefined) return tr('matrix.sections.plans');
      const plan = doc?.plans[key]?.name || key;
      if (rest[0] === 'targets' && rest[1] !== undefined) {
        const field = rest[2] === undefined ? undefined : CLOCK_FIELDS[rest[2]];
        return join(plan, tr(`priority.${rest[1]}`), field === undefined ? undefined : tr(field));
      }
      if (rest[0] === 'pausedStatuses') return join(plan, tr('matrix.plans.paused'));
      if (rest[0] === 'calendar') return join(plan, tr('matrix.plans.calendar'));
      return tr('matrix.place.plan', { plan });
    }
    case 'calendars': {
      if (key === undefined) return tr('matrix.sections.calendars');
      const name = tr('matrix.place.calendar', { calendar: doc?.calendars[key]?.name || key });
      const inner = rest[0] === 'calendar' ? rest.slice(1) : rest;
      if (inner[0] === 'weeklyHours' && inner[1] !== undefined && DAY_KEYS.has(inner[1])) {
        return join(name, tr(`matrix.days.${inner[1]}`), inner[2] === undefined ? undefined : tr('matrix.place.interval', { n: Number(inner[2]) + 1 }));
      }
      if (inner[0] === 'holidays') return join(name, tr('matrix.calendars.holidays'));
      if (inner[0] === 'timeZone') return join(name, tr('matrix.calendars.timeZone'));
      return name;
    }
    case 'customerHours':
      return tr('matrix.customerHours.title');
    case 'routing': {
      if (key === 'fallback') return tr('matrix.routing.fallback');
      if (key === 'rules' && rest[0] !== undefined) {
        const index = Number(rest[0]);
        return tr('matrix.place.rule', { n: index + 1, name: doc?.routing.rules[index]?.name ?? '' });
      }
      return tr('matrix.sections.routing');
    }
    case 'triggers': {
      if (key === undefined) return tr('matrix.sections.triggers');
      const index = Number(key);
      return tr('matrix.place.trigger', { n: index + 1, name: doc?.triggers[index]?.name ?? '' });
    }
    default:
      return path;
  }
}
