import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_MATRIX } from '../../../shared/domain/escalation-matrix/default-matrix';
import { validateMatrix, type MatrixProblem } from '../../../shared/domain/escalation-matrix/validate';
import en from '../../i18n/locales/en.json';
import nl from '../../i18n/locales/nl.json';
import { describeProblemPlace, matrixProblemText } from './problem-text';

const UNITS = { hours: 'h', minutes: 'm' };
let t: TFunction;
let tNl: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, nl: { translation: nl } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  t = instance.t;
  tNl = instance.getFixedT('nl');
});

function problemsOf(edit: (doc: typeof DEFAULT_MATRIX) => void): MatrixProblem[] {
  const doc = structuredClone(DEFAULT_MATRIX);
  edit(doc);
  return validateMatrix(doc);
}

describe('matrixProblemText', () => {
  test('names the other interval of an overlap by its 1-based position', () => {
    const [problem] = problemsOf((doc) => {
      doc.calendars.emea!.calendar.weeklyHours.mon[1] = ['12:00', '17:30'];
    });
    expect([problem?.path, matrixProblemText(t, DEFAULT_MATRIX, UNITS, problem!)]).toEqual([
      'calendars.emea.calendar.weeklyHours.mon.1',
      'These hours overlap interval 1 of the same day.',
    ]);
  });

  test('puts durations as hours and minutes and speaks the UI’s language', () => {
    const [problem] = problemsOf((doc) => {
      doc.plans.basic!.targets.urgent!.nextResponseMinutes = 2460;
    });
    expect([matrixProblemText(t, DEFAULT_MATRIX, UNITS, problem!), matrixProblemText(tNl, DEFAULT_MATRIX, { hours: 'u', minutes: 'm' }, problem!)]).toEqual([
      'The next response (41h) is longer than the resolution (40h).',
      'De volgende reactie (41u) is langer dan de oplossing (40u).',
    ]);
  });

  test('names a plan and a priority in words', () => {
    const [problem] = problemsOf((doc) => {
      delete doc.plans.enterprise!.targets.low;
    });
    expect(matrixProblemText(t, DEFAULT_MATRIX, UNITS, problem!)).toBe('Enterprise × Low has no SLA target.');
  });

  test('falls back to the English message for a code it has no sentence for', () => {
    const problem = { code: 'some-new-rule', severity: 'error', path: 'levels.L1', message: 'A rule added later', params: {} } as unknown as MatrixProblem;
    expect(matrixProblemText(t, DEFAULT_MATRIX, UNITS, problem)).toBe('A rule added later');
  });
});

describe('describeProblemPlace', () => {
  test.each([
    ['plans.enterprise.targets.urgent.firstResponseMinutes', 'Enterprise · Urgent · First response'],
    ['calendars.emea.calendar.weeklyHours.tue.0', 'Calendar EMEA office · Tuesday · interval 1'],
    ['routing.rules.1.group', 'Rule 2 Enterprise integration questions'],
    ['levels.L4.customerVisible', 'L4 · Development'],
  ])('says where %s is', (path, place) => {
    expect(describeProblemPlace(t, DEFAULT_MATRIX, path)).toBe(place);
  });
});
