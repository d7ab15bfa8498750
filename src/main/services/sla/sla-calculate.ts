import { DateTime } from 'luxon';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { instantOfIso } from '../../../shared/contract/sla-methods';
import { businessMinutesBetween } from '../../../shared/business-time/business-clock';
import { explainDeadline } from '../../../shared/business-time/explain-deadline';

/**
 * `sla/calculate`: the due time of `minutes` business minutes from `start` with its explanation,
 * or the business minutes from `start` to `end`. The input was validated by the contract (a
 * calendar that follows its rules, ISO instants with offsets, exactly one of minutes and end).
 */
export function calculateSla(input: MethodInput<'sla/calculate'>): MethodOutput<'sla/calculate'> {
  const startMs = instantOfIso(input.start);
  if (input.end !== undefined) {
    return { kind: 'between', minutes: businessMinutesBetween(input.calendar, startMs, instantOfIso(input.end)) };
  }
  const explanation = explainDeadline(input.calendar, startMs, input.minutes ?? 0);
  const dueAtMs = explanation.outcome === 'due' ? explanation.dueAt : null;
  return {
    kind: 'due',
    // In the calendar's zone, so the answer reads as the team's wall clock.
    dueAt: dueAtMs === null ? null : DateTime.fromMillis(dueAtMs, { zone: input.calendar.timeZone }).toISO({ suppressMilliseconds: true }),
    dueAtMs,
    explanation,
  };
}

/** The contract's business-time methods. */
export function slaHandlers() {
  return {
    'sla/calculate': (input: MethodInput<'sla/calculate'>) => calculateSla(input),
  };
}
