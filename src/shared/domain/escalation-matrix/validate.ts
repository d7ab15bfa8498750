// The rules of the escalation matrix, checked as the lead types: every problem comes back with a
// stable code, a severity (errors block publishing, warnings do not), the dotted path of the cell
// it is about, params for the UI's words, and an English message. Never throws on bad input.
//
// Cost: one pass over the document plus a graph walk over groups; a realistic matrix (a dozen
// plans, a few calendars, dozens of rules) validates in a fraction of a millisecond, so the editor
// can run it on every keystroke (validate.test.ts measures it).
import type { z } from 'zod';
import { CALENDAR_PROBLEM_CODES, describeCalendarProblem, parseLocalDate, validateCalendar } from '../../business-time/calendar';
import { SUPPORT_PLANS } from '../customer';
import { CHANNELS, SUPPORT_LEVELS, TICKET_PRIORITIES, type SupportLevel, type TicketStatus } from '../ticket';
import {
  CUSTOMER_CALENDAR,
  MATRIX_KEY_PATTERN,
  type MatrixDocument,
  type TicketConditions,
  type TimeTrigger,
  type TriggerConditions,
  matrixDocumentShapeSchema,
  matrixVersionShapeSchema,
} from './schema';

/** Codes of what can be wrong with a matrix document; each problem names the path of its cell. */
export const MATRIX_PROBLEM_CODES = [
  // The shape (JSON types); reported alone, before any rule.
  /** A required field is absent. */
  'missing-field',
  /** A field the format does not have. */
  'unknown-field',
  /** A value of the wrong JSON type; `expected` names the right one. */
  'invalid-type',
  /** A value outside its fixed list (a priority, a status, a level); `expected` lists them. */
  'invalid-value',
  // Calendars: the codes of docs/business-time.md, at `calendars.<key>.calendar.…` or `customerHours.holidays.<i>`.
  ...CALENDAR_PROBLEM_CODES,
  // Names and keys.
  /** A plan or calendar key that is not lower-case letters, digits and hyphens (`key`). */
  'invalid-key',
  /** A calendar keyed `customer`, which names the customer's own hours. */
  'reserved-key',
  /** A name (or a group name) that is empty. */
  'empty-name',
  /** The same name twice among levels, plans, calendars, rules or triggers (`first`: the path of the first). */
  'duplicate-name',
  /** A rule or trigger id that is empty. */
  'invalid-id',
  /** The same rule or trigger id twice (`first`). */
  'duplicate-id',
  /** The same value twice in one list (`first`: its index). */
  'duplicate-value',
  // Levels and groups.
  /** A level no group staffs. */
  'level-without-groups',
  /** A group listed under two levels (`first`). */
  'group-in-several-levels',
  /** A group that no level lists, or (with the team's groups given) that the team does not have. */
  'unknown-group',
  /** A route to a group that staffs another level (`group`, `level`, `staffs`). */
  'group-not-in-level',
  /** L4 (development) marked visible to customers. */
  'development-level-visible',
  /** A level that no routing rule and no escalation can reach. */
  'unreachable-level',
  // Plans and targets.
  /** One of the built-in plans customers can be on is missing (`plan`). */
  'missing-plan',
  /** A plan × priority cell without a target. */
  'missing-target',
  /** A cell whose three clocks all have no target (warning: tickets there have no SLA). */
  'no-targets',
  /** A target that is not a whole number of business minutes from 1 to 1,000,000 (`value`). */
  'invalid-minutes',
  /** A next-response target longer than the resolution target of the same cell. */
  'next-response-after-resolution',
  /** A first-response target longer than the resolution target of the same cell. */
  'first-response-after-resolution',
  /** A calendar reference to no calendar of the document (`value`). */
  'unknown-calendar',
  /** A paused status in which the clocks must run (new, open) or have already stopped (solved, closed). */
  'not-pausable-status',
  // Rules and triggers.
  /** A condition list that is empty, so the rule or trigger would match no ticket. */
  'empty-condition',
  /** A condition naming a plan the document does not have (`value`). */
  'unknown-plan',
  /** A routing rule that an earlier one always matches first (warning; `by`: the earlier rule's path). */
  'shadowed-rule',
  /** A trigger share that is not a whole percentage from 1 to 99 (`value`). */
  'invalid-percent',
  /** A repeat interval that is not a whole number of business minutes from 1 to 1,000,000 (`value`). */
  'invalid-repeat',
  /** A trigger without actions. */
  'no-actions',
  /** A notification without recipients. */
  'no-recipients',
  /** A trigger with more than one escalation action. */
  'several-escalations',
  /** Escalations that can bring a ticket back to a group it left (`cycle`: the groups in order). */
  'escalation-cycle',
] as const;
/** What can be wrong with a matrix document. */
export type MatrixProblemCode = (typeof MATRIX_PROBLEM_CODES)[number];

/** How bad a problem is: errors block publishing, warnings are shown but allowed. */
export type MatrixProblemSeverity = 'error' | 'warning';

/**
 * One problem of a matrix document: `path` is dotted from the document's root
 * (`plans.enterprise.targets.urgent.nextResponseMinutes`, `calendars.emea.calendar.weeklyHours.mon.1`),
 * `params` fill the UI's message, `message` is the English sentence for logs and tests.
 */
export interface MatrixProblem {
  code: MatrixProblemCode;
  severity: MatrixProblemSeverity;
  path: string;
  message: string;
  params: Record<string, string | number>;
}

/** What the document is checked against beyond itself: the team's group names, when known. */
export interface MatrixValidationContext {
  teamGroups?: readonly string[];
}

/** The outcome of {@link parseMatrix}: a publishable document (with its warnings), or every problem. */
export type ParseMatrixResult =
  | { ok: true; matrix: MatrixDocument; warnings: MatrixProblem[] }
  | { ok: false; problems: MatrixProblem[] };

/** The largest target or repeat interval accepted, in business minutes (about eight years of 8-hour days). */
export const MAX_MATRIX_MINUTES = 1_000_000;

const WARNINGS: ReadonlySet<MatrixProblemCode> = new Set(['shadowed-rule', 'no-targets']);
const PAUSABLE: ReadonlySet<TicketStatus> = new Set(['pending', 'on-hold']);
const NEXT_LEVEL: Record<SupportLevel, SupportLevel | null> = { L1: 'L2', L2: 'L3', L3: 'L4', L4: null };
const CONDITION_LISTS = ['plans', 'priorities', 'channels', 'categories', 'tags', 'organisations', 'levels', 'groups'] as const;

/**
 * Every problem of a matrix document, shape first: while the JSON shape is wrong only shape
 * problems are reported; once it is right, every rule problem at once. Empty when valid.
 */
export function validateMatrix(doc: unknown, context: MatrixValidationContext = {}): MatrixProblem[] {
  const shaped = matrixDocumentShapeSchema.safeParse(doc, { reportInput: true });
  if (!shaped.success) return shaped.error.issues.flatMap(shapeProblems);
  return checkMatrixRules(shaped.data, context);
}

/** A matrix read from JSON (import, publish): publishable when no problem is an error. */
export function parseMatrix(json: unknown, context: MatrixValidationContext = {}): ParseMatrixResult {
  const shaped = matrixDocumentShapeSchema.safeParse(json, { reportInput: true });
  if (!shaped.success) return { ok: false, problems: shaped.error.issues.flatMap(shapeProblems) };
  const problems = checkMatrixRules(shaped.data, context);
  if (problems.some((problem) => problem.severity === 'error')) return { ok: false, problems };
  return { ok: true, matrix: shaped.data, warnings: problems };
}

/** The matrix document schema with its rules (errors only), for contract inputs that must be publishable. */
export const matrixDocumentSchema = matrixDocumentShapeSchema.superRefine((doc, ctx) => {
  for (const problem of checkMatrixRules(doc)) {
    if (problem.severity === 'error') ctx.addIssue(problemIssue(problem));
  }
});

/** A matrix version whose document follows the rules, and whose publish time matches its status. */
export const matrixVersionSchema = matrixVersionShapeSchema.superRefine((version, ctx) => {
  if ((version.status === 'published') !== (version.publishedAt !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['publishedAt'],
      message: version.status === 'published' ? 'A published version has a publish time' : 'A draft has no publish time',
    });
  }
  for (const problem of checkMatrixRules(version.document)) {
    if (problem.severity === 'error') {
      ctx.addIssue(problemIssue(problem, ['document']));
    }
  }
});

/** The rule problems of a document of the right shape (see {@link validateMatrix}). */
export function checkMatrixRules(doc: MatrixDocument, context: MatrixValidationContext = {}): MatrixProblem[] {
  const out: MatrixProblem[] = [];
  const add = (code: MatrixProblemCode, path: string, params: Record<string, string | number> = {}): void => {
    out.push(makeProblem(code, path, params));
  };
  const names = (): ((name: string, path: string) => void) => {
    const seen = new Map<string, string>();
    return (name, path) => {
      const key = name.trim().toLowerCase();
      if (key === '') return add('empty-name', path);
      const first = seen.get(key);
      if (first !== undefined) add('duplicate-name', path, { value: name, first });
      else seen.set(key, path);
    };
  };

  // Levels and the groups that staff them.
  const levelOfGroup = new Map<string, { level: SupportLevel; path: string }>();
  const teamGroups = context.teamGroups ? new Set(context.teamGroups) : null;
  const levelName = names();
  for (const level of SUPPORT_LEVELS) {
    const spec = doc.levels[level];
    const base = `levels.${level}`;
    levelName(spec.name, `${base}.name`);
    if (spec.groups.length === 0) add('level-without-groups', `${base}.groups`);
    spec.groups.forEach((group, i) => {
      const path = `${base}.groups.${i}`;
      if (group.trim() === '') return add('empty-name', path);
      const first = levelOfGroup.get(group);
      if (first && first.level === level) return add('duplicate-value', path, { value: group, first: Number(first.path.split('.').pop()) });
      if (first) return add('group-in-several-levels', path, { group, first: first.path });
      levelOfGroup.set(group, { level, path });
      if (teamGroups && !teamGroups.has(group)) add('unknown-group', path, { group });
    });
  }
  if (doc.levels.L4.customerVisible) add('development-level-visible', 'levels.L4.customerVisible');

  // Calendars.
  const calendarName = names();
  for (const [key, named] of Object.entries(doc.calendars)) {
    const base = `calendars.${key}`;
    if (!MATRIX_KEY_PATTERN.test(key)) add('invalid-key', base, { key });
    else if (key === CUSTOMER_CALENDAR) add('reserved-key', base, { key });
    calendarName(named.name, `${base}.name`);
    for (const problem of validateCalendar(named.calendar)) {
      out.push(makeProblem(problem.code, `${base}.calendar.${problem.path}`, problem.params, describeCalendarProblem(problem)));
    }
  }
  const isCalendar = (ref: string): boolean => ref === CUSTOMER_CALENDAR || Object.hasOwn(doc.calendars, ref);
  if (!Object.hasOwn(doc.calendars, doc.customerHours.hoursFrom) || doc.customerHours.hoursFrom === CUSTOMER_CALENDAR) {
    add('unknown-calendar', 'customerHours.hoursFrom', { value: doc.customerHours.hoursFrom });
  }
  checkHolidays(doc.customerHours.holidays, 'customerHours.holidays', out);

  // Plans and their targets.
  for (const plan of SUPPORT_PLANS) if (!Object.hasOwn(doc.plans, plan)) add('missing-plan', `plans.${plan}`, { plan });
  const planName = names();
  for (const [key, plan] of Object.entries(doc.plans)) {
    const base = `plans.${key}`;
    if (!MATRIX_KEY_PATTERN.test(key)) add('invalid-key', base, { key });
    planName(plan.name, `${base}.name`);
    if (!isCalendar(plan.calendar)) add('unknown-calendar', `${base}.calendar`, { value: plan.calendar });
    const statuses = new Map<string, number>();
    plan.pausedStatuses.forEach((status, i) => {
      const path = `${base}.pausedStatuses.${i}`;
      const first = statuses.get(status);
      if (first !== undefined) return add('duplicate-value', path, { value: status, first });
      statuses.set(status, i);
      if (!PAUSABLE.has(status)) add('not-pausable-status', path, { value: status });
    });
    for (const priority of TICKET_PRIORITIES) {
      const cell = plan.targets[priority];
      const cellPath = `${base}.targets.${priority}`;
      if (!cell) {
        add('missing-target', cellPath, { plan: key, priority });
        continue;
      }
      const valid = (field: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'): number | null => {
        const value = cell[field];
        if (value === null) return null;
        if (!isMinutes(value)) {
          add('invalid-minutes', `${cellPath}.${field}`, { value });
          return null;
        }
        return value;
      };
      const first = valid('firstResponseMinutes');
      const next = valid('nextResponseMinutes');
      const resolution = valid('resolutionMinutes');
      if (cell.firstResponseMinutes === null && cell.nextResponseMinutes === null && cell.resolutionMinutes === null) {
        add('no-targets', cellPath, { plan: key, priority });
      }
      if (first !== null && resolution !== null && first > resolution) {
        add('first-response-after-resolution', `${cellPath}.firstResponseMinutes`, { firstResponse: first, resolution });
      }
      if (next !== null && resolution !== null && next > resolution) {
        add('next-response-after-resolution', `${cellPath}.nextResponseMinutes`, { nextResponse: next, resolution });
      }
      if (cell.calendar !== undefined && !isCalendar(cell.calendar)) add('unknown-calendar', `${cellPath}.calendar`, { value: cell.calendar });
    }
  }

  // Routing rules.
  const planKeys = new Set(Object.keys(doc.plans));
  const checkConditions = (when: TicketConditions | TriggerConditions, base: string): void => {
    for (const field of CONDITION_LISTS) {
      const list = (when as TriggerConditions)[field];
      if (list === undefined) continue;
      if (list.length === 0) add('empty-condition', `${base}.${field}`, { field });
      const seen = new Map<string, number>();
      list.forEach((value, i) => {
        const path = `${base}.${field}.${i}`;
        const first = seen.get(value);
        if (first !== undefined) return add('duplicate-value', path, { value, first });
        seen.set(value, i);
        if (field === 'plans' && !planKeys.has(value)) add('unknown-plan', path, { value });
        if (field === 'groups' && !levelOfGroup.has(value)) add('unknown-group', path, { group: value });
      });
    }
  };
  const checkRoute = (route: { level: SupportLevel; group: string }, path: string): void => {
    const staffed = levelOfGroup.get(route.group);
    if (!staffed) add('unknown-group', path, { group: route.group });
    else if (staffed.level !== route.level) add('group-not-in-level', path, { group: route.group, level: route.level, staffs: staffed.level });
  };
  const ids = (): ((id: string, path: string) => void) => {
    const seen = new Map<string, string>();
    return (id, path) => {
      if (id.trim() === '') return add('invalid-id', path);
      const first = seen.get(id);
      if (first !== undefined) add('duplicate-id', path, { value: id, first });
      else seen.set(id, path);
    };
  };
  const ruleId = ids();
  const ruleName = names();
  doc.routing.rules.forEach((rule, i) => {
    const base = `routing.rules.${i}`;
    ruleId(rule.id, `${base}.id`);
    ruleName(rule.name, `${base}.name`);
    checkConditions(rule.when, `${base}.when`);
    checkRoute(rule, `${base}.group`);
    const by = doc.routing.rules.findIndex((earlier, j) => j < i && covers(earlier.when, rule.when));
    if (by >= 0) add('shadowed-rule', base, { by: `routing.rules.${by}`, name: doc.routing.rules[by]?.name ?? '' });
  });
  checkRoute(doc.routing.fallback, 'routing.fallback.group');

  // Time triggers.
  const triggerId = ids();
  const triggerName = names();
  doc.triggers.forEach((trigger, i) => {
    const base = `triggers.${i}`;
    triggerId(trigger.id, `${base}.id`);
    triggerName(trigger.name, `${base}.name`);
    if (trigger.at.kind === 'share' && !(Number.isInteger(trigger.at.percent) && trigger.at.percent >= 1 && trigger.at.percent <= 99)) {
      add('invalid-percent', `${base}.at.percent`, { value: trigger.at.percent });
    }
    if (trigger.repeatEveryMinutes !== null && !isMinutes(trigger.repeatEveryMinutes)) {
      add('invalid-repeat', `${base}.repeatEveryMinutes`, { value: trigger.repeatEveryMinutes });
    }
    checkConditions(trigger.when, `${base}.when`);
    if (trigger.actions.length === 0) add('no-actions', `${base}.actions`);
    let escalations = 0;
    trigger.actions.forEach((action, j) => {
      const path = `${base}.actions.${j}`;
      if (action.type === 'notify') {
        if (action.recipients.length === 0) add('no-recipients', `${path}.recipients`);
        action.recipients.forEach((recipient, k) => {
          const first = action.recipients.indexOf(recipient);
          if (first < k) add('duplicate-value', `${path}.recipients.${k}`, { value: recipient, first });
        });
        return;
      }
      escalations++;
      if (escalations > 1) add('several-escalations', path);
      if (action.type === 'escalate-to-group' && !levelOfGroup.has(action.group)) add('unknown-group', `${path}.group`, { group: action.group });
    });
  });

  checkEscalationGraph(doc, levelOfGroup, add);
  return out;
}

/** An English sentence for a problem of a matrix document (the UI uses i18n on code and params). */
export function describeMatrixProblem(code: MatrixProblemCode, path: string, params: Record<string, string | number>): string {
  const p = params;
  switch (code) {
    case 'missing-field':
      return `${path} is missing`;
    case 'unknown-field':
      return `${path} is not part of the matrix format`;
    case 'invalid-type':
      return `${path || 'The matrix'} should be of type ${p.expected}`;
    case 'invalid-value':
      return `${p.value === undefined ? 'The value' : JSON.stringify(p.value)} is not one of ${p.expected}`;
    case 'invalid-key':
      return `The key "${p.key}" may only hold lower-case letters, digits and hyphens (at most 40)`;
    case 'reserved-key':
      return `"${p.key}" is reserved for the customer's own business hours`;
    case 'empty-name':
      return 'The name is empty';
    case 'duplicate-name':
      return `The name "${p.value}" is already used at ${p.first}`;
    case 'invalid-id':
      return 'The id is empty';
    case 'duplicate-id':
      return `The id "${p.value}" is already used at ${p.first}`;
    case 'duplicate-value':
      return `"${p.value}" is already in the list (at ${p.first})`;
    case 'level-without-groups':
      return 'No group staffs this level';
    case 'group-in-several-levels':
      return `The group "${p.group}" already staffs another level (${p.first})`;
    case 'unknown-group':
      return `There is no group "${p.group}"`;
    case 'group-not-in-level':
      return `The group "${p.group}" staffs ${p.staffs}, not ${p.level}`;
    case 'development-level-visible':
      return 'L4 (development) is never shown to customers';
    case 'unreachable-level':
      return 'No routing rule or escalation reaches this level';
    case 'missing-plan':
      return `The plan "${p.plan}" is missing; customers can be on it`;
    case 'missing-target':
      return `${p.plan} × ${p.priority} has no SLA target`;
    case 'no-targets':
      return `${p.plan} × ${p.priority} sets no target on any clock`;
    case 'invalid-minutes':
      return `${p.value} is not a whole number of business minutes from 1 to ${MAX_MATRIX_MINUTES}`;
    case 'next-response-after-resolution':
      return `The next-response target (${p.nextResponse} min) is longer than the resolution target (${p.resolution} min)`;
    case 'first-response-after-resolution':
      return `The first-response target (${p.firstResponse} min) is longer than the resolution target (${p.resolution} min)`;
    case 'unknown-calendar':
      return `There is no calendar "${p.value}"`;
    case 'not-pausable-status':
      return `The clocks cannot pause while a ticket is ${p.value}`;
    case 'empty-condition':
      return `An empty ${p.field} list matches no ticket; remove the condition to match every ticket`;
    case 'unknown-plan':
      return `There is no plan "${p.value}"`;
    case 'shadowed-rule':
      return `Never applies: the rule "${p.name}" (${p.by}) matches these tickets first`;
    case 'invalid-percent':
      return `${p.value} is not a whole percentage from 1 to 99`;
    case 'invalid-repeat':
      return `${p.value} is not a whole number of business minutes from 1 to ${MAX_MATRIX_MINUTES}`;
    case 'no-actions':
      return 'The trigger does nothing';
    case 'no-recipients':
      return 'The notification has no recipients';
    case 'several-escalations':
      return 'A trigger escalates at most once';
    case 'escalation-cycle':
      return `Escalations loop: ${p.cycle}`;
    default:
      // The calendar codes: their own sentences come from describeCalendarProblem.
      return `${code} at ${path}`;
  }
}

function makeProblem(code: MatrixProblemCode, path: string, params: Record<string, string | number>, message?: string): MatrixProblem {
  return {
    code,
    severity: WARNINGS.has(code) ? 'warning' : 'error',
    path,
    message: message ?? describeMatrixProblem(code, path, params),
    params,
  };
}

function isMinutes(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_MATRIX_MINUTES;
}

function checkHolidays(holidays: readonly string[], base: string, out: MatrixProblem[]): void {
  const seen = new Map<string, number>();
  holidays.forEach((holiday, i) => {
    const path = `${base}.${i}`;
    if (parseLocalDate(holiday) === null) {
      out.push(makeProblem('invalid-holiday', path, { value: holiday }, describeCalendarProblem({ code: 'invalid-holiday', path, params: { value: holiday } })));
      return;
    }
    const first = seen.get(holiday);
    if (first === undefined) seen.set(holiday, i);
    else {
      const params = { value: holiday, first };
      out.push(makeProblem('duplicate-holiday', path, params, describeCalendarProblem({ code: 'duplicate-holiday', path, params })));
    }
  });
}

// Whether every ticket `later` matches is matched by `earlier` too (so `later` never applies).
function covers(earlier: TicketConditions, later: TicketConditions): boolean {
  for (const field of ['plans', 'priorities', 'channels', 'categories', 'organisations'] as const) {
    const wide = earlier[field] as readonly string[] | undefined;
    const narrow = later[field] as readonly string[] | undefined;
    if (wide === undefined) continue;
    if (narrow === undefined || !narrow.every((value) => wide.includes(value))) return false;
  }
  // Tags must all be carried: fewer required tags match more tickets.
  const required = earlier.tags;
  return required === undefined || (later.tags !== undefined && required.every((tag) => later.tags?.includes(tag)));
}

type AddProblem = (code: MatrixProblemCode, path: string, params?: Record<string, string | number>) => void;

// Reachability of levels and escalation cycles, over the groups as states: a ticket sits in a
// group (and so at its level); routing puts it in one; escalations move it. Group problems are
// reported elsewhere; unknown groups simply are not states here.
function checkEscalationGraph(
  doc: MatrixDocument,
  levelOfGroup: ReadonlyMap<string, { level: SupportLevel }>,
  add: AddProblem,
): void {
  const escalating = doc.triggers
    .map((trigger, index) => ({ trigger, index }))
    .filter(({ trigger }) => trigger.actions.some((action) => action.type !== 'notify'));
  const targets = (trigger: TimeTrigger, group: string): { level: SupportLevel | null; group: string | null }[] => {
    const at = levelOfGroup.get(group);
    if (!at || !appliesTo(trigger.when, at.level, group)) return [];
    // A trigger escalates once: its first escalation action is the one that runs (more is a problem of its own).
    const action = trigger.actions.find((a) => a.type !== 'notify');
    if (action?.type === 'escalate-next-level') {
      const next = NEXT_LEVEL[at.level];
      if (next) return [{ level: next, group: doc.levels[next].groups.find((g) => levelOfGroup.get(g)?.level === next) ?? null }];
    } else if (action?.type === 'escalate-to-group') {
      const staffed = levelOfGroup.get(action.group);
      if (staffed) return [{ level: staffed.level, group: action.group }];
    }
    return [];
  };

  // Reachable levels: routed to, or escalated to from a reachable group (conditions on plan,
  // priority and the like are ignored: some ticket can meet them).
  const reachedLevels = new Set<SupportLevel>();
  const reachedGroups = new Set<string>();
  const queue: string[] = [];
  const reach = (level: SupportLevel | null, group: string | null): void => {
    if (level) reachedLevels.add(level);
    if (group && levelOfGroup.has(group) && !reachedGroups.has(group)) {
      reachedGroups.add(group);
      queue.push(group);
    }
  };
  for (const rule of doc.routing.rules) reach(rule.level, rule.group);
  reach(doc.routing.fallback.level, doc.routing.fallback.group);
  while (queue.length > 0) {
    const group = queue.shift() as string;
    for (const { trigger } of escalating) for (const target of targets(trigger, group)) reach(target.level, target.group);
  }
  for (const level of SUPPORT_LEVELS) if (!reachedLevels.has(level)) add('unreachable-level', `levels.${level}`, { level });

  // Cycles need an escalation to a named group (one-level-up steps only climb). A loop counts
  // only when one ticket can meet the conditions of every trigger on it: plan, priority,
  // channel, category and organisation do not change on escalation, so the check runs per
  // class of tickets that the triggers tell apart.
  if (!escalating.some(({ trigger }) => trigger.actions.some((action) => action.type === 'escalate-to-group'))) return;
  const reported = new Set<number>();
  for (const members of triggerClasses(doc, escalating.map(({ trigger }) => trigger))) {
    const edges = new Map<string, { to: string; index: number }[]>();
    for (const group of levelOfGroup.keys()) {
      const out: { to: string; index: number }[] = [];
      for (const m of members) {
        const { trigger, index } = escalating[m] as { trigger: TimeTrigger; index: number };
        for (const target of targets(trigger, group)) if (target.group) out.push({ to: target.group, index });
      }
      edges.set(group, out);
    }
    for (const cycle of findCycles(edges)) {
      // The culprit is an escalation that does not climb (to a group at the same or a lower
      // level): one-level-up steps alone never come back.
      const culprit = cycle.find((edge) => levelRank(levelOfGroup, edge.to) <= levelRank(levelOfGroup, edge.from)) ?? cycle[0];
      if (!culprit || reported.has(culprit.index)) continue;
      reported.add(culprit.index);
      // Told from the culprit on: "Platform Experts → Integrations → Platform Experts".
      const start = cycle.indexOf(culprit);
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      const groups = [...rotated.map((edge) => edge.from), culprit.from];
      add('escalation-cycle', `triggers.${culprit.index}`, { cycle: groups.join(' → ') });
    }
  }
}

function appliesTo(when: TriggerConditions, level: SupportLevel, group: string): boolean {
  return (when.levels === undefined || when.levels.includes(level)) && (when.groups === undefined || when.groups.includes(group));
}

const OTHER = '\u0000other';
const MAX_CLASSES = 4096;

// The distinct sets of triggers (indexes into `triggers`) that one ticket can meet together.
function triggerClasses(doc: MatrixDocument, triggers: readonly TimeTrigger[]): number[][] {
  const dims: { field: 'plans' | 'priorities' | 'channels' | 'categories' | 'organisations'; values: string[] }[] = [];
  const used = (field: (typeof dims)[number]['field']): boolean => triggers.some((t) => t.when[field] !== undefined);
  const mentioned = (field: 'categories' | 'organisations'): string[] => [
    ...new Set(triggers.flatMap((t) => t.when[field] ?? [])),
    OTHER,
  ];
  if (used('plans')) dims.push({ field: 'plans', values: Object.keys(doc.plans) });
  if (used('priorities')) dims.push({ field: 'priorities', values: [...TICKET_PRIORITIES] });
  if (used('channels')) dims.push({ field: 'channels', values: [...CHANNELS] });
  if (used('categories')) dims.push({ field: 'categories', values: mentioned('categories') });
  if (used('organisations')) dims.push({ field: 'organisations', values: mentioned('organisations') });
  const all = triggers.map((_, i) => i);
  const size = dims.reduce((product, dim) => product * dim.values.length, 1);
  // Too many classes to walk on a keystroke: check all triggers together (may report a loop
  // that needs tickets no one has; never misses one).
  if (size > MAX_CLASSES) return [all];

  const classes = new Map<string, number[]>();
  const pick: string[] = [];
  const walk = (d: number): void => {
    if (d === dims.length) {
      const members = all.filter((i) =>
        dims.every((dim, k) => {
          const list = (triggers[i] as TimeTrigger).when[dim.field] as readonly string[] | undefined;
          return list === undefined || list.includes(pick[k] as string);
        }),
      );
      classes.set(members.join(','), members);
      return;
    }
    for (const value of (dims[d] as (typeof dims)[number]).values) {
      pick[d] = value;
      walk(d + 1);
    }
  };
  walk(0);
  return [...classes.values()];
}

interface Edge {
  from: string;
  to: string;
  index: number;
}

function levelRank(levelOfGroup: ReadonlyMap<string, { level: SupportLevel }>, group: string): number {
  const staffed = levelOfGroup.get(group);
  return staffed ? SUPPORT_LEVELS.indexOf(staffed.level) : -1;
}

// Cycles of a small directed graph (depth-first, one per back edge), each as its edges in order.
function findCycles(edges: ReadonlyMap<string, readonly { to: string; index: number }[]>): Edge[][] {
  const state = new Map<string, 'open' | 'done'>();
  const path: Edge[] = [];
  const cycles: Edge[][] = [];
  const visit = (group: string): void => {
    state.set(group, 'open');
    for (const { to, index } of edges.get(group) ?? []) {
      const edge = { from: group, to, index };
      const seen = state.get(to);
      // `to` is the current group (a self-loop) or an ancestor, whose outgoing edge is on the path.
      if (seen === 'open') cycles.push(to === group ? [edge] : [...path.slice(path.findIndex((e) => e.from === to)), edge]);
      else if (seen === undefined) {
        path.push(edge);
        visit(to);
        path.pop();
      }
    }
    state.set(group, 'done');
  };
  for (const group of edges.keys()) if (!state.has(group)) visit(group);
  return cycles;
}

function problemIssue(problem: MatrixProblem, prefix: (string | number)[] = []): z.core.$ZodRawIssue {
  return {
    code: 'custom',
    input: undefined,
    path: [...prefix, ...problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))],
    message: problem.message,
    params: { problem: problem.code, ...problem.params },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeProblems(issue: z.core.$ZodIssue): MatrixProblem[] {
  const path = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => makeProblem('unknown-field', path ? `${path}.${key}` : key, {}));
    case 'invalid_type':
      return [issue.input === undefined ? makeProblem('missing-field', path, {}) : makeProblem('invalid-type', path, { expected: issue.expected })];
    case 'invalid_value':
      return [makeProblem('invalid-value', path, { value: String(issue.input), expected: issue.values.map(String).join(', ') })];
    case 'invalid_union': {
      // A discriminated union (trigger moment, action) with an unknown `kind` / `type`: the
      // issue sits on the discriminator and carries the object and the known options.
      const { discriminator, options } = issue as unknown as { discriminator?: string; options?: unknown[] };
      const input = isRecord(issue.input) && discriminator !== undefined ? issue.input[discriminator] : issue.input;
      return [makeProblem('invalid-value', path, { value: String(input), expected: options ? options.map(String).join(', ') : 'a known kind' })];
    }
    default:
      return [makeProblem('invalid-type', path, { expected: issue.code })];
  }
}
