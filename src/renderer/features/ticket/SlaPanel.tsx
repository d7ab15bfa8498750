import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../shared/domain/ticket';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { formatDuration } from '../matrix/duration';
import { useDurationUnits } from '../matrix/problem-text';
import { ClockCountdown } from './SlaCountdown';
import { useSlaStore, type SlaClockView, type TicketSlaView } from './sla-store';
import '../../styles/matrix.css';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The most intervals a clock lists at first; old tickets span weeks of nights and weekends. */
const SEGMENTS_SHOWN = 40;

/**
 * The ticket's "SLA" panel: which policy (plan × priority) and matrix version timed it, the
 * calendar and its zone, each clock with its state and deadline, and on request the intervals
 * each clock counted, paused (pending time) or skipped (nights, weekends, holidays).
 */
export function SlaPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const load = useSlaStore((s) => s.load);
  const view = useSlaStore((s) => (s.ticketId === ticket.id ? s.view : null));
  const status = useSlaStore((s) => (s.ticketId === ticket.id ? s.status : 'idle'));
  const error = useSlaStore((s) => (s.ticketId === ticket.id ? s.error : null));
  const nowMs = useNow(1_000);
  const [open, setOpen] = useState(false);

  // Read again whenever the ticket changes in a way that can move its clocks (a reply, a status,
  // a priority, a publish that re-timed it).
  useEffect(() => {
    void load(ticket.id);
  }, [load, ticket.id, ticket.updatedAt, ticket.dueAt, ticket.status, ticket.priority]);

  return (
    <section className="sla-panel" aria-labelledby={`${id}-title`}>
      <div className="sla-panel-header">
        <h3 id={`${id}-title`} className="mini-heading sla-panel-title">
          {t('sla.panel.title')}
        </h3>
        <button type="button" className="button small subtle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
          {open ? t('sla.panel.hide') : t('sla.panel.explain')}
        </button>
      </div>
      {view && <PolicyLine view={view} />}
      {error && <ErrorAlert error={error} />}
      {status === 'loading' && !view && (
        <p className="muted sla-panel-note" role="status">
          {t('sla.panel.loading')}
        </p>
      )}
      {view && (
        <ul className="sla-clocks" aria-label={t('sla.panel.clocks')}>
          {view.clocks.map((clock) => (
            <li key={clock.clock} className="sla-clock">
              <span className="sla-clock-title">{tr(`sla.clock.${clock.clock}`)}</span>
              <ClockState clock={clock} nowMs={nowMs} />
            </li>
          ))}
        </ul>
      )}
      {/* It scrolls on its own, so it takes focus for keyboard scrolling. */}
      <div id={`${id}-body`} hidden={!open} className="sla-panel-body" tabIndex={open ? 0 : -1} role="group" aria-label={t('sla.panel.explanation')}>
        {view && open && <Explanation view={view} />}
      </div>
    </section>
  );
}

function PolicyLine({ view }: { view: TicketSlaView }) {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const plan = view.plan === null ? t('sla.panel.noPlan') : tr(`plan.${view.plan}`, { defaultValue: view.plan });
  return (
    <p className="sla-policy muted">
      {t('sla.panel.policy', { plan, priority: tr(`priority.${view.priority}`) })}
      {' · '}
      {view.matrixVersion === null ? t('sla.panel.noVersion') : t('sla.panel.version', { version: view.matrixVersion })}
    </p>
  );
}

function ClockState({ clock, nowMs }: { clock: SlaClockView; nowMs: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useDurationUnits();
  switch (clock.state) {
    case 'running':
    case 'breached':
    case 'paused':
      return (
        <span className="sla-clock-state">
          <ClockCountdown clock={clock} nowMs={nowMs} />
          {clock.dueAt !== null && clock.state !== 'paused' && <span className="muted sla-due">{t('sla.panel.due', { date: format.dateTime(clock.dueAt) })}</span>}
          {clock.targetMinutes !== null && <span className="muted sla-target">{t('sla.panel.target', { time: formatDuration(clock.targetMinutes, units) })}</span>}
        </span>
      );
    case 'met':
      return (
        <span className="sla-clock-state">
          <span className="sla sla-met">
            <span className="sla-icon" aria-hidden="true">
              ✓
            </span>
            {t('sla.state.met')}
          </span>
          {clock.dueAt !== null && <span className="muted sla-due">{t('sla.state.metBy', { date: format.dateTime(clock.dueAt) })}</span>}
        </span>
      );
    case 'not-started':
      return <span className="sla sla-none">{t('sla.state.notStarted')}</span>;
    case 'none':
      return <span className="sla sla-none">{t('sla.state.none')}</span>;
    case 'beyond-horizon':
      return <span className="sla sla-none">{t('sla.state.beyondHorizon')}</span>;
  }
}

/** The calendar behind the clocks and, per clock, the intervals counted, paused or skipped. */
function Explanation({ view }: { view: TicketSlaView }) {
  const { t } = useTranslation();
  return (
    <div className="sla-explanation">
      <dl className="facts sla-facts">
        <div>
          <dt>{t('sla.panel.calendar')}</dt>
          <dd>{view.calendar ? t('sla.panel.calendarValue', { name: view.calendar.name, zone: view.calendar.timeZone }) : t('sla.panel.noCalendar')}</dd>
        </div>
        <div>
          <dt>{t('sla.panel.pausedWhile')}</dt>
          <dd>{view.pausedStatuses.length === 0 ? t('sla.panel.neverPaused') : view.pausedStatuses.map((status) => (t as unknown as Translate)(`status.${status}`)).join(', ')}</dd>
        </div>
      </dl>
      {view.clocks
        .filter((clock) => clock.segments.length > 0)
        .map((clock) => (
          <ClockSegments key={clock.clock} clock={clock} zone={view.calendar?.timeZone ?? null} />
        ))}
      {view.clocks.every((clock) => clock.segments.length === 0) && <p className="muted">{t('sla.panel.noIntervals')}</p>}
    </div>
  );
}

function ClockSegments({ clock, zone }: { clock: SlaClockView; zone: string | null }) {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const format = useFormat();
  const units = useDurationUnits();
  const [all, setAll] = useState(false);
  // Intervals read in the agent's zone; the calendar's zone is named in the facts above.
  const rangeFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { timeZone: format.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }),
    [i18n.language, format.timeZone],
  );
  const totals = clock.segments.reduce(
    (sum, segment) => {
      if (segment.kind === 'counted') sum.counted += segment.minutes;
      else if (segment.kind === 'paused') sum.paused += segment.minutes;
      return sum;
    },
    { counted: 0, paused: 0 },
  );
  const shown = all ? clock.segments : clock.segments.slice(0, SEGMENTS_SHOWN);
  const kindLabel = (segment: SlaClockView['segments'][number]) => {
    if (segment.kind === 'closed' && segment.label === 'weekend') return t('sla.segment.weekend');
    if (segment.kind === 'closed' && segment.label === 'holiday') return t('sla.segment.holiday');
    return tr(`sla.segment.${segment.kind}`);
  };
  return (
    <section className="sla-segments" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="sla-segments-title">
        {tr(`sla.clock.${clock.clock}`)}
      </h4>
      <p className="muted sla-totals">
        {t('sla.panel.totals', { counted: formatDuration(Math.round(totals.counted), units), paused: formatDuration(Math.round(totals.paused), units) })}
        {zone && zone !== format.timeZone && <> · {t('sla.panel.shownIn', { zone: format.timeZone ?? '' })}</>}
      </p>
      <table className="matrix-table segments-table compact">
        <thead>
          <tr>
            <th scope="col" className="segment-kind-column">
              {t('sla.panel.segmentKind')}
            </th>
            <th scope="col">{t('sla.panel.period')}</th>
            <th scope="col" className="number segment-minutes-column">
              {t('sla.panel.minutes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((segment, i) => (
            <tr key={i} className={`span-row span-${segment.kind}`}>
              <td>
                <span className="segment-kind">{kindLabel(segment)}</span>
              </td>
              <td>{rangeFormat.formatRange(segment.start, segment.end)}</td>
              <td className="number">{segment.kind === 'counted' || segment.kind === 'paused' ? formatDuration(Math.round(segment.minutes), units) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && clock.segments.length > SEGMENTS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          {t('sla.panel.showAll', { count: clock.segments.length })}
        </button>
      )}
    </section>
  );
}
