import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/domain/ticket';
import { SLA_AT_RISK_MS } from '../../../shared/domain/view';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { formatDuration } from '../matrix/duration';
import { useDurationUnits } from '../matrix/problem-text';
import { headlineClock, useSlaStore, type SlaClockView } from './sla-store';

/** How a deadline stands for the agent: running (on track), at risk, breached, paused, or nothing running. */
export type CountdownState = 'ok' | 'at-risk' | 'breached' | 'paused' | 'none';

/** The state a clock shows at `nowMs`: a running clock is at risk within two hours of its deadline and breached past it. */
export function countdownState(clock: Pick<SlaClockView, 'state' | 'dueAt'> | null, nowMs: number): CountdownState {
  if (!clock) return 'none';
  if (clock.state === 'paused') return 'paused';
  if (clock.state === 'breached') return 'breached';
  if (clock.state !== 'running' || clock.dueAt === null) return 'none';
  if (clock.dueAt <= nowMs) return 'breached';
  return clock.dueAt - nowMs <= SLA_AT_RISK_MS ? 'at-risk' : 'ok';
}

const ICONS: Record<CountdownState, string | null> = { ok: null, 'at-risk': '◷', breached: '!', paused: '‖', none: null };

/**
 * A clock's deadline as a live countdown, its state in words and colour and an icon (never
 * colour alone): "First response due in 3 h 5 min", "At risk: 42 min left", "Overdue by 1 h",
 * "Paused: 2h 10m of business time left". `withClock` names the clock first.
 */
export function ClockCountdown({ clock, withClock = false, nowMs }: { clock: SlaClockView | null; withClock?: boolean; nowMs: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useDurationUnits();
  const state = countdownState(clock, nowMs);
  let text: string;
  if (!clock || state === 'none') text = t('sla.none');
  else if (state === 'paused') text = t('sla.paused', { time: formatDuration(Math.max(0, Math.round(clock.remainingMinutes ?? 0)), units) });
  else {
    const time = format.duration((clock.dueAt ?? nowMs) - nowMs);
    text = state === 'breached' ? t('sla.breached', { time }) : state === 'at-risk' ? t('sla.atRisk', { time }) : t('sla.ok', { time });
  }
  const icon = ICONS[state];
  return (
    <span className={`sla sla-${state}`} title={clock?.dueAt != null ? t('sla.dueAt', { date: format.dateTime(clock.dueAt) }) : undefined}>
      {icon && (
        <span className="sla-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {withClock && clock && state !== 'none' && <span className="sla-clock-name">{t(`sla.clock.${clock.clock}`)}:</span>}
      {text}
    </span>
  );
}

/**
 * The open ticket's next deadline, ticking every second in the agent's time zone. It follows the
 * SLA explanation (so a paused clock shows as paused); until that has loaded, the ticket's due time.
 */
export function TicketSlaCountdown({ ticketId, dueAt }: { ticketId: string; dueAt: number | null }) {
  const nowMs = useNow(1_000);
  const view = useSlaStore((s) => (s.ticketId === ticketId ? s.view : null));
  const clock = view ? headlineClock(view) : dueAt === null ? null : fallbackClock(dueAt, nowMs);
  return <ClockCountdown clock={clock} withClock={view !== null} nowMs={nowMs} />;
}

function fallbackClock(dueAt: number, nowMs: number): SlaClockView {
  return {
    clock: 'resolution',
    state: dueAt <= nowMs ? 'breached' : 'running',
    dueAt,
    targetMinutes: null,
    elapsedMinutes: 0,
    remainingMinutes: null,
    segments: [],
  };
}

/** Statuses in which the clocks pause unless a plan says otherwise. */
const PAUSING: ReadonlySet<TicketStatus> = new Set(['pending', 'on-hold']);

/**
 * What the list's SLA column shows for a ticket without a due time: "Paused" while it waits on
 * the customer or a third party (its clocks hold), else a dash (no clock owes anything).
 */
export function NoDeadline({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  if (!PAUSING.has(status)) return <span className="muted">{t('sla.noneShort')}</span>;
  return (
    <span className="sla sla-paused">
      <span className="sla-icon" aria-hidden="true">
        ‖
      </span>
      {t('sla.pausedShort')}
    </span>
  );
}
