import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { slaStateOf } from './sla';

/**
 * The next SLA deadline as a countdown with its state in words and colour (never colour alone):
 * "in 3 h 5 min", "At risk: 42 min left", "Overdue by 1 h 10 min", or "No SLA".
 */
export function SlaBadge({ dueAt, now, compact = false }: { dueAt: number | null; now: number; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = slaStateOf(dueAt, now);
  let text: string;
  if (dueAt === null) text = t('sla.none');
  else {
    const time = format.duration(dueAt - now);
    if (state === 'breached') text = t(compact ? 'sla.breachedShort' : 'sla.breached', { time });
    else if (state === 'at-risk') text = t(compact ? 'sla.atRiskShort' : 'sla.atRisk', { time });
    else text = compact ? time : t('sla.ok', { time });
  }
  return (
    <span className={`sla sla-${state}`} title={dueAt === null ? undefined : t('sla.dueAt', { date: format.dateTime(dueAt) })}>
      {state === 'breached' || state === 'at-risk' ? (
        <span className="sla-icon" aria-hidden="true">
          {state === 'breached' ? '!' : '◷'}
        </span>
      ) : null}
      {text}
    </span>
  );
}
