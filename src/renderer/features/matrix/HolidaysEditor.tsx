import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holidaysFromICalendar, type ICalendarProblem } from '../../../shared/business-time/ical-holidays';
import { ProblemMessage, useEditable, useFieldProblems } from './fields';
import { PATH_ATTRIBUTE } from './problem-paths';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A holiday as people read it: "Fri 25 Dec 2026" in the UI's language (the date itself when it does not read). */
function holidayLabel(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms)) return date;
  // A whole local day: shown in UTC so no zone moves it to the day before.
  return new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

type ImportNote = { kind: 'added'; added: number; skipped: number } | { kind: 'problems'; problems: ICalendarProblem[] } | { kind: 'unreadable' };

/**
 * The holidays of a calendar (or of the customers' hours): whole local days, added one by one
 * or imported from an iCalendar (.ics) file of holidays, and removed.
 */
export function HolidaysEditor({ path, holidays, onChange, title }: { path: string; holidays: readonly string[]; onChange: (holidays: string[]) => void; title: string }) {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const editable = useEditable();
  const [date, setDate] = useState('');
  const [note, setNote] = useState<ImportNote | null>(null);
  const listProblems = useFieldProblems([path]);

  const add = () => {
    if (date === '') return;
    onChange([...holidays, date]);
    setDate('');
  };

  const importFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      setNote({ kind: 'unreadable' });
      return;
    }
    const result = holidaysFromICalendar(text);
    if (!result.ok) {
      setNote({ kind: 'problems', problems: result.problems });
      return;
    }
    const fresh = result.holidays.filter((day) => !holidays.includes(day));
    onChange([...holidays, ...fresh].sort());
    setNote({ kind: 'added', added: fresh.length, skipped: result.skipped.length });
  };

  return (
    <div className="holidays" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        {title}
      </p>
      <ul className="holiday-list" aria-labelledby={`${id}-title`} aria-describedby={listProblems.describedBy} tabIndex={-1} {...{ [PATH_ATTRIBUTE]: path }}>
        {holidays.map((day, i) => (
          <Holiday key={`${day}-${i}`} path={`${path}.${i}`} day={day} label={holidayLabel(day, i18n.language)} onRemove={() => onChange(holidays.filter((_, j) => j !== i))} />
        ))}
        {holidays.length === 0 && <li className="muted">{t('matrix.holidays.none')}</li>}
      </ul>
      <ProblemMessage path={path} />
      {editable && (
        <div className="holiday-actions">
          <span className="inline-form">
            <label htmlFor={`${id}-date`} className="visually-hidden">
              {t('matrix.holidays.date')}
            </label>
            <input
              id={`${id}-date`}
              type="date"
              value={date}
              onChange={(event) => setDate(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button small" onClick={add} disabled={date === ''}>
              {t('matrix.holidays.add')}
            </button>
          </span>
          <label className="button small subtle file-button">
            {t('matrix.holidays.importIcs')}
            <input
              type="file"
              accept=".ics,text/calendar"
              className="visually-hidden"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </label>
        </div>
      )}
      <div role="status" className="import-note">
        {note?.kind === 'added' && (
          <span>
            {t('matrix.holidays.imported', { count: note.added })} {note.skipped > 0 && t('matrix.holidays.skipped', { count: note.skipped })}
          </span>
        )}
      </div>
      {note?.kind === 'unreadable' && (
        <p role="alert" className="alert inline">
          {t('matrix.holidays.unreadable')}
        </p>
      )}
      {note?.kind === 'problems' && (
        <div role="alert" className="alert inline">
          <p className="alert-title">{t('matrix.holidays.icsRefused')}</p>
          <ul>
            {note.problems.map((problem, i) => (
              <li key={i}>
                {tr(`matrix.ics.${problem.code}`, { line: problem.line ?? '', event: problem.event ?? '', defaultValue: problem.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Holiday({ path, day, label, onRemove }: { path: string; day: string; label: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const editable = useEditable();
  const { invalid, describedBy } = useFieldProblems([path]);
  return (
    <li className={invalid ? 'chip is-invalid' : 'chip'}>
      <time dateTime={day} {...{ [PATH_ATTRIBUTE]: path }} tabIndex={-1} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
        {label}
      </time>
      {editable && (
        <button type="button" className="tag-remove" aria-label={t('matrix.holidays.remove', { date: label })} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ProblemMessage path={path} />
    </li>
  );
}
