import { SLA_AT_RISK_MS, type SlaState } from '../../shared/domain/view';

/** The SLA state of a next deadline at `nowMs`: none, on track, at risk (due within two hours), or breached. */
export function slaStateOf(dueAt: number | null, nowMs: number): SlaState {
  if (dueAt === null) return 'none';
  if (dueAt <= nowMs) return 'breached';
  if (dueAt - nowMs <= SLA_AT_RISK_MS) return 'at-risk';
  return 'ok';
}
