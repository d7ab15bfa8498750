import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_PLANS } from '../../../shared/domain/customer';
import { CUSTOMER_CALENDAR, DEFAULT_PAUSED_STATUSES, type MatrixDocument, type SlaTargetSpec } from '../../../shared/domain/escalation-matrix/schema';
import type { TicketPriority, TicketStatus } from '../../../shared/domain/ticket';
import { DurationInput, EditorSection, MatrixTextInput, ProblemMessage, useEditable, useFieldProblems } from './fields';
import { moveInGrid } from './grid-navigation';
import { keyFromName } from './matrix-keys';
import { useMatrixStore } from './matrix-store';
import { PATH_ATTRIBUTE } from './problem-paths';

/** Priorities as the grid lists them: the most pressing first. */
const PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];
const CLOCKS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;
type ClockField = (typeof CLOCKS)[number];
const CLOCK_KEYS = {
  firstResponseMinutes: 'matrix.clocks.firstResponse',
  nextResponseMinutes: 'matrix.clocks.nextResponse',
  resolutionMinutes: 'matrix.clocks.resolution',
} as const;
/** The statuses a plan may pause its clocks in (the rules refuse the others). */
const PAUSABLE: readonly TicketStatus[] = ['pending', 'on-hold'];

function emptyTarget(): SlaTargetSpec {
  return { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null };
}

/** Names of the calendars a plan or cell can count in, for the calendar pickers. */
function useCalendarOptions(doc: MatrixDocument): { value: string; label: string }[] {
  const { t } = useTranslation();
  return [
    ...Object.entries(doc.calendars).map(([key, named]) => ({ value: key, label: named.name || key })),
    { value: CUSTOMER_CALENDAR, label: t('matrix.plans.customerCalendar') },
  ];
}

/** Plans (name, calendar, pause statuses) and the plan × priority grid of SLA targets. */
export function TargetsSection({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <EditorSection id={`${id}-title`} path="plans" title={t('matrix.sections.plans')} description={t('matrix.plans.note')}>
      <PlansTable doc={doc} />
      <h4 className="matrix-subtitle" id={`${id}-grid`}>
        {t('matrix.targets.title')}
      </h4>
      <p className="muted matrix-section-note" id={`${id}-grid-note`}>
        {t('matrix.targets.note')}
      </p>
      <TargetsGrid doc={doc} labelledBy={`${id}-grid`} describedBy={`${id}-grid-note`} />
    </EditorSection>
  );
}

function PlansTable({ doc }: { doc: MatrixDocument }) {
  const { t } = useTranslation();
  const id = useId();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const calendars = useCalendarOptions(doc);
  const [newName, setNewName] = useState('');

  const addPlan = () => {
    const name = newName.trim();
    if (name === '') return;
    edit((draft) => {
      const key = keyFromName(name, Object.keys(draft.plans));
      // A new plan starts from the first plan's targets and calendar: a grid of empty cells
      // would be a wall of problems, and leads adjust a copy faster than they fill a blank.
      const model = Object.values(draft.plans)[0];
      draft.plans[key] = {
        name,
        calendar: model?.calendar ?? Object.keys(draft.calendars)[0] ?? CUSTOMER_CALENDAR,
        pausedStatuses: [...DEFAULT_PAUSED_STATUSES],
        targets: model ? structuredClone(model.targets) : Object.fromEntries(PRIORITIES.map((p) => [p, emptyTarget()])),
      };
    });
    setNewName('');
  };

  return (
    <>
      <table className="matrix-table plans-table">
        <caption className="visually-hidden">{t('matrix.plans.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matrix.plans.name')}</th>
            <th scope="col">{t('matrix.plans.calendar')}</th>
            <th scope="col">{t('matrix.plans.paused')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('matrix.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(doc.plans).map(([key, plan]) => {
            const base = `plans.${key}`;
            const builtIn = (SUPPORT_PLANS as readonly string[]).includes(key);
            return (
              <tr key={key}>
                <td>
                  <MatrixTextInput
                    path={`${base}.name`}
                    alsoPaths={[base]}
                    aria-label={t('matrix.plans.nameOf', { key })}
                    value={plan.name}
                    onValue={(value) =>
                      edit((draft) => {
                        draft.plans[key]!.name = value;
                      })
                    }
                  />
                  <span className="muted matrix-key">{key}</span>
                  <ProblemMessage path={base} />
                </td>
                <td>
                  <CalendarSelect
                    path={`${base}.calendar`}
                    label={t('matrix.plans.calendarOf', { plan: plan.name || key })}
                    value={plan.calendar}
                    options={calendars}
                    onChange={(value) =>
                      edit((draft) => {
                        draft.plans[key]!.calendar = value;
                      })
                    }
                  />
                </td>
                <td>
                  <PausedStatuses planKey={key} statuses={plan.pausedStatuses} planName={plan.name || key} />
                </td>
                <td>
                  {/* Customers can be on the built-in plans, so those stay. */}
                  {editable && !builtIn && (
                    <button
                      type="button"
                      className="button small subtle"
                      onClick={() =>
                        edit((draft) => {
                          delete draft.plans[key];
                        })
                      }
                    >
                      {t('matrix.plans.remove', { plan: plan.name || key })}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <form
          className="inline-form matrix-add"
          onSubmit={(event) => {
            event.preventDefault();
            addPlan();
          }}
        >
          <label htmlFor={`${id}-new-plan`}>{t('matrix.plans.newName')}</label>
          <input id={`${id}-new-plan`} type="text" value={newName} onChange={(event) => setNewName(event.target.value)} />
          <button type="submit" className="button small" disabled={newName.trim() === ''}>
            {t('matrix.plans.add')}
          </button>
        </form>
      )}
    </>
  );
}

function PausedStatuses({ planKey, statuses, planName }: { planKey: string; statuses: readonly TicketStatus[]; planName: string }) {
  const { t } = useTranslation();
  const editable = useEditable();
  const edit = useMatrixStore((s) => s.edit);
  const base = `plans.${planKey}.pausedStatuses`;
  const paths = statuses.map((_, i) => `${base}.${i}`);
  const { describedBy } = useFieldProblems(paths);
  // Statuses a document lists that cannot pause (an imported matrix) still show, so they can be removed.
  const shown = [...PAUSABLE, ...statuses.filter((status) => !PAUSABLE.includes(status))];
  return (
    <fieldset className="checkbox-group inline" aria-describedby={describedBy}>
      <legend className="visually-hidden">{t('matrix.plans.pausedOf', { plan: planName })}</legend>
      {shown.map((status) => {
        const index = statuses.indexOf(status);
        return (
          <label key={status} className="check">
            <input
              type="checkbox"
              {...{ [PATH_ATTRIBUTE]: index >= 0 ? `${base}.${index}` : `${base}.${status}` }}
              checked={index >= 0}
              disabled={!editable}
              onChange={(event) =>
                edit((draft) => {
                  const plan = draft.plans[planKey]!;
                  plan.pausedStatuses = event.target.checked ? [...plan.pausedStatuses, status] : plan.pausedStatuses.filter((s) => s !== status);
                })
              }
            />
            {t(`status.${status}`)}
          </label>
        );
      })}
      {paths.map((path) => (
        <ProblemMessage key={path} path={path} />
      ))}
    </fieldset>
  );
}

/** A calendar picker bound to a path; `inherit` adds a first option for "the plan's calendar" (the empty value). */
export function CalendarSelect({
  path,
  label,
  value,
  options,
  onChange,
  inherit,
  selectProps,
}: {
  path: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  inherit?: string;
  selectProps?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const editable = useEditable();
  const { invalid, describedBy } = useFieldProblems([path]);
  const known = value === '' || options.some((option) => option.value === value);
  return (
    <>
      <select
        {...selectProps}
        {...{ [PATH_ATTRIBUTE]: path }}
        aria-label={label}
        value={value}
        disabled={!editable}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      >
        {inherit !== undefined && <option value="">{inherit}</option>}
        {!known && <option value={value}>{t('matrix.plans.unknownCalendar', { key: value })}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ProblemMessage path={path} />
    </>
  );
}

/**
 * The plan × priority grid: one row per plan and priority, a column per clock (and the cell's
 * calendar). Arrow keys move between cells (left and right once the caret reaches the edge of
 * the text); only one cell is in the tab order at a time.
 */
function TargetsGrid({ doc, labelledBy, describedBy }: { doc: MatrixDocument; labelledBy: string; describedBy: string }) {
  const { t } = useTranslation();
  const edit = useMatrixStore((s) => s.edit);
  const calendars = useCalendarOptions(doc);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const gridRef = useRef<HTMLTableElement | null>(null);
  const plans = Object.entries(doc.plans);
  const rows = plans.length * PRIORITIES.length;
  const cols = CLOCKS.length + 1;

  const focusCell = (row: number, col: number) => {
    const element = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${row}:${col}"]`);
    element?.focus();
    if (element instanceof HTMLInputElement) element.select();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    const cell = target.getAttribute('data-cell');
    if (!cell || event.altKey || event.shiftKey) return;
    const [row, col] = cell.split(':').map(Number) as [number, number];
    let caret = { atStart: true, atEnd: true, allSelected: false };
    if (target instanceof HTMLInputElement) {
      const start = target.selectionStart ?? 0;
      const end = target.selectionEnd ?? 0;
      caret = { atStart: start === 0 && end === 0, atEnd: start === target.value.length, allSelected: start === 0 && end === target.value.length && end > 0 };
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      // Up and down pick the calendar in a select; the lead leaves it sideways.
      return;
    }
    const next = moveInGrid(event.key, { row, col }, { rows, cols }, caret, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    focusCell(next.row, next.col);
  };

  const cellProps = (row: number, col: number) => ({
    'data-cell': `${row}:${col}`,
    tabIndex: active.row === row && active.col === col ? 0 : -1,
    onFocus: () => setActive({ row, col }),
  });

  return (
    <div className="targets-grid-wrap">
      <table role="grid" className="matrix-table targets-grid" aria-labelledby={labelledBy} aria-describedby={describedBy} ref={gridRef} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th scope="col">{t('matrix.targets.plan')}</th>
            <th scope="col">{t('matrix.targets.priority')}</th>
            {CLOCKS.map((clock) => (
              <th scope="col" key={clock}>
                {t(CLOCK_KEYS[clock])}
              </th>
            ))}
            <th scope="col">{t('matrix.targets.calendar')}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map(([key, plan], p) =>
            PRIORITIES.map((priority, i) => {
              const row = p * PRIORITIES.length + i;
              const target = plan.targets[priority];
              const cellPath = `plans.${key}.targets.${priority}`;
              const planName = plan.name || key;
              const priorityName = t(`priority.${priority}`);
              const setClock = (field: ClockField, minutes: number | null) =>
                edit((draft) => {
                  const targets = draft.plans[key]!.targets;
                  const current = targets[priority] ?? emptyTarget();
                  targets[priority] = { ...current, [field]: minutes };
                });
              return (
                <tr key={`${key}-${priority}`} className={i === 0 ? 'plan-first-row' : undefined}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={PRIORITIES.length} className="plan-cell">
                      {planName}
                    </th>
                  )}
                  <th scope="row" className={`priority-${priority}`}>
                    {priorityName}
                    <ProblemMessage path={cellPath} />
                  </th>
                  {CLOCKS.map((clock, c) => (
                    <td key={clock}>
                      <DurationInput
                        path={`${cellPath}.${clock}`}
                        alsoPaths={c === 0 ? [cellPath] : []}
                        value={target ? target[clock] : null}
                        label={t('matrix.targets.cellLabel', { plan: planName, priority: priorityName, clock: t(CLOCK_KEYS[clock]) })}
                        onMinutes={(minutes) => setClock(clock, minutes)}
                        inputProps={cellProps(row, c)}
                      />
                    </td>
                  ))}
                  <td>
                    <CalendarSelect
                      path={`${cellPath}.calendar`}
                      label={t('matrix.targets.cellLabel', { plan: planName, priority: priorityName, clock: t('matrix.targets.calendar') })}
                      value={target?.calendar ?? ''}
                      options={calendars}
                      inherit={t('matrix.targets.planCalendar')}
                      selectProps={cellProps(row, CLOCKS.length)}
                      onChange={(value) =>
                        edit((draft) => {
                          const targets = draft.plans[key]!.targets;
                          const current = { ...(targets[priority] ?? emptyTarget()) };
                          if (value === '') delete current.calendar;
                          else current.calendar = value;
                          targets[priority] = current;
                        })
                      }
                    />
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
