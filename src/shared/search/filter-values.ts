// Reads the value of one `field:value` filter. Each reader answers with the filter or a problem,
// never throws: whatever the user typed after the colon is either understood or explained.
import { CHANNELS, SUPPORT_LEVELS, TICKET_PRIORITIES, TICKET_STATUSES, UNSOLVED_STATUSES } from '../domain/ticket';
import type { Channel, SupportLevel, TicketPriority, TicketStatus } from '../domain/ticket';
import { SUPPORT_PLANS, type SupportPlan } from '../domain/customer';
import type { DayRange, SearchFilter, SearchFilterField, SearchProblem } from './query-ast';

/** Field names the search box knows, with their aliases, mapped to the filter they make. */
export const FILTER_FIELD_NAMES: Readonly<Record<string, SearchFilterField>> = {
  status: 'status',
  priority: 'priority',
  channel: 'channel',
  level: 'level',
  plan: 'plan',
  tag: 'tag',
  tags: 'tag',
  category: 'category',
  group: 'group',
  assignee: 'assignee',
  requester: 'requester',
  number: 'number',
  created: 'created',
  updated: 'updated',
};

/** What reading a filter value gave: the filter without its `negated` flag, or a problem. */
export type FilterReading = { ok: true; filter: DistributiveOmit<SearchFilter, 'negated'> } | { ok: false; problem: SearchProblem };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const STATUS_ALIASES: Readonly<Record<string, readonly TicketStatus[]>> = {
  unsolved: UNSOLVED_STATUSES,
  onhold: ['on-hold'],
  'on_hold': ['on-hold'],
  hold: ['on-hold'],
};

function invalid(field: SearchFilterField, value: string, allowed: readonly string[]): FilterReading {
  return { ok: false, problem: { code: 'invalid-value', params: { field, value, allowed: [...allowed] } } };
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const lower = value.toLowerCase();
  return allowed.find((candidate) => candidate === lower);
}

/** Reads `value` (already unquoted and trimmed, never empty) as the value of `field`. */
export function readFilterValue(field: SearchFilterField, value: string): FilterReading {
  switch (field) {
    case 'status': {
      const lower = value.toLowerCase();
      const statuses = STATUS_ALIASES[lower] ?? (oneOf(lower, TICKET_STATUSES) ? [lower as TicketStatus] : undefined);
      return statuses ? { ok: true, filter: { field, values: [...statuses] } } : invalid(field, value, [...TICKET_STATUSES, 'unsolved']);
    }
    case 'priority': {
      const priority = oneOf<TicketPriority>(value, TICKET_PRIORITIES);
      return priority ? { ok: true, filter: { field, value: priority } } : invalid(field, value, TICKET_PRIORITIES);
    }
    case 'channel': {
      const channel = oneOf<Channel>(value, CHANNELS);
      return channel ? { ok: true, filter: { field, value: channel } } : invalid(field, value, CHANNELS);
    }
    case 'plan': {
      const plan = oneOf<SupportPlan>(value, SUPPORT_PLANS);
      return plan ? { ok: true, filter: { field, value: plan } } : invalid(field, value, SUPPORT_PLANS);
    }
    case 'level': {
      // `level:L2`, `level:l2` and `level:2` all mean L2.
      const match = /^l?([1-4])$/i.exec(value);
      return match ? { ok: true, filter: { field, value: `L${match[1]}` as SupportLevel } } : invalid(field, value, SUPPORT_LEVELS);
    }
    case 'tag': {
      // Tags are stored lower case without spaces or commas (tagSchema).
      const tag = value.toLowerCase();
      return /^[^\s,]{1,50}$/.test(tag) ? { ok: true, filter: { field, value: tag } } : invalid(field, value, []);
    }
    case 'category':
    case 'group':
      return { ok: true, filter: { field, value } };
    case 'assignee': {
      const lower = value.toLowerCase();
      if (lower === 'me') return { ok: true, filter: { field, value: { kind: 'me' } } };
      if (lower === 'none' || lower === 'nobody' || lower === 'unassigned') return { ok: true, filter: { field, value: { kind: 'none' } } };
      return { ok: true, filter: { field, value: { kind: 'name', name: value } } };
    }
    case 'requester':
      return /^[^@\s]+@[^@\s]+$/.test(value)
        ? { ok: true, filter: { field, value: { kind: 'email', email: value.toLowerCase() } } }
        : hasSearchableText(value)
          ? { ok: true, filter: { field, value: { kind: 'words', text: value } } }
          : invalid(field, value, []);
    case 'number': {
      const digits = value.replace(/^#/, '');
      const number = /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
      return Number.isSafeInteger(number) && number > 0 ? { ok: true, filter: { field, value: number } } : invalid(field, value, []);
    }
    case 'created':
    case 'updated': {
      const range = readDayRange(value);
      return range
        ? { ok: true, filter: { field, value: range } }
        : { ok: false, problem: { code: 'invalid-date', params: { field, value, example: `${field}:>2026-01-31` } } };
    }
  }
}

/** Whether `text` has a letter or digit: the only characters the search index keeps as words. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day `day` is a valid `YYYY-MM-DD` calendar day; undefined otherwise. */
function validDay(day: string): string | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date ? day : undefined;
}

/** The calendar day after `day` (both `YYYY-MM-DD`). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * Reads `>D`, `>=D`, `<D`, `<=D`, `D` (that whole day), `A..B` (both days included), `A..` and `..B`
 * as a half-open day range. Undefined when it is none of these.
 */
export function readDayRange(value: string): DayRange | undefined {
  const comparison = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (comparison) {
    const day = validDay(comparison[2]!.trim());
    if (!day) return undefined;
    switch (comparison[1]) {
      case '>':
        return { fromDay: nextDay(day), toDay: null };
      case '>=':
        return { fromDay: day, toDay: null };
      case '<':
        return { fromDay: null, toDay: day };
      default:
        return { fromDay: null, toDay: nextDay(day) };
    }
  }
  const range = /^(.*)\.\.(.*)$/.exec(value);
  if (range) {
    const from = range[1]!.trim();
    const to = range[2]!.trim();
    if (from === '' && to === '') return undefined;
    const fromDay = from === '' ? null : validDay(from);
    const toDay = to === '' ? null : validDay(to);
    if (fromDay === undefined || toDay === undefined) return undefined;
    return { fromDay, toDay: toDay === null ? null : nextDay(toDay) };
  }
  const day = validDay(value);
  return day ? { fromDay: day, toDay: nextDay(day) } : undefined;
}
