import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WEEKDAYS,
  calendarShapeSchema,
  describeCalendarProblem,
  parseCalendar,
  type Calendar,
  type CalendarProblem,
  type Weekday,
} from '../../../shared/business-time/calendar';
import { CUSTOMER_CALENDAR, type MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { useAgentTimeZone } from '../../i18n/agent-time-zone';
import { EditorSection, MatrixTextInput, ProblemMessage, useEditable, useFieldProblems } from './fields';
import { HolidaysEditor } from './HolidaysEditor';
import { keyFromName } from './matrix-keys';
import { useMatrixStore } from './matrix-store';
import { PATH_ATTRIBUTE } from './problem-paths';
import { matrixProblemText, useDurationUnits } from './problem-text';
import { TimeZonePicker } from './TimeZonePicker';
import { intervalBlocks, normaliseWallTime, suggestInterval } from './week-hours';

const HOUR_MARKS = [0, 3, 6, 9, 12, 15, 18, 21, 24];

function useEditCalendar(key: string): (recipe: (calendar: Calendar) => void) => void {
  const edit = useMatrixStore((s) => s.edit);
  return (recipe) =>
    edit((draft) => {
      const named = draft.calendars[key];
      if (named) recipe(named.calendar);
    });
}

/** The business-hours calendars (one shown at a time) and the customers' own hours. */
export function CalendarsSection({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const active = useMatrixStore((s) => s.activeCalendar);
  const setActive = useMatrixStore((s) => s.setActiveCalendar);
  const agentZone = useAgentTimeZone((s) => s.timeZone);
  const [newName, setNewName] = useState('');
  const keys = Object.keys(doc.calendars);
  const shown = active !== null && keys.includes(active) ? active : keys[0];

  const addCalendar = () => {
    const name = newName.trim();
    if (name === '') return;
    const key = keyFromName(name, [...keys, CUSTOMER_CALENDAR]);
    edit((draft) => {
      const weekday = (): [string, string][] => [['09:00', '17:00']];
      draft.calendars[key] = {
        name,
        calendar: {
          timeZone: agentZone ?? 'UTC',
          weeklyHours: { mon: weekday(), tue: weekday(), wed: weekday(), thu: weekday(), fri: weekday(), sat: [], sun: [] },
          holidays: [],
        },
      };
    });
    setActive(key);
    setNewName('');
  };

  return (
    <EditorSection id={`${id}-title`} path="calendars" title={t('matrix.sections.calendars')} description={t('matrix.calendars.note')}>
      <div className="calendar-tabs" role="tablist" aria-label={t('matrix.calendars.pick')}>
        {keys.map((key) => (
          <CalendarTab key={key} calendarKey={key} name={doc.calendars[key]?.name || key} selected={key === shown} panelId={`${id}-panel`} onSelect={() => setActive(key)} />
        ))}
      </div>
      {shown !== undefined && (
        <div id={`${id}-panel`} role="tabpanel" aria-label={doc.calendars[shown]?.name || shown} className="calendar-panel">
          <CalendarEditor key={shown} calendarKey={shown} doc={doc} />
        </div>
      )}
      {editable && (
        <form
          className="inline-form matrix-add"
          onSubmit={(event) => {
            event.preventDefault();
            addCalendar();
          }}
        >
          <label htmlFor={`${id}-new`}>{t('matrix.calendars.newName')}</label>
          <input id={`${id}-new`} type="text" value={newName} onChange={(event) => setNewName(event.target.value)} />
          <button type="submit" className="button small" disabled={newName.trim() === ''}>
            {t('matrix.calendars.add')}
          </button>
        </form>
      )}
      <CustomerHours doc={doc} />
    </EditorSection>
  );
}

function CalendarTab({ calendarKey, name, selected, panelId, onSelect }: { calendarKey: string; name: string; selected: boolean; panelId: string; onSelect: () => void }) {
  const problems = useMatrixStore((s) => s.problems);
  const count = problems.filter((problem) => problem.path === `calendars.${calendarKey}` || problem.path.startsWith(`calendars.${calendarKey}.`)).length;
  const { t } = useTranslation();
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      aria-controls={selected ? panelId : undefined}
      tabIndex={selected ? 0 : -1}
      className={selected ? 'calendar-tab is-selected' : 'calendar-tab'}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        const tabs = [...(event.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])];
        const at = tabs.indexOf(event.currentTarget);
        const next = tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
        next?.focus();
        next?.click();
      }}
    >
      {name}
      {count > 0 && (
        <span className="problem-count" aria-label={t('matrix.problemsCount', { count })}>
          {count}
        </span>
      )}
    </button>
  );
}

function CalendarEditor({ calendarKey, doc }: { calendarKey: string; doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const editCalendar = useEditCalendar(calendarKey);
  const named = doc.calendars[calendarKey];
  if (!named) return null;
  const base = `calendars.${calendarKey}`;
  const calendar = named.calendar;
  const usedBy = Object.values(doc.plans).filter((plan) => plan.calendar === calendarKey).map((plan) => plan.name);

  return (
    <div className="calendar-editor">
      <div className="form-row wrap">
        <div className="form-field">
          <label htmlFor={`${id}-name`} className="field-label">
            {t('matrix.calendars.name')}
          </label>
          <MatrixTextInput
            id={`${id}-name`}
            path={`${base}.name`}
            alsoPaths={[base]}
            value={named.name}
            onValue={(value) =>
              edit((draft) => {
                draft.calendars[calendarKey]!.name = value;
              })
            }
          />
          <ProblemMessage path={base} />
          <span className="muted field-hint">{t('matrix.calendars.key', { key: calendarKey })}</span>
        </div>
        <TimeZonePicker
          path={`${base}.calendar.timeZone`}
          label={t('matrix.calendars.timeZone')}
          value={calendar.timeZone}
          onChange={(zone) =>
            editCalendar((c) => {
              c.timeZone = zone;
            })
          }
        />
        <CalendarFile calendarKey={calendarKey} calendar={calendar} />
      </div>
      <WeekView calendarKey={calendarKey} calendar={calendar} />
      <HolidaysEditor
        path={`${base}.calendar.holidays`}
        title={t('matrix.calendars.holidays')}
        holidays={calendar.holidays}
        onChange={(holidays) =>
          editCalendar((c) => {
            c.holidays = holidays;
          })
        }
      />
      {editable && (
        <p className="calendar-remove">
          <button
            type="button"
            className="button small danger-subtle"
            onClick={() =>
              edit((draft) => {
                delete draft.calendars[calendarKey];
              })
            }
          >
            {t('matrix.calendars.remove', { name: named.name || calendarKey })}
          </button>
          {usedBy.length > 0 && <span className="muted"> {t('matrix.calendars.usedBy', { plans: usedBy.join(', ') })}</span>}
        </p>
      )}
    </div>
  );
}

/** The week: a 24-hour track per day showing its intervals, and the intervals as editable times. */
function WeekView({ calendarKey, calendar }: { calendarKey: string; calendar: Calendar }) {
  const { t } = useTranslation();
  const id = useId();
  const base = `calendars.${calendarKey}.calendar.weeklyHours`;
  return (
    <div className="week-view" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        {t('matrix.calendars.weeklyHours', { zone: calendar.timeZone })}
      </p>
      <div className="week-scale" aria-hidden="true">
        <span />
        <span className="week-scale-track">
          {HOUR_MARKS.map((hour) => (
            <span key={hour} className="week-scale-mark" style={{ left: `${(hour / 24) * 100}%` }}>
              {String(hour).padStart(2, '0')}
            </span>
          ))}
        </span>
        <span />
      </div>
      {WEEKDAYS.map((day) => (
        <DayRow key={day} calendarKey={calendarKey} day={day} intervals={calendar.weeklyHours[day]} path={`${base}.${day}`} />
      ))}
    </div>
  );
}

function DayRow({ calendarKey, day, intervals, path }: { calendarKey: string; day: Weekday; intervals: readonly [string, string][]; path: string }) {
  const { t } = useTranslation();
  const editable = useEditable();
  const editCalendar = useEditCalendar(calendarKey);
  const dayName = t(`matrix.days.${day}`);
  const problems = useMatrixStore((s) => s.problems);
  const blocks = intervalBlocks(intervals);
  const setIntervals = (recipe: (list: [string, string][]) => void) =>
    editCalendar((c) => {
      recipe(c.weeklyHours[day]);
    });

  return (
    <div className="week-day" role="group" aria-label={dayName}>
      <span className="week-day-name" aria-hidden="true">
        {dayName}
      </span>
      <span className="week-track" aria-hidden="true">
        {blocks.map((block) => {
          const bad = problems.some((problem) => problem.path === `${path}.${block.index}`);
          return (
            <span
              key={block.index}
              className={bad ? 'week-block is-invalid' : 'week-block'}
              style={{ left: `${block.startPercent}%`, width: `${block.widthPercent}%` }}
            />
          );
        })}
      </span>
      <span className="week-intervals">
        {intervals.length === 0 && <span className="muted week-closed">{t('matrix.calendars.closed')}</span>}
        {intervals.map(([start, end], i) => (
          <IntervalEditor
            key={i}
            path={`${path}.${i}`}
            dayName={dayName}
            index={i}
            start={start}
            end={end}
            onChange={(which, value) =>
              setIntervals((list) => {
                const interval = list[i];
                if (interval) interval[which] = value;
              })
            }
            onRemove={() =>
              setIntervals((list) => {
                list.splice(i, 1);
              })
            }
          />
        ))}
        {editable && (
          <button
            type="button"
            className="button small subtle"
            aria-label={t('matrix.calendars.addIntervalTo', { day: dayName })}
            onClick={() =>
              setIntervals((list) => {
                list.push(suggestInterval(list));
              })
            }
          >
            {t('matrix.calendars.addInterval')}
          </button>
        )}
      </span>
    </div>
  );
}

function IntervalEditor({
  path,
  dayName,
  index,
  start,
  end,
  onChange,
  onRemove,
}: {
  path: string;
  dayName: string;
  index: number;
  start: string;
  end: string;
  onChange: (which: 0 | 1, value: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const editable = useEditable();
  const whole = useFieldProblems([path]);
  const label = (part: 'start' | 'end') => t(`matrix.calendars.${part}Of`, { day: dayName, n: index + 1 });
  // "9" or "930" reads as 09:00 or 09:30 once the lead leaves the field.
  const tidy = (which: 0 | 1, value: string) => {
    const written = normaliseWallTime(value);
    if (editable && written !== null && written !== value) onChange(which, written);
  };
  return (
    <span className={whole.invalid ? 'interval is-invalid' : 'interval'}>
      <MatrixTextInput
        path={`${path}.0`}
        alsoPaths={[path]}
        className="time-input"
        aria-label={label('start')}
        inputMode="numeric"
        placeholder="09:00"
        maxLength={5}
        value={start}
        withMessage={false}
        onValue={(value) => onChange(0, value)}
        onBlur={() => tidy(0, start)}
      />
      <span aria-hidden="true">–</span>
      <MatrixTextInput
        path={`${path}.1`}
        alsoPaths={[path]}
        className="time-input"
        aria-label={label('end')}
        inputMode="numeric"
        placeholder="17:00"
        maxLength={5}
        value={end}
        withMessage={false}
        onValue={(value) => onChange(1, value)}
        onBlur={() => tidy(1, end)}
      />
      {editable && (
        <button type="button" className="tag-remove" aria-label={t('matrix.calendars.removeInterval', { day: dayName, n: index + 1 })} onClick={onRemove}>
          <span aria-hidden="true">×</span>
        </button>
      )}
      <ProblemMessage path={`${path}.0`} />
      <ProblemMessage path={`${path}.1`} />
      <ProblemMessage path={path} />
    </span>
  );
}

/** Export of the calendar as JSON in the documented form, and import of one (which replaces its hours, zone and holidays). */
function CalendarFile({ calendarKey, calendar }: { calendarKey: string; calendar: Calendar }) {
  const { t } = useTranslation();
  const editable = useEditable();
  const editCalendar = useEditCalendar(calendarKey);
  const units = useDurationUnits();
  const document = useMatrixStore((s) => s.document);
  const [problems, setProblems] = useState<CalendarProblem[] | 'not-json' | null>(null);
  const [imported, setImported] = useState(false);

  const exportJson = () => {
    const blob = new Blob([`${JSON.stringify(calendar, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = window.document.createElement('a');
    link.href = url;
    link.download = `${calendarKey}.calendar.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const importJson = async (file: File) => {
    setImported(false);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setProblems('not-json');
      return;
    }
    // A calendar of the right shape comes in even when it breaks a rule: its problems then show
    // on the week view, where they can be fixed. A wrong shape is refused with its problems.
    const shaped = calendarShapeSchema.safeParse(json);
    if (!shaped.success) {
      const parsed = parseCalendar(json);
      setProblems(parsed.ok ? [] : parsed.problems);
      return;
    }
    editCalendar((c) => {
      c.timeZone = shaped.data.timeZone;
      c.weeklyHours = shaped.data.weeklyHours;
      c.holidays = shaped.data.holidays;
    });
    setProblems(null);
    setImported(true);
  };

  return (
    <div className="calendar-file">
      <span className="field-label">{t('matrix.calendars.file')}</span>
      <span className="inline-form">
        <button type="button" className="button small subtle" onClick={exportJson}>
          {t('matrix.calendars.export')}
        </button>
        {editable && (
          <label className="button small subtle file-button">
            {t('matrix.calendars.import')}
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importJson(file);
              }}
            />
          </label>
        )}
      </span>
      <span role="status" className="import-note">
        {imported && t('matrix.calendars.imported')}
      </span>
      {problems === 'not-json' && (
        <p role="alert" className="alert inline">
          {t('matrix.calendars.notJson')}
        </p>
      )}
      {Array.isArray(problems) && (
        <div role="alert" className="alert inline">
          <p className="alert-title">{t('matrix.calendars.importRefused')}</p>
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>
                <code>{problem.path || '/'}</code>{' '}
                {matrixProblemText(t, document, units, { ...problem, severity: 'error', message: describeCalendarProblem(problem) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** What "the customer's own hours" mean: a team calendar's weekly hours in the customer's zone, with holidays of their own. */
function CustomerHours({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const path = 'customerHours.hoursFrom';
  const { invalid, describedBy } = useFieldProblems([path]);
  return (
    <div className="customer-hours" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="matrix-subtitle" tabIndex={-1} {...{ [PATH_ATTRIBUTE]: 'customerHours' }}>
        {t('matrix.customerHours.title')}
      </h4>
      <p className="muted matrix-section-note">{t('matrix.customerHours.note')}</p>
      <div className="form-field">
        <label htmlFor={`${id}-from`} className="field-label">
          {t('matrix.customerHours.hoursFrom')}
        </label>
        <select
          id={`${id}-from`}
          {...{ [PATH_ATTRIBUTE]: path }}
          value={doc.customerHours.hoursFrom}
          disabled={!editable}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) =>
            edit((draft) => {
              draft.customerHours.hoursFrom = event.target.value;
            })
          }
        >
          {!Object.hasOwn(doc.calendars, doc.customerHours.hoursFrom) && <option value={doc.customerHours.hoursFrom}>{t('matrix.plans.unknownCalendar', { key: doc.customerHours.hoursFrom })}</option>}
          {Object.entries(doc.calendars).map(([key, named]) => (
            <option key={key} value={key}>
              {named.name || key}
            </option>
          ))}
        </select>
        <ProblemMessage path={path} />
      </div>
      <HolidaysEditor
        path="customerHours.holidays"
        title={t('matrix.customerHours.holidays')}
        holidays={doc.customerHours.holidays}
        onChange={(holidays) =>
          edit((draft) => {
            draft.customerHours.holidays = holidays;
          })
        }
      />
    </div>
  );
}
