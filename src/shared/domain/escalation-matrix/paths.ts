// How the diff and the three-way merge read the matrix document: which lists are sets, which
// follow their items' ids, which change as a whole, and how a path and a value read in a sentence.
import type { MatrixDocument, TriggerAction, TriggerMoment } from './schema';

/** A path into the document as segments: keys and array indexes. */
export type MatrixPath = readonly (string | number)[];

/**
 * How a list is compared: `keyed` lists (routing rules, triggers) follow their items' `id`, so a
 * moved or renamed rule is the same rule; `set` lists (holidays, groups, statuses, condition
 * values) are compared item by item regardless of order; `atomic` lists (a day's opening
 * intervals, a trigger's actions) change as a whole.
 */
export type ListKind = 'keyed' | 'set' | 'atomic';

/** The kind of the list at `path`, given its versions (a list of objects is never a set). */
export function listKind(path: MatrixPath, versions: readonly (readonly unknown[])[]): ListKind {
  const last = path[path.length - 1];
  if ((path.length === 2 && path[0] === 'routing' && last === 'rules') || (path.length === 1 && last === 'triggers')) {
    // Only while every id is unique; a document with duplicate ids (a problem anyway) is compared whole.
    return versions.every(hasUniqueIds) ? 'keyed' : 'atomic';
  }
  if (path[0] === 'calendars' && path[3] === 'weeklyHours') return 'atomic';
  if (last === 'actions') return 'atomic';
  return versions.every((list) => list.every(isPrimitive)) ? 'set' : 'atomic';
}

/** Dotted form of a path, as problems and changes carry it. */
export function dotted(path: MatrixPath): string {
  return path.join('.');
}

/** Whether two JSON values are equal (objects by their keys, in any order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is a JSON primitive (string, number, boolean, null). */
export function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function hasUniqueIds(list: readonly unknown[]): boolean {
  const ids = new Set<unknown>();
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.id !== 'string' || ids.has(item.id)) return false;
    ids.add(item.id);
  }
  return true;
}

const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const FIELD_NAMES: Record<string, string> = {
  firstResponseMinutes: 'first response',
  nextResponseMinutes: 'next response',
  resolutionMinutes: 'resolution',
  pausedStatuses: 'paused statuses',
  customerVisible: 'visible to customers',
  timeZone: 'time zone',
  repeatEveryMinutes: 'repeat every',
  hoursFrom: 'weekly hours from',
  at: 'fires at',
  percent: 'share',
};

/**
 * What a path is about, in words, named after `doc` where it holds names:
 * `plans.enterprise.targets.urgent.firstResponseMinutes` → `Enterprise × urgent: first response`.
 */
export function describePath(doc: MatrixDocument | null, path: MatrixPath): string {
  const [area, key, ...rest] = path;
  const field = (segments: readonly (string | number)[]): string =>
    segments
      .filter((segment) => typeof segment === 'string')
      .map((segment) => FIELD_NAMES[segment as string] ?? String(segment))
      .join(' ');
  const withField = (subject: string, segments: readonly (string | number)[]): string =>
    segments.length === 0 ? subject : `${subject}: ${field(segments)}`;

  switch (area) {
    case 'levels': {
      if (key === undefined) return 'Support levels';
      const level = doc?.levels[key as keyof MatrixDocument['levels']];
      return withField(level ? `${key} ${level.name}` : String(key), rest);
    }
    case 'plans': {
      if (key === undefined) return 'Support plans';
      const name = doc?.plans[key as string]?.name || String(key);
      if (rest[0] === 'targets' && rest[1] !== undefined) return withField(`${name} × ${rest[1]}`, rest.slice(2));
      return withField(`Plan ${name}`, rest);
    }
    case 'calendars': {
      if (key === undefined) return 'Calendars';
      const subject = `Calendar ${doc?.calendars[key as string]?.name || String(key)}`;
      const inner = rest[0] === 'calendar' ? rest.slice(1) : rest;
      if (inner[0] === 'weeklyHours' && inner[1] !== undefined) return `${subject}: ${DAY_NAMES[inner[1]] ?? inner[1]} hours`;
      return withField(subject, inner.slice(0, 1));
    }
    case 'customerHours':
      return withField('Customer hours', key === undefined ? [] : [key]);
    case 'routing': {
      if (key === 'fallback') return withField('Fallback route', rest);
      if (key !== 'rules') return 'Routing';
      const [index, ...inner] = rest;
      if (index === undefined) return 'Routing rules';
      return withField(`Rule "${doc?.routing.rules[index as number]?.name ?? `#${Number(index) + 1}`}"`, conditionField(inner));
    }
    case 'triggers': {
      if (key === undefined) return 'Triggers';
      return withField(`Trigger "${doc?.triggers[key as number]?.name ?? `#${Number(key) + 1}`}"`, conditionField(rest));
    }
    default:
      return path.length === 0 ? 'The matrix' : dotted(path);
  }
}

// `when.plans.2` reads as "plans condition"; the index of a set item is not worth saying.
function conditionField(segments: readonly (string | number)[]): (string | number)[] {
  if (segments[0] === 'when') return segments[1] === undefined ? ['conditions'] : [`${segments[1]} condition`];
  return segments.slice(0, 2);
}

/** A value as it reads in a change line: minutes with their unit, hours as intervals, `none` for null. */
export function describeValue(path: MatrixPath, value: unknown): string {
  const last = path[path.length - 1];
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'number' && typeof last === 'string' && last.endsWith('Minutes')) return `${value} min`;
  if (typeof value === 'number' && last === 'percent') return `${value} %`;
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value !== 'object') return String(value);
  if (path[0] === 'calendars' && path[3] === 'weeklyHours' && Array.isArray(value) && path.length === 5) {
    return value.length === 0 ? 'closed' : (value as [string, string][]).map(([start, end]) => `${start}–${end}`).join(', ');
  }
  if (last === 'at' && isPlainObject(value)) {
    const moment = value as TriggerMoment;
    return moment.kind === 'breach' ? 'the breach' : `${moment.percent} % of the target`;
  }
  if (last === 'actions' && Array.isArray(value)) {
    return value.length === 0 ? 'nothing' : (value as TriggerAction[]).map(describeAction).join(', ');
  }
  if (Array.isArray(value) && value.every(isPrimitive)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  return JSON.stringify(value);
}

function describeAction(action: TriggerAction): string {
  switch (action.type) {
    case 'notify':
      return `notify ${action.recipients.join(' and ') || 'no one'}`;
    case 'escalate-next-level':
      return 'escalate one level up';
    case 'escalate-to-group':
      return `escalate to ${action.group}`;
  }
}
