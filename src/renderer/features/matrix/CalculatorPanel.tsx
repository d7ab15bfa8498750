import { DateTime } from 'luxon';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeCalendarProblem, parseCalendar, type Calendar, type CalendarProblem } from '../../../shared/business-time/calendar';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { formatDuration, parseDuration } from './duration';
import { useMatrixStore, type SlaCalculation } from './matrix-store';
import { matrixProblemText, useDurationUnits } from './problem-text';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The most segments the explanation lists; a long target over weeks has hundreds. */
const MAX_SEGMENTS = 60;

/** A wall time typed in a datetime-local field, read in a zone, as ISO 8601 with that zone's offset; null when it does not read. */
export function wallTimeToIso(wall: string, zone: string): string | null {
  if (wall === '') return null;
  const at = DateTime.fromISO(wall, { zone });
  return at.isValid ? at.toISO({ suppressMilliseconds: true, suppressSeconds: true, includeOffset: true }) : null;
}

/** "now" in a zone as a datetime-local value (minutes), to start the calculator somewhere sensible. */
function nowWall(zone: string): string {
  const now = DateTime.now().setZone(zone);
  return (now.isValid ? now : DateTime.now()).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * The SLA calculator: a calendar of the matrix (or one pasted as JSON), a start, and business
 * minutes → the due time and why; or a start and an end → the business minutes between them.
 */
export function CalculatorPanel() {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const format = useFormat();
  const units = useDurationUnits();
  const doc = useMatrixStore((s) => s.document);
  const calculate = useMatrixStore((s) => s.calculate);
  const calendarKeys = Object.keys(doc?.calendars ?? {});
  const [source, setSource] = useState<'matrix' | 'json'>('matrix');
  const [calendarKey, setCalendarKey] = useState(calendarKeys[0] ?? '');
  const [json, setJson] = useState('');
  const [mode, setMode] = useState<'due' | 'between'>('due');
  const [duration, setDuration] = useState('8h');
  const [result, setResult] = useState<SlaCalculation | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const pasted = useMemo((): { calendar: Calendar } | { problems: CalendarProblem[] | 'not-json' } | null => {
    if (source !== 'json' || json.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return { problems: 'not-json' };
    }
    const parsed = parseCalendar(value);
    return parsed.ok ? { calendar: parsed.calendar } : { problems: parsed.problems };
  }, [source, json]);

  const calendar: Calendar | null = source === 'matrix' ? (doc?.calendars[calendarKey]?.calendar ?? null) : pasted && 'calendar' in pasted ? pasted.calendar : null;
  const zone = calendar?.timeZone ?? 'UTC';
  const [start, setStart] = useState(() => nowWall(zone));
  const [end, setEnd] = useState(() => nowWall(zone));
  const minutes = parseDuration(duration);
  const startIso = wallTimeToIso(start, zone);
  const endIso = wallTimeToIso(end, zone);
  const ready = calendar !== null && startIso !== null && (mode === 'due' ? minutes.kind === 'minutes' : endIso !== null);

  const run = async () => {
    if (!calendar || startIso === null) return;
    setBusy(true);
    try {
      const input =
        mode === 'due'
          ? { calendar, start: startIso, minutes: minutes.kind === 'minutes' ? minutes.minutes : 0 }
          : { calendar, start: startIso, end: endIso ?? startIso };
      setResult(await calculate(input));
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const local = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(i18n.language, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    } catch {
      return new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    }
  }, [i18n.language, zone]);
  const fullLocal = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(i18n.language, { timeZone: zone, dateStyle: 'full', timeStyle: 'short' });
    } catch {
      return new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' });
    }
  }, [i18n.language, zone]);

  return (
    <div className="matrix-panel calculator">
      <h3 className="matrix-section-title" id={`${id}-title`}>
        {t('matrix.calculator.title')}
      </h3>
      <p className="muted matrix-section-note">{t('matrix.calculator.note')}</p>
      <form
        className="form calculator-form"
        aria-labelledby={`${id}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <fieldset className="radio-group">
          <legend>{t('matrix.calculator.calendar')}</legend>
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'matrix'} onChange={() => setSource('matrix')} />
            {t('matrix.calculator.fromMatrix')}
          </label>
          {source === 'matrix' && (
            <span className="inline-form nested">
              <label htmlFor={`${id}-calendar`} className="visually-hidden">
                {t('matrix.calculator.calendar')}
              </label>
              <select id={`${id}-calendar`} value={calendarKey} onChange={(event) => setCalendarKey(event.target.value)}>
                {calendarKeys.map((key) => (
                  <option key={key} value={key}>
                    {doc?.calendars[key]?.name || key} ({doc?.calendars[key]?.calendar.timeZone})
                  </option>
                ))}
              </select>
            </span>
          )}
          <label className="check">
            <input type="radio" name={`${id}-source`} checked={source === 'json'} onChange={() => setSource('json')} />
            {t('matrix.calculator.pasted')}
          </label>
          {source === 'json' && (
            <div className="nested">
              <label htmlFor={`${id}-json`} className="visually-hidden">
                {t('matrix.calculator.json')}
              </label>
              <textarea
                id={`${id}-json`}
                rows={6}
                className="code-input"
                spellCheck={false}
                placeholder='{"timeZone": "Europe/Amsterdam", "weeklyHours": {…}, "holidays": []}'
                value={json}
                aria-invalid={pasted !== null && 'problems' in pasted ? true : undefined}
                aria-describedby={`${id}-json-problems`}
                onChange={(event) => setJson(event.target.value)}
              />
              <div id={`${id}-json-problems`}>
                {pasted !== null && 'problems' in pasted && (
                  <ul className="field-problem-list">
                    {pasted.problems === 'not-json' ? (
                      <li className="field-problem">{t('matrix.calendars.notJson')}</li>
                    ) : (
                      pasted.problems.map((problem, i) => (
                        <li key={i} className="field-problem">
                          <code>{problem.path || '/'}</code> {matrixProblemText(t, doc, units, { ...problem, severity: 'error', message: describeCalendarProblem(problem) })}
                        </li>
                      ))
                    )}
                  </ul>
                )}
              </div>
            </div>
          )}
        </fieldset>
        <fieldset className="radio-group inline">
          <legend>{t('matrix.calculator.what')}</legend>
          <label className="check">
            <input type="radio" name={`${id}-mode`} checked={mode === 'due'} onChange={() => setMode('due')} />
            {t('matrix.calculator.dueMode')}
          </label>
          <label className="check">
            <input type="radio" name={`${id}-mode`} checked={mode === 'between'} onChange={() => setMode('between')} />
            {t('matrix.calculator.betweenMode')}
          </label>
        </fieldset>
        <div className="form-row wrap">
          <div className="form-field">
            <label htmlFor={`${id}-start`}>{t('matrix.calculator.start', { zone })}</label>
            <input id={`${id}-start`} type="datetime-local" value={start} onChange={(event) => setStart(event.target.value)} />
          </div>
          {mode === 'due' ? (
            <div className="form-field">
              <label htmlFor={`${id}-minutes`}>{t('matrix.calculator.duration')}</label>
              <input
                id={`${id}-minutes`}
                type="text"
                value={duration}
                aria-invalid={minutes.kind !== 'minutes' || undefined}
                aria-describedby={`${id}-minutes-hint`}
                onChange={(event) => setDuration(event.target.value)}
              />
              <span id={`${id}-minutes-hint`} className={minutes.kind === 'minutes' ? 'muted field-hint' : 'field-problem'}>
                {minutes.kind === 'minutes' ? t('matrix.units.businessMinutes', { count: minutes.minutes }) : t('matrix.targets.unreadable')}
              </span>
            </div>
          ) : (
            <div className="form-field">
              <label htmlFor={`${id}-end`}>{t('matrix.calculator.end', { zone })}</label>
              <input id={`${id}-end`} type="datetime-local" value={end} onChange={(event) => setEnd(event.target.value)} />
            </div>
          )}
        </div>
        <div className="dialog-actions">
          <button type="submit" className="button primary small" disabled={!ready || busy}>
            {t('matrix.calculator.calculate')}
          </button>
        </div>
      </form>
      {error && <ErrorAlert error={error} />}
      <div role="status" className="calculator-result">
        {result?.kind === 'between' && (
          <p className="result-line">
            {t('matrix.calculator.between', { duration: formatDuration(Math.round(result.minutes), units), count: Math.round(result.minutes * 100) / 100 })}
          </p>
        )}
        {result?.kind === 'due' && result.dueAtMs === null && <p className="result-line">{t('matrix.calculator.beyondHorizon')}</p>}
        {result?.kind === 'due' && result.dueAtMs !== null && (
          <p className="result-line">
            {t('matrix.calculator.due', { date: fullLocal.format(result.dueAtMs), zone })}{' '}
            <span className="muted">{t('matrix.calculator.yourTime', { date: format.dateTime(result.dueAtMs) })}</span>
          </p>
        )}
      </div>
      {result?.kind === 'due' && (
        <div className="explanation">
          <p>
            {t('matrix.calculator.counted', {
              counted: formatDuration(Math.round(result.explanation.countedMinutes), units),
              paused: formatDuration(Math.round(result.explanation.pausedMinutes), units),
            })}
          </p>
          <table className="matrix-table segments-table">
            <caption className="visually-hidden">{t('matrix.calculator.segments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sla.panel.segmentKind')}</th>
                <th scope="col">{t('sla.panel.from')}</th>
                <th scope="col">{t('sla.panel.to')}</th>
                <th scope="col" className="number">
                  {t('sla.panel.minutes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.explanation.segments.slice(0, MAX_SEGMENTS).map((segment, i) => {
                const kind = segment.kind === 'counted' ? 'counted' : (segment.reason ?? 'closed');
                return (
                  <tr key={i} className={`span-row span-${kind}`}>
                    <td>{tr(`sla.segment.${kind}`)}</td>
                    <td>{local.format(segment.fromMs)}</td>
                    <td>{local.format(segment.toMs)}</td>
                    <td className="number">{segment.kind === 'counted' || segment.reason === 'paused' ? formatDuration(Math.round(segment.minutes), units) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.explanation.segments.length > MAX_SEGMENTS && (
            <p className="muted">{t('matrix.calculator.moreSegments', { count: result.explanation.segments.length - MAX_SEGMENTS })}</p>
          )}
        </div>
      )}
    </div>
  );
}
