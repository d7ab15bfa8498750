// Which part of the matrix applies to a ticket: its plan × priority target, the concrete calendar
// that counts it (the customer's own zone for `customer`), the statuses that pause its clocks, and
// where routing puts it. Pure and cheap: it runs for every ticket on every deadline computation.
import { type Calendar, isKnownTimeZone } from '../../business-time/calendar';
import type { SlaPolicy } from '../../business-time/sla-clocks';
import type { Channel, SupportLevel, TicketPriority, TicketStatus } from '../ticket';
import { CUSTOMER_CALENDAR, type MatrixDocument, type RoutingRule, type TicketConditions, type TriggerConditions } from './schema';

/** What the matrix reads from a ticket: the fields its conditions test, and where the ticket is now (for triggers). */
export interface MatrixTicketFacts {
  priority: TicketPriority;
  channel: Channel;
  category: string | null;
  tags: readonly string[];
  organisationId: string | null;
  /** The ticket's current level and group name; null before routing (triggers with level or group conditions then do not apply). */
  level?: SupportLevel | null;
  group?: string | null;
}

/** What the matrix reads from the requester: their support plan (a plan key) and IANA time zone. */
export interface MatrixCustomerFacts {
  plan: string;
  timeZone: string;
}

/**
 * Where a policy's calendar came from: a named team calendar, or the customer's own hours (the
 * weekly hours of team calendar `hoursFrom` in the customer's `timeZone`). `fallback` is true when
 * the customer's zone was unknown and the team calendar's zone was used instead.
 */
export type PolicyCalendarSource =
  | { kind: 'team'; key: string; name: string }
  | { kind: 'customer'; hoursFrom: string; timeZone: string; fallback: boolean };

/** Where routing puts a new ticket: the rule that matched (null: the fallback route), its level and group. */
export interface ResolvedRoute {
  ruleId: string | null;
  ruleName: string | null;
  level: SupportLevel;
  group: string;
}

/**
 * The policy that applies to a ticket: the plan × priority cell, the SLA policy ready for
 * `computeTicketSla` (targets in business minutes and the paused statuses), the concrete
 * calendar, where it came from, and the route the rules give a new ticket.
 */
export interface TicketPolicy {
  plan: string;
  planName: string;
  priority: TicketPriority;
  sla: SlaPolicy;
  pausedStatuses: TicketStatus[];
  calendar: Calendar;
  calendarSource: PolicyCalendarSource;
  route: ResolvedRoute;
}

/** Why no policy applies: the plan is not in the matrix, or (in an unvalidated matrix) its cell or calendar is missing. */
export type TicketPolicyFailure = { code: 'unknown-plan' | 'missing-target' | 'unknown-calendar'; message: string };

/** The outcome of {@link resolveTicketPolicy}. */
export type TicketPolicyResolution = ({ ok: true } & TicketPolicy) | ({ ok: false } & TicketPolicyFailure);

// Calendars derived for customers' zones, per document: the same object for the same zone, so
// business-time's per-calendar cache (compiled days, zone offsets) is shared by every ticket.
const MAX_CACHED_ZONES = 1000;
const customerCalendars = new WeakMap<MatrixDocument, Map<string, { calendar: Calendar; fallback: boolean }>>();

/**
 * The policy of a ticket under `matrix`: the customer's plan × the ticket's priority, the cell's
 * calendar (or the plan's) resolved to a concrete calendar, and the route of the first matching
 * routing rule (else the fallback). Expects a validated matrix; on a plan the matrix lacks it
 * answers `unknown-plan` rather than guessing.
 */
export function resolveTicketPolicy(matrix: MatrixDocument, ticket: MatrixTicketFacts, customer: MatrixCustomerFacts): TicketPolicyResolution {
  const plan = Object.hasOwn(matrix.plans, customer.plan) ? matrix.plans[customer.plan] : undefined;
  if (!plan) return { ok: false, code: 'unknown-plan', message: `The matrix has no plan "${customer.plan}"` };
  const cell = plan.targets[ticket.priority];
  if (!cell) return { ok: false, code: 'missing-target', message: `${plan.name} × ${ticket.priority} has no SLA target` };
  const ref = cell.calendar ?? plan.calendar;
  const resolved = resolveCalendar(matrix, ref, customer.timeZone);
  if (!resolved) return { ok: false, code: 'unknown-calendar', message: `There is no calendar "${ref}"` };
  return {
    ok: true,
    plan: customer.plan,
    planName: plan.name,
    priority: ticket.priority,
    sla: {
      firstResponseMinutes: cell.firstResponseMinutes,
      nextResponseMinutes: cell.nextResponseMinutes,
      resolutionMinutes: cell.resolutionMinutes,
      pausedStatuses: plan.pausedStatuses,
    },
    pausedStatuses: plan.pausedStatuses,
    calendar: resolved.calendar,
    calendarSource: resolved.source,
    route: routeTicket(matrix, ticket, customer.plan),
  };
}

/** The route of a new ticket: the first routing rule whose conditions it meets, else the fallback. */
export function routeTicket(matrix: MatrixDocument, ticket: MatrixTicketFacts, plan: string): ResolvedRoute {
  const rule: RoutingRule | undefined = matrix.routing.rules.find((r) => meetsConditions(r.when, ticket, plan));
  if (rule) return { ruleId: rule.id, ruleName: rule.name, level: rule.level, group: rule.group };
  return { ruleId: null, ruleName: null, level: matrix.routing.fallback.level, group: matrix.routing.fallback.group };
}

/**
 * Whether a ticket meets rule or trigger conditions: every present list holds the ticket's value
 * (tags: the ticket carries them all); `levels` and `groups` test where the ticket is now.
 */
export function meetsConditions(when: TicketConditions | TriggerConditions, ticket: MatrixTicketFacts, plan: string): boolean {
  if (when.plans && !when.plans.includes(plan)) return false;
  if (when.priorities && !when.priorities.includes(ticket.priority)) return false;
  if (when.channels && !when.channels.includes(ticket.channel)) return false;
  if (when.categories && (ticket.category === null || !when.categories.includes(ticket.category))) return false;
  if (when.organisations && (ticket.organisationId === null || !when.organisations.includes(ticket.organisationId))) return false;
  if (when.tags && !when.tags.every((tag) => ticket.tags.includes(tag))) return false;
  const trigger = when as TriggerConditions;
  if (trigger.levels && (ticket.level == null || !trigger.levels.includes(ticket.level))) return false;
  if (trigger.groups && (ticket.group == null || !trigger.groups.includes(ticket.group))) return false;
  return true;
}

/**
 * A calendar reference resolved to a concrete calendar: a team calendar by key, or for
 * `customer` the weekly hours of `customerHours.hoursFrom` in the customer's zone, closed on
 * `customerHours.holidays` (the team calendar's own zone when the customer's is unknown). Null
 * when the reference names no calendar.
 */
export function resolveCalendar(
  matrix: MatrixDocument,
  ref: string,
  customerTimeZone: string,
): { calendar: Calendar; source: PolicyCalendarSource } | null {
  if (ref !== CUSTOMER_CALENDAR) {
    const named = Object.hasOwn(matrix.calendars, ref) ? matrix.calendars[ref] : undefined;
    return named ? { calendar: named.calendar, source: { kind: 'team', key: ref, name: named.name } } : null;
  }
  const hoursFrom = matrix.customerHours.hoursFrom;
  const team = Object.hasOwn(matrix.calendars, hoursFrom) ? matrix.calendars[hoursFrom] : undefined;
  if (!team) return null;
  let byZone = customerCalendars.get(matrix);
  if (!byZone) {
    byZone = new Map();
    customerCalendars.set(matrix, byZone);
  }
  let derived = byZone.get(customerTimeZone);
  if (!derived) {
    const fallback = !isKnownTimeZone(customerTimeZone);
    derived = {
      calendar: {
        timeZone: fallback ? team.calendar.timeZone : customerTimeZone,
        weeklyHours: team.calendar.weeklyHours,
        holidays: matrix.customerHours.holidays,
      },
      fallback,
    };
    // There are about 600 zones; anything beyond is junk input, not worth keeping.
    if (byZone.size < MAX_CACHED_ZONES) byZone.set(customerTimeZone, derived);
  }
  return {
    calendar: derived.calendar,
    source: { kind: 'customer', hoursFrom, timeZone: derived.calendar.timeZone, fallback: derived.fallback },
  };
}
