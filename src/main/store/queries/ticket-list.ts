// The ticket list: one keyset page (or a capped count) of the tickets a view's filter keeps, in
// the view's sort. The SQL text is built only from which filters are present and how many
// values each list holds, never from user text: every value is a bound parameter.
//
// Keyset per sort (ties broken by id in the sort's direction; the cursor is {key, id} of the
// last row of the previous page, or of the last ticket a short page examined, see below):
//   updated   ORDER BY updated_at, id        key = updated_at
//   created   ORDER BY created_at, id        key = created_at
//   due       ORDER BY due_key, id           key = due_at, null for "no deadline" (due_key holds
//                                            MAX_SAFE_INTEGER then: last ascending, first descending)
//   number    ORDER BY number_key, id        key = number, null for "not numbered yet" (last
//                                            ascending, first descending: new local tickets on top)
//   priority  ORDER BY priority_rank, updated_at, id
//                                            key = priority_rank * 2^44 + updated_at (one number
//                                            for the pair; updated_at < 2^44 until the year 2527)
//
// How a page stays fast at a million tickets. Reading a ticket row costs far more than reading
// an index entry, so a page must read about `limit` rows, which only an index that yields the
// rows in sort order can promise. Indexes (migrations 001, 003, 005) end in each sort's columns
// and id, behind an equality prefix: updated behind unsolved, status, assignee+unsolved,
// level+unsolved, group+unsolved, category+unsolved or organisation; created, due and priority
// behind unsolved; number behind nothing (WALKS). A page takes one of three paths:
// 1. Served: every term of the filter is an equality on the prefix of one such index, or a
//    range on the sort's own column. The page walks that index in order and reads about
//    `limit` rows. Every built-in view is served.
//    - Order first. The walk names its index (INDEXED BY) and only the prefix's terms may use
//      it; every other term is written `+column` and checked on the rows the walk meets.
//      Letting the planner pick "the index of the most selective filter, then sort" instead
//      sorts every match (all solved tickets, say) for one page of 100.
//    - Every bound on the sort's columns (a date range, SLA states, a list of priorities, the
//      cursor, the horizon of path 3) is folded into one pair of row values, (sort columns, id)
//      from and to: SQLite walks one range per index, and given `created_at < x` beside
//      `(created_at, id) <= (y, id)` it takes the first and ignores the second.
//    - A prefix the filter leaves open is split: one arm per value (unsolved 1 and 0; each
//      status of a statuses list), each walking its index with its own LIMIT, merged by
//      UNION ALL ... ORDER BY ... LIMIT, which sorts at most arms × (limit + 1) rows.
//    - A statuses list fixes `unsolved` when its statuses are all unsolved or all solved.
// 2. Gathered: a term no walk serves, but one narrow term (a requester, an organisation, a tag,
//    a category, an agent, a date range …) keeps at most GATHER_MAX tickets, counted in its
//    index (ticket_tags for tags). The page reads those tickets through that index and sorts
//    the matches: at most GATHER_MAX rows, whatever the sort.
// 3. Bounded: no narrow term (a rare combination of common values: social + urgent). The page
//    walks the index of its sort (the one whose prefix fixes most of the filter) and checks the
//    rest row by row, but no further than its horizon: the index entry WALK_BUDGET entries on
//    (shared among the arms), found in the index alone. A page never reads more; when it stops
//    there with fewer than `limit` rows, its cursor is the horizon and the next page reads on,
//    so a list that keeps few of the tickets it walks arrives in several short pages.
import { AppError, assert } from '../../../shared/contract/errors';
import { SUPPORT_PLANS } from '../../../shared/domain/customer';
import {
  CHANNELS,
  SUPPORT_LEVELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  UNSOLVED_STATUSES,
  type TicketRow,
  type TicketStatus,
} from '../../../shared/domain/ticket';
import {
  SLA_AT_RISK_MS,
  SLA_STATES,
  type PageCursor,
  type SlaState,
  type ViewFilter,
  type ViewSort,
} from '../../../shared/domain/view';
import { stmt, type Db } from '../db';
import { TICKET_LIST_COLUMNS, ticketRowFromDb, type TicketListDbRow } from './tickets';

/** The sort key of "no deadline" and "not numbered yet", as the generated columns due_key and number_key hold it. */
export const NO_KEY = Number.MAX_SAFE_INTEGER;
/** Priority cursors pack (priority_rank, updated_at) into one number: rank × this + updated_at. */
export const PRIORITY_KEY_SCALE = 2 ** 44;
/** Most tickets a page gathers through a narrow term's index and sorts (path 2 above). */
export const GATHER_MAX = 2000;
/** Most index entries a page walks for a filter no index serves before it stops short (path 3 above). */
export const WALK_BUDGET = 2000;

/** How far a page may read on paths 2 and 3; tests pass small ones to reach every path with few tickets. */
export interface PageLimits {
  gatherMax: number;
  walkBudget: number;
}
const PAGE_LIMITS: PageLimits = { gatherMax: GATHER_MAX, walkBudget: WALK_BUDGET };

/** What a list query resolves its filter against: who "me" is and the instant SLA states are judged at. */
export interface TicketListEnv {
  agentId: string | null;
  now: number;
}

/** One page request: the filter, the sort, where the previous page ended and how many rows. */
export interface TicketPageQuery {
  filter: ViewFilter;
  sort: ViewSort;
  after: PageCursor | null;
  limit: number;
}

/** One page and the cursor of the next (null on the last page). */
export interface TicketPage {
  rows: TicketRow[];
  next: PageCursor | null;
}

interface SortSpec {
  /** The sort columns before the id tie-breaker, as the index holds them. */
  columns: readonly string[];
  /** The cursor key of a row, from the sort columns' values. */
  encode(values: readonly number[]): number | null;
  /** The sort columns' values a cursor key stands for; null when the key cannot come from this sort. */
  decode(key: number | null): number[] | null;
}

const isInstant = (key: number | null): key is number => key !== null && Number.isSafeInteger(key) && key >= 0;

function single(column: string, nullable: boolean): SortSpec {
  return {
    columns: [column],
    encode: ([value]) => (nullable && value === NO_KEY ? null : value!),
    decode: (key) => (key === null ? (nullable ? [NO_KEY] : null) : isInstant(key) && key < NO_KEY ? [key] : null),
  };
}

const SORTS: Record<ViewSort['field'], SortSpec> = {
  updated: single('updated_at', false),
  created: single('created_at', false),
  due: single('due_key', true),
  number: single('number_key', true),
  priority: {
    columns: ['priority_rank', 'updated_at'],
    encode: ([rank, updatedAt]) => rank! * PRIORITY_KEY_SCALE + updatedAt!,
    decode: (key) => {
      if (!isInstant(key) || key >= TICKET_PRIORITIES.length * PRIORITY_KEY_SCALE) return null;
      const rank = Math.floor(key / PRIORITY_KEY_SCALE);
      return [rank, key - rank * PRIORITY_KEY_SCALE];
    },
  },
};

/** Bound parameters by name, filled while the SQL is built. */
type Params = Record<string, string | number>;

/**
 * Which columns' terms may use an index: all of them, or only those named. A term on another
 * column is written `+t.column`, which SQLite evaluates but never looks up in an index.
 */
type IndexUse = 'all' | ReadonlySet<string>;

/** The filter after settling what statuses, SLA states and `unsolved` say together. */
interface Normalised {
  filter: ViewFilter;
  statuses: TicketStatus[] | undefined;
  /** The `unsolved` every kept ticket has by the filter's own terms: its `unsolved`, or 1 for SLA states without 'none'. */
  required: 0 | 1 | undefined;
  /** `required`, or what the statuses fix when they are all unsolved or all solved. */
  implied: 0 | 1 | undefined;
  /** The SLA states to keep, unless they are all of them. */
  slaStates: Set<SlaState> | undefined;
}

const isUnsolved = (status: TicketStatus) => UNSOLVED_STATUSES.includes(status);

/**
 * The filter with its statuses narrowed to what else it says; null when nothing can match.
 * A solved ticket's SLA state is 'none' (no deadline runs, whatever due_at still holds), so
 * SLA states without 'none' keep unsolved tickets only.
 */
function normalise(filter: ViewFilter): Normalised | null {
  const slaStates = filter.slaStates && new Set(filter.slaStates).size < SLA_STATES.length ? new Set(filter.slaStates) : undefined;
  let required: 0 | 1 | undefined = filter.unsolved === undefined ? undefined : filter.unsolved ? 1 : 0;
  if (slaStates && !slaStates.has('none')) {
    if (required === 0) return null;
    required = 1;
  }
  let statuses = filter.statuses ? TICKET_STATUSES.filter((s) => filter.statuses!.includes(s)) : undefined;
  if (statuses && required !== undefined) statuses = statuses.filter((s) => isUnsolved(s) === (required === 1));
  if (statuses?.length === 0) return null;
  let implied = required;
  if (implied === undefined && statuses?.every(isUnsolved)) implied = 1;
  if (implied === undefined && statuses?.every((s) => !isUnsolved(s))) implied = 0;
  return { filter, statuses, required, implied, slaStates };
}

/**
 * The due_key intervals (inclusive) each SLA state covers at `now`: past due, due within
 * SLA_AT_RISK_MS, due later, no deadline. Adjacent chosen states merge into one interval.
 */
function slaIntervals(states: readonly SlaState[], now: number): [number, number][] {
  const bounds: Record<SlaState, [number, number]> = {
    breached: [-NO_KEY, now - 1],
    'at-risk': [now, now + SLA_AT_RISK_MS - 1],
    ok: [now + SLA_AT_RISK_MS, NO_KEY - 1],
    none: [NO_KEY, NO_KEY],
  };
  const chosen = new Set(states);
  const intervals: [number, number][] = [];
  // In due_key order, so neighbours can merge.
  for (const state of ['breached', 'at-risk', 'ok', 'none'] as const) {
    if (!chosen.has(state)) continue;
    const [lo, hi] = bounds[state];
    const last = intervals.at(-1);
    if (last && last[1] + 1 === lo) last[1] = hi;
    else intervals.push([lo, hi]);
  }
  return intervals;
}

/** Builds WHERE terms, naming each column through the index-use rule. */
class Terms {
  readonly where: string[] = [];
  /** The terms the walked index itself answers (its prefix, ranges on its columns): what a horizon walk keeps. */
  readonly served: string[] = [];
  readonly params: Params = {};

  constructor(private readonly indexUse: IndexUse) {}

  /** Whether a term on `column` may use an index. */
  usable(column: string, multiValued = false): boolean {
    return this.indexUse === 'all' || (this.indexUse.has(column) && !multiValued);
  }

  /** `t.column`, or `+t.column` when this term must not pick an index. */
  col(column: string, multiValued = false): string {
    return this.usable(column, multiValued) ? `t.${column}` : `+t.${column}`;
  }

  add(sql: string, served = false): void {
    this.where.push(sql);
    if (served) this.served.push(sql);
  }

  /** `= @p` for one value (an index equality), `IN (@p0, @p1)` for several. */
  values(column: string, name: string, values: readonly (string | number)[], sortColumn = false): void {
    const distinct = [...new Set(values)];
    if (distinct.length === 1) {
      this.params[name] = distinct[0]!;
      this.add(`${this.col(column)} = @${name}`, this.usable(column));
      return;
    }
    distinct.forEach((value, i) => (this.params[`${name}${i}`] = value));
    // An IN list on a sort column walks the index value by value, in order; elsewhere it cannot.
    this.add(`${this.col(column, !sortColumn)} IN (${distinct.map((_, i) => `@${name}${i}`).join(', ')})`, this.usable(column, !sortColumn));
  }

  param(name: string, value: string | number): string {
    this.params[name] = value;
    return `@${name}`;
  }
}

/**
 * Adds the filter's terms for a page in `sort` (null for a count). `unsolved` and the statuses
 * are left to the arms when the page is split on them (`armed`). `unsolved` is the value the
 * terms fix for it: for an updated sort or a count only what the filter requires (the
 * `unsolved` that statuses imply would only tempt the planner away from the status index);
 * where the walked index has `unsolved` in front (created, due, priority) also what they imply.
 */
function addFilterTerms(terms: Terms, normalised: Normalised, env: TicketListEnv, armed: 'unsolved' | 'status' | null, sort: ViewSort['field'] | null, unsolved: 0 | 1 | undefined): void {
  const { filter, statuses, slaStates } = normalised;
  if (unsolved !== undefined && armed === null) terms.add(`${terms.col('unsolved')} = ${terms.param('unsolved', unsolved)}`, terms.usable('unsolved'));
  if (statuses && armed !== 'status') terms.values('status', 'status', statuses);
  if (filter.priorities) {
    // priority_rank is what the priority sort walks; a list of ranks walks it rank by rank.
    terms.values('priority_rank', 'priorityRank', filter.priorities.map((p) => TICKET_PRIORITIES.indexOf(p)), sort === 'priority');
  }
  if (filter.channels) terms.values('channel', 'channel', filter.channels);
  if (filter.levels) terms.values('level', 'level', filter.levels);
  if (filter.plans) {
    const plans = [...new Set(filter.plans)];
    terms.add(`c.plan IN (${plans.map((plan, i) => terms.param(`plan${i}`, plan)).join(', ')})`);
  }
  if (filter.assignee !== undefined) {
    if (filter.assignee === 'none') terms.add(`${terms.col('assignee_id')} IS NULL`, terms.usable('assignee_id'));
    // Nobody signed in: "my" tickets are none, not everyone's. No agent has the empty id.
    else terms.add(`${terms.col('assignee_id')} = ${terms.param('assigneeId', filter.assignee === 'me' ? (env.agentId ?? '') : filter.assignee)}`, terms.usable('assignee_id'));
  }
  if (filter.groupId !== undefined) {
    if (filter.groupId === null) terms.add(`${terms.col('group_id')} IS NULL`, terms.usable('group_id'));
    else terms.add(`${terms.col('group_id')} = ${terms.param('groupId', filter.groupId)}`, terms.usable('group_id'));
  }
  if (filter.requesterId !== undefined) terms.add(`${terms.col('requester_id')} = ${terms.param('requesterId', filter.requesterId)}`, terms.usable('requester_id'));
  if (filter.organisationId !== undefined) {
    terms.add(`${terms.col('organisation_id')} = ${terms.param('organisationId', filter.organisationId)}`, terms.usable('organisation_id'));
  }
  if (filter.category !== undefined) terms.add(`${terms.col('category')} = ${terms.param('category', filter.category)}`, terms.usable('category'));
  if (filter.tags) {
    // The tags column holds JSON.stringify of the list: a tag's JSON text found in it is a cheap
    // test of every row walked; ticket_tags (keyed by tag, ticket) confirms it, only for those.
    const tags = [...new Set(filter.tags)];
    terms.add(`(${tags.map((tag, i) => `instr(t.tags, ${terms.param(`tagJson${i}`, JSON.stringify(tag))}) > 0`).join(' OR ')})`);
    terms.add(`EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.tag IN (${tags.map((tag, i) => terms.param(`tag${i}`, tag)).join(', ')}) AND tt.ticket_id = t.id)`);
  }
  if (slaStates) {
    const intervals = slaIntervals([...slaStates], env.now);
    // Two ranges (past due or due later, say) cannot walk one index in order: neither may try.
    const ranges = intervals.map(
      ([lo, hi], i) => `${terms.col('due_key', intervals.length > 1)} BETWEEN ${terms.param(`slaFrom${i}`, lo)} AND ${terms.param(`slaTo${i}`, hi)}`,
    );
    // With 'none' kept, solved tickets are kept too, whatever their due_at.
    if (slaStates.has('none') && normalised.required !== 1) ranges.push(`${terms.col('unsolved', true)} = 0`);
    terms.add(ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`, ranges.length === 1 && terms.usable('due_key'));
  }
  // A ticket is never updated before it was created: created_at >= x bounds updated_at too, and
  // updated_at < y bounds created_at, which lets a walk in the other column start or stop there.
  const createdFrom = filter.createdFrom;
  const updatedFrom = sort === 'updated' && createdFrom !== undefined ? Math.max(createdFrom, filter.updatedFrom ?? createdFrom) : filter.updatedFrom;
  const updatedTo = filter.updatedTo;
  const createdTo = sort === 'created' && updatedTo !== undefined ? Math.min(updatedTo, filter.createdTo ?? updatedTo) : filter.createdTo;
  const bounds = [
    ['createdFrom', createdFrom, 'created_at', '>='],
    ['createdTo', createdTo, 'created_at', '<'],
    ['updatedFrom', updatedFrom, 'updated_at', '>='],
    ['updatedTo', updatedTo, 'updated_at', '<'],
  ] as const;
  for (const [name, value, column, operator] of bounds) {
    if (value !== undefined) terms.add(`${terms.col(column)} ${operator} ${terms.param(name, value)}`, terms.usable(column));
  }
}

// ---------------------------------------------------------------------------------------------
// Which path a page takes.

/** What a filter constrains, as the walks below know it. */
type Dimension =
  | 'unsolved'
  | 'status'
  | 'priority'
  | 'channel'
  | 'level'
  | 'levels'
  | 'plan'
  | 'sla'
  | 'assignee'
  | 'group'
  | 'requester'
  | 'organisation'
  | 'category'
  | 'tags'
  | 'created'
  | 'updated';

/** An index a page can walk in sort order: its sort, and the filter dimensions its equality prefix fixes, in column order. */
interface Walk {
  index: string;
  sort: ViewSort['field'];
  prefix: readonly { dimension: Dimension; column: string }[];
  /** Dimensions the prefix fixes without a column of theirs: a status fixes unsolved. */
  implies?: readonly Dimension[];
}

const on = (dimension: Dimension, column: string) => ({ dimension, column });
const UNSOLVED = on('unsolved', 'unsolved');

/** Every walk, first the plainer ones: between walks that fix as much, the first is taken. */
const WALKS: readonly Walk[] = [
  { index: 'tickets_by_updated', sort: 'updated', prefix: [] },
  { index: 'tickets_by_unsolved', sort: 'updated', prefix: [UNSOLVED] },
  { index: 'tickets_by_status', sort: 'updated', prefix: [on('status', 'status')], implies: ['unsolved'] },
  { index: 'tickets_by_assignee', sort: 'updated', prefix: [on('assignee', 'assignee_id'), UNSOLVED] },
  { index: 'tickets_by_level', sort: 'updated', prefix: [on('level', 'level'), UNSOLVED] },
  { index: 'tickets_by_group', sort: 'updated', prefix: [on('group', 'group_id'), UNSOLVED] },
  { index: 'tickets_by_category', sort: 'updated', prefix: [on('category', 'category'), UNSOLVED] },
  { index: 'tickets_by_organisation', sort: 'updated', prefix: [on('organisation', 'organisation_id')] },
  { index: 'tickets_by_unsolved_created', sort: 'created', prefix: [UNSOLVED] },
  { index: 'tickets_by_unsolved_due', sort: 'due', prefix: [UNSOLVED] },
  { index: 'tickets_by_unsolved_priority', sort: 'priority', prefix: [UNSOLVED] },
  { index: 'tickets_by_number', sort: 'number', prefix: [] },
];

/** The filter's dimensions; lists that keep every value constrain nothing. */
function dimensionsOf(normalised: Normalised): Set<Dimension> {
  const { filter, statuses, required, slaStates } = normalised;
  const dims = new Set<Dimension>();
  const constrains = (values: readonly unknown[] | undefined, all: number) => values !== undefined && new Set(values).size < all;
  if (required !== undefined) dims.add('unsolved');
  if (statuses) {
    // All unsolved or all solved statuses say no more than `unsolved` does.
    const allUnsolved = statuses.filter(isUnsolved).length === UNSOLVED_STATUSES.length && statuses.every(isUnsolved);
    const allSolved = statuses.length === TICKET_STATUSES.length - UNSOLVED_STATUSES.length && !statuses.some(isUnsolved);
    dims.add(allUnsolved || allSolved ? 'unsolved' : 'status');
  }
  if (constrains(filter.priorities, TICKET_PRIORITIES.length)) dims.add('priority');
  if (constrains(filter.channels, CHANNELS.length)) dims.add('channel');
  if (constrains(filter.levels, SUPPORT_LEVELS.length)) dims.add(new Set(filter.levels).size === 1 ? 'level' : 'levels');
  if (constrains(filter.plans, SUPPORT_PLANS.length)) dims.add('plan');
  if (slaStates) dims.add('sla');
  if (filter.assignee !== undefined) dims.add('assignee');
  if (filter.groupId !== undefined) dims.add('group');
  if (filter.requesterId !== undefined) dims.add('requester');
  if (filter.organisationId !== undefined) dims.add('organisation');
  if (filter.category !== undefined) dims.add('category');
  if (filter.tags) dims.add('tags');
  if (filter.createdFrom !== undefined || filter.createdTo !== undefined) dims.add('created');
  if (filter.updatedFrom !== undefined || filter.updatedTo !== undefined) dims.add('updated');
  return dims;
}

/** The dimension a sort's own column serves as a range (or, for priority, a list walked in order). */
function sortDimension(normalised: Normalised, sort: ViewSort['field']): Dimension | null {
  if (sort === 'updated') return 'updated';
  if (sort === 'created') return 'created';
  if (sort === 'priority') return 'priority';
  // One due_key interval under unsolved = 1; with 'none' kept the solved tickets come in too.
  if (sort === 'due' && normalised.slaStates && !normalised.slaStates.has('none')) {
    return slaIntervals([...normalised.slaStates], 0).length === 1 ? 'sla' : null;
  }
  return null;
}

/**
 * The walk of `sort` that fixes most of the filter's dimensions (a walk may only be taken when
 * the filter fixes every column of its prefix but unsolved, which arms can split), and whether it
 * fixes all of them: then the page is served.
 */
function bestWalk(normalised: Normalised, sort: ViewSort['field']): { walk: Walk; served: boolean } {
  const dims = dimensionsOf(normalised);
  const own = sortDimension(normalised, sort);
  let best: Walk | null = null;
  let bestFixed = -1;
  for (const walk of WALKS) {
    if (walk.sort !== sort || walk.prefix.some((p) => p.dimension !== 'unsolved' && !dims.has(p.dimension))) continue;
    const fixed = [...walk.prefix.map((p) => p.dimension), ...(walk.implies ?? [])].filter((d) => dims.has(d)).length;
    if (fixed > bestFixed) {
      best = walk;
      bestFixed = fixed;
    }
  }
  assert(best, `every sort has a walk (${sort})`);
  const fixed = new Set([...best.prefix.map((p) => p.dimension), ...(best.implies ?? [])]);
  return { walk: best, served: [...dims].every((d) => fixed.has(d) || d === own) };
}

/** Whether a page of `filter` in `sort` walks an index that serves its whole filter (path 1); exported for tests. */
export function isServedByIndex(filter: ViewFilter, sort: ViewSort['field']): boolean {
  const normalised = normalise(filter);
  if (!normalised) return true;
  const dims = dimensionsOf(normalised);
  // Requester and organisation pages are gathered: their index holds a handful of tickets.
  return !dims.has('requester') && !dims.has('organisation') && bestWalk(normalised, sort).served;
}

// ---------------------------------------------------------------------------------------------
// Path 1 and 3: walking an index in sort order.

/** Where a bounded walk stops: the sort values and id of the last index entry it may read. */
interface Horizon {
  values: number[];
  id: string;
}

/** The SQL of one page walking `walk` (INDEXED BY: the planner gets no say), and a horizon query per arm. */
interface BuiltWalk {
  sql: string;
  params: Params;
  spec: SortSpec;
  /** Per arm, the query of the index entry @skip entries ahead of where the page starts. */
  horizons: string[];
}

/** A bound of a walk in sort order: a position (the sort columns' values, then an id) and whether it is in. */
interface Limit {
  at: Horizon;
  inclusive: boolean;
}

// Ids are UUIDs (hex digits and dashes): '' sorts before every id, '~' after every one.
const BEFORE_EVERY_ID = '';
const AFTER_EVERY_ID = '~';

function comparePositions(a: Horizon, b: Horizon): number {
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return a.values[i]! < b.values[i]! ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The tighter of two bounds on the same side: the larger lower bound, the smaller upper one; at one position, the one that leaves it out. */
function tighter(a: Limit | null, b: Limit | null, side: 'lower' | 'upper'): Limit | null {
  if (!a || !b) return a ?? b;
  const order = comparePositions(a.at, b.at) * (side === 'lower' ? 1 : -1);
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

/**
 * What the filter says about the sort's own columns, as bounds in sort order (ascending): a
 * range of created or updated instants, the due_key interval of SLA states, the span of a list
 * of priorities. Written as one pair of row values with the keyset cursor and the horizon, they
 * are one index range: SQLite walks a single range per index, and given `created_at < x` next to
 * `(created_at, id) <= (y, id)` it would take the first and walk past the horizon.
 */
function sortRange(normalised: Normalised, sort: ViewSort['field'], env: TicketListEnv): { lower: Limit | null; upper: Limit | null } {
  const { filter, slaStates } = normalised;
  const from = (value: number | undefined): Limit | null => (value === undefined ? null : { at: { values: [value], id: BEFORE_EVERY_ID }, inclusive: true });
  const before = (value: number | undefined): Limit | null => (value === undefined ? null : { at: { values: [value], id: BEFORE_EVERY_ID }, inclusive: false });
  const maxOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const minOf = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
  switch (sort) {
    // A ticket is never updated before it was created: created_at >= x bounds updated_at too,
    // and updated_at < y bounds created_at.
    case 'updated':
      return { lower: from(maxOf(filter.updatedFrom, filter.createdFrom)), upper: before(filter.updatedTo) };
    case 'created':
      return { lower: from(filter.createdFrom), upper: before(minOf(filter.createdTo, filter.updatedTo)) };
    case 'due': {
      if (!slaStates || slaStates.has('none')) return { lower: null, upper: null };
      const intervals = slaIntervals([...slaStates], env.now);
      if (intervals.length !== 1) return { lower: null, upper: null };
      const [lo, hi] = intervals[0]!;
      return { lower: from(lo), upper: { at: { values: [hi], id: AFTER_EVERY_ID }, inclusive: true } };
    }
    case 'priority': {
      if (!filter.priorities) return { lower: null, upper: null };
      const ranks = filter.priorities.map((p) => TICKET_PRIORITIES.indexOf(p));
      return {
        lower: { at: { values: [Math.min(...ranks), -NO_KEY], id: BEFORE_EVERY_ID }, inclusive: true },
        upper: { at: { values: [Math.max(...ranks), NO_KEY], id: AFTER_EVERY_ID }, inclusive: true },
      };
    }
    case 'number':
      return { lower: null, upper: null };
  }
}

function buildWalk(query: TicketPageQuery, env: TicketListEnv, normalised: Normalised, walk: Walk, horizon: Horizon | null): BuiltWalk {
  const sort = query.sort.field;
  const spec = SORTS[sort];
  // Only the prefix's equalities use the index directly; every bound on the sort columns is
  // folded into one pair of row values below (the filter's terms on them stay, as checks).
  const terms = new Terms(new Set(walk.prefix.map((p) => p.column)));
  const prefix = walk.prefix.map((p) => p.dimension);
  // A prefix the filter leaves open is split into arms: each status of the list, or unsolved 1 and 0.
  let arms: { on: 'unsolved' | 'status' | null; values: (string | number)[] } = { on: null, values: [] };
  if (prefix.includes('status') && normalised.statuses && normalised.statuses.length > 1) arms = { on: 'status', values: normalised.statuses };
  else if (prefix.includes('unsolved') && normalised.implied === undefined) arms = { on: 'unsolved', values: [1, 0] };
  terms.add('t.deleted_at IS NULL');
  addFilterTerms(terms, normalised, env, arms.on, sort, normalised.implied);

  const ascending = query.sort.direction === 'asc';
  const direction = ascending ? 'ASC' : 'DESC';
  const sortColumns = [...spec.columns.map((column) => `t.${column}`), 't.id'];
  let { lower, upper } = sortRange(normalised, sort, env);
  if (query.after) {
    const values = spec.decode(query.after.key);
    if (!values) throw new AppError('validation', 'The page cursor does not belong to this sort', 'after.key');
    const after: Limit = { at: { values, id: query.after.id }, inclusive: false };
    if (ascending) lower = tighter(lower, after, 'lower');
    else upper = tighter(upper, after, 'upper');
  }
  // The horizon bounds what the horizon queries walk, so it is added after they are written.
  const bound = (limit: Limit | null, side: 'lower' | 'upper', name: string) => {
    if (!limit) return null;
    const values = [...limit.at.values.map((value, i) => terms.param(`${name}Key${i}`, value)), terms.param(`${name}Id`, limit.at.id)];
    const operator = side === 'lower' ? (limit.inclusive ? '>=' : '>') : limit.inclusive ? '<=' : '<';
    return `(${sortColumns.join(', ')}) ${operator} (${values.join(', ')})`;
  };
  const ranges = (l: Limit | null, u: Limit | null, name: string) =>
    [bound(l, 'lower', `${name}From`), bound(u, 'upper', `${name}To`)].filter((term): term is string => term !== null);
  const order = sortColumns.map((column) => `${column} ${direction}`).join(', ');
  const tickets = `tickets t INDEXED BY ${walk.index}`;
  const armTerm = (value: string | number, i: number) => `t.${arms.on} = ${terms.param(`arm${i}`, value)}`;
  const keys = spec.columns.map((column, i) => `t.${column} AS k${i}`).join(', ');
  // The horizon queries walk what the index answers: the prefix's equalities and the range.
  const served = [...terms.served, ...ranges(lower, upper, 'walk')];
  const horizonSql = (extra: string | null) =>
    `SELECT ${keys}, t.id AS id FROM ${tickets} WHERE ${[...served, ...(extra ? [extra] : [])].join(' AND ') || '1'} ORDER BY ${order} LIMIT 1 OFFSET @skip`;
  const horizons = arms.on === null ? [horizonSql(null)] : arms.values.map((value, i) => horizonSql(armTerm(value, i)));
  if (horizon) {
    const stop: Limit = { at: horizon, inclusive: true };
    if (ascending) upper = tighter(upper, stop, 'upper');
    else lower = tighter(lower, stop, 'lower');
  }
  for (const term of ranges(lower, upper, 'page')) terms.add(term);

  const limit = terms.param('limit', query.limit + 1); // one more than asked: tells whether a next page exists
  const from = `${tickets}
    CROSS JOIN customers c ON c.id = t.requester_id
    LEFT JOIN agents a ON a.id = t.assignee_id`;
  const arm = (extra: string | null) =>
    `SELECT ${TICKET_LIST_COLUMNS}, ${keys} FROM ${from} WHERE ${[...terms.where, ...(extra ? [extra] : [])].join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
  if (arms.on === null) return { sql: arm(null), params: terms.params, spec, horizons };
  const armSql = arms.values.map((value, i) => `SELECT * FROM (${arm(armTerm(value, i))})`);
  const outerOrder = [...spec.columns.map((_, i) => `k${i}`), 'id'].map((column) => `${column} ${direction}`).join(', ');
  return { sql: `${armSql.join(' UNION ALL ')} ORDER BY ${outerOrder} LIMIT ${limit}`, params: terms.params, spec, horizons };
}

/** The SQL and parameters of a page walking the best index of its sort (path 1 when it serves the filter), or null when the filter cannot match; exported for the EXPLAIN QUERY PLAN test. */
export function ticketPageSql(query: TicketPageQuery, env: TicketListEnv): { sql: string; params: Params; spec: SortSpec } | null {
  const normalised = normalise(query.filter);
  return normalised && buildWalk(query, env, normalised, bestWalk(normalised, query.sort.field).walk, null);
}

/** Runs a page query and makes its cursor: the last row's when there is a next page. */
function runPage(db: Db, built: { sql: string; params: Params; spec: SortSpec }, limit: number): { page: TicketPage; found: number } {
  const found = stmt<[Params], TicketListDbRow & { k0: number; k1?: number }>(db, built.sql).all(built.params);
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  const next =
    found.length > limit && last ? { key: built.spec.encode(last.k1 === undefined ? [last.k0] : [last.k0, last.k1]), id: last.id } : null;
  return { page: { rows: rows.map(ticketRowFromDb), next }, found: found.length };
}

/**
 * Path 3: walks `walk` in sort order but reads no further than WALK_BUDGET index entries. The
 * horizon (the entry where the budget runs out; with arms, the nearest of theirs) is found in
 * the index alone; the page then stops there, and when that leaves it short its cursor is the
 * horizon, so the next page goes on from there.
 */
function boundedWalk(db: Db, query: TicketPageQuery, env: TicketListEnv, normalised: Normalised, walk: Walk, walkBudget: number): { built: BuiltWalk; horizon: Horizon | null } {
  const probe = buildWalk(query, env, normalised, walk, null);
  const skip = Math.max(0, Math.floor(walkBudget / probe.horizons.length) - 1);
  const ascending = query.sort.direction === 'asc';
  let horizon: Horizon | null = null;
  for (const sql of probe.horizons) {
    const row = stmt<[Params], { k0: number; k1?: number; id: string }>(db, sql).get({ ...probe.params, skip });
    if (!row) continue;
    const candidate = { values: row.k1 === undefined ? [row.k0] : [row.k0, row.k1], id: row.id };
    // The nearest horizon: the smallest position ascending, the largest descending.
    if (!horizon || comparePositions(candidate, horizon) * (ascending ? 1 : -1) < 0) horizon = candidate;
  }
  return { built: buildWalk(query, env, normalised, walk, horizon), horizon };
}

function boundedWalkPage(db: Db, query: TicketPageQuery, env: TicketListEnv, normalised: Normalised, walk: Walk, walkBudget: number): TicketPage {
  const { built, horizon } = boundedWalk(db, query, env, normalised, walk, walkBudget);
  const { page, found } = runPage(db, built, query.limit);
  if (found > query.limit || !horizon) return page;
  return { rows: page.rows, next: { key: built.spec.encode(horizon.values), id: horizon.id } };
}

// ---------------------------------------------------------------------------------------------
// Path 2: gathering the few tickets of a narrow term.

/** A narrow term and the index that holds its tickets. */
interface Driver {
  /** `SELECT 1 …` over the driver's index alone, for a capped count. */
  entries: string;
  /** The FROM clause of the gathered page: tickets as `t`, read through the driver's index. */
  from: string;
  /** Terms of the driver's index (already part of `from` for tags). */
  where: string[];
  params: Params;
}

/** The narrow terms of a filter, narrowest first as a rule (each is counted, the first small enough wins). */
function driversOf(normalised: Normalised, env: TicketListEnv): Driver[] {
  const { filter, implied, statuses, slaStates } = normalised;
  const drivers: Driver[] = [];
  const byIndex = (index: string, where: string[], params: Params) =>
    drivers.push({ entries: `SELECT 1 FROM tickets t INDEXED BY ${index} WHERE ${where.join(' AND ')}`, from: `tickets t INDEXED BY ${index}`, where, params });
  // Indexes with unsolved right behind the column take the filter's unsolved too, when it has one.
  const withUnsolved = (where: string[], params: Params) =>
    implied === undefined ? { where, params } : { where: [...where, 't.unsolved = @dUnsolved'], params: { ...params, dUnsolved: implied } };
  const list = (name: string, values: readonly (string | number)[]) => {
    const distinct = [...new Set(values)];
    return { sql: distinct.map((_, i) => `@${name}${i}`).join(', '), params: Object.fromEntries(distinct.map((value, i) => [`${name}${i}`, value])) };
  };

  if (filter.requesterId !== undefined) byIndex('tickets_by_requester', ['t.requester_id = @dRequester'], { dRequester: filter.requesterId });
  if (filter.organisationId !== undefined) byIndex('tickets_by_organisation', ['t.organisation_id = @dOrganisation'], { dOrganisation: filter.organisationId });
  if (filter.tags) {
    const tags = list('dTag', filter.tags);
    drivers.push({
      entries: `SELECT 1 FROM ticket_tags WHERE tag IN (${tags.sql})`,
      // A ticket with two of the tags is one ticket.
      from: `(SELECT DISTINCT ticket_id FROM ticket_tags WHERE tag IN (${tags.sql})) g CROSS JOIN tickets t ON t.id = g.ticket_id`,
      where: [],
      params: tags.params,
    });
  }
  if (filter.category !== undefined) {
    const d = withUnsolved(['t.category = @dCategory'], { dCategory: filter.category });
    byIndex('tickets_by_category', d.where, d.params);
  }
  if (filter.assignee !== undefined) {
    const d =
      filter.assignee === 'none'
        ? withUnsolved(['t.assignee_id IS NULL'], {})
        : withUnsolved(['t.assignee_id = @dAssignee'], { dAssignee: filter.assignee === 'me' ? (env.agentId ?? '') : filter.assignee });
    byIndex('tickets_by_assignee', d.where, d.params);
  }
  if (filter.groupId !== undefined) {
    const d = filter.groupId === null ? withUnsolved(['t.group_id IS NULL'], {}) : withUnsolved(['t.group_id = @dGroup'], { dGroup: filter.groupId });
    byIndex('tickets_by_group', d.where, d.params);
  }
  if (slaStates && !slaStates.has('none')) {
    const intervals = slaIntervals([...slaStates], env.now);
    if (intervals.length === 1) {
      byIndex('tickets_by_unsolved_due', ['t.unsolved = 1', 't.due_key BETWEEN @dDueFrom AND @dDueTo'], { dDueFrom: intervals[0]![0], dDueTo: intervals[0]![1] });
    }
  }
  const anyUnsolved = implied === undefined ? 't.unsolved IN (0, 1)' : `t.unsolved = ${implied}`;
  if (filter.createdFrom !== undefined || filter.createdTo !== undefined) {
    byIndex('tickets_by_unsolved_created', [anyUnsolved, 't.created_at >= @dCreatedFrom', 't.created_at < @dCreatedTo'], {
      dCreatedFrom: filter.createdFrom ?? -NO_KEY,
      dCreatedTo: filter.createdTo ?? NO_KEY,
    });
  }
  if (filter.updatedFrom !== undefined || filter.updatedTo !== undefined) {
    byIndex('tickets_by_updated', ['t.updated_at >= @dUpdatedFrom', 't.updated_at < @dUpdatedTo'], {
      dUpdatedFrom: filter.updatedFrom ?? -NO_KEY,
      dUpdatedTo: filter.updatedTo ?? NO_KEY,
    });
  }
  if (filter.levels) {
    const levels = list('dLevel', filter.levels);
    const d = withUnsolved([`t.level IN (${levels.sql})`], levels.params);
    byIndex('tickets_by_level', d.where, d.params);
  }
  if (statuses) {
    const values = list('dStatus', statuses);
    byIndex('tickets_by_status', [`t.status IN (${values.sql})`], values.params);
  }
  if (filter.priorities) {
    const ranks = list('dRank', filter.priorities.map((p) => TICKET_PRIORITIES.indexOf(p)));
    byIndex('tickets_by_unsolved_priority', [anyUnsolved, `t.priority_rank IN (${ranks.sql})`], ranks.params);
  }
  return drivers;
}

/** The first driver that keeps at most `max` index entries, counted in its index alone (at most max + 1 entries read each). */
function smallDriver(db: Db, drivers: readonly Driver[], max: number): Driver | null {
  for (const driver of drivers) {
    const n = stmt<[Params], { n: number }>(db, `SELECT count(*) AS n FROM (${driver.entries} LIMIT @cap)`).get({ ...driver.params, cap: max + 1 })!.n;
    if (n <= max) return driver;
  }
  return null;
}

/** Path 2: the page read through `driver`'s index, every other term checked on the rows, the matches sorted. */
function gatherSql(query: TicketPageQuery, env: TicketListEnv, normalised: Normalised, driver: Driver): { sql: string; params: Params; spec: SortSpec } {
  const sort = query.sort.field;
  const spec = SORTS[sort];
  // No term may pick an index of its own: the driver's index is the only one read.
  const terms = new Terms(new Set());
  terms.add('+t.deleted_at IS NULL');
  addFilterTerms(terms, normalised, env, null, sort, normalised.implied);
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  if (query.after) {
    const values = spec.decode(query.after.key);
    if (!values) throw new AppError('validation', 'The page cursor does not belong to this sort', 'after.key');
    const bound = [...values.map((value, i) => terms.param(`afterKey${i}`, value)), terms.param('afterId', query.after.id)];
    terms.add(`(${[...spec.columns, 'id'].map((column) => `+t.${column}`).join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${bound.join(', ')})`);
  }
  const keys = spec.columns.map((column, i) => `t.${column} AS k${i}`).join(', ');
  const order = [...spec.columns, 'id'].map((column) => `t.${column} ${direction}`).join(', ');
  const limit = terms.param('limit', query.limit + 1);
  const sql = `SELECT ${TICKET_LIST_COLUMNS}, ${keys} FROM ${driver.from}
    CROSS JOIN customers c ON c.id = t.requester_id
    LEFT JOIN agents a ON a.id = t.assignee_id
    WHERE ${[...driver.where, ...terms.where].join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
  return { sql, params: { ...terms.params, ...driver.params }, spec };
}

/** How a page is read: the path (1, 2 or 3 at the top of this file) and its SQL. */
export interface PagePlan {
  path: 'served' | 'gathered' | 'bounded';
  sql: string;
  params: Params;
}

/** The plan of a page, or null when the filter cannot match; exported for the EXPLAIN QUERY PLAN tests. */
export function ticketPagePlan(db: Db, query: TicketPageQuery, env: TicketListEnv, limits = PAGE_LIMITS): PagePlan | null {
  const planned = planPage(db, query, env, limits);
  if (!planned) return null;
  const built = planned.path === 'bounded' ? boundedWalk(db, query, env, planned.normalised, planned.walk, limits.walkBudget).built : planned.built;
  return { path: planned.path, sql: built.sql, params: built.params };
}

type Planned =
  | { path: 'served' | 'gathered'; built: { sql: string; params: Params; spec: SortSpec } }
  | { path: 'bounded'; normalised: Normalised; walk: Walk };

function planPage(db: Db, query: TicketPageQuery, env: TicketListEnv, limits: PageLimits): Planned | null {
  const normalised = normalise(query.filter);
  if (!normalised) return null;
  const { walk, served } = bestWalk(normalised, query.sort.field);
  if (isServedByIndex(query.filter, query.sort.field)) return { path: 'served', built: buildWalk(query, env, normalised, walk, null) };
  const driver = smallDriver(db, driversOf(normalised, env), limits.gatherMax);
  if (driver) return { path: 'gathered', built: gatherSql(query, env, normalised, driver) };
  // An organisation with many tickets, sorted by update, walks its index: served.
  if (served) return { path: 'served', built: buildWalk(query, env, normalised, walk, null) };
  return { path: 'bounded', normalised, walk };
}

/** One keyset page of tickets: at most `limit` rows after the cursor, and the cursor of the next page (see the top of this file). */
export function listTicketPage(db: Db, query: TicketPageQuery, env: TicketListEnv, limits = PAGE_LIMITS): TicketPage {
  const planned = planPage(db, query, env, limits);
  if (!planned) return { rows: [], next: null };
  if (planned.path !== 'bounded') return runPage(db, planned.built, query.limit).page;
  return boundedWalkPage(db, query, env, planned.normalised, planned.walk, limits.walkBudget);
}

// ---------------------------------------------------------------------------------------------
// Counts.

/** The SQL of a view's capped count, without tombstones; exported for the EXPLAIN QUERY PLAN test. */
export function ticketCountSql(filter: ViewFilter, env: TicketListEnv): { all: string; deleted: string; params: Params } | null {
  const normalised = normalise(filter);
  if (!normalised) return null;
  const terms = new Terms('all');
  addFilterTerms(terms, normalised, env, null, null, normalised.required);
  const where = terms.where.length > 0 ? terms.where.join(' AND ') : '1';
  const join = filter.plans ? ' CROSS JOIN customers c ON c.id = t.requester_id' : '';
  return {
    all: `SELECT count(*) AS n FROM (SELECT 1 FROM tickets t${join} WHERE ${where} LIMIT @cap)`,
    deleted: `SELECT count(*) AS n FROM tickets t INDEXED BY tickets_deleted${join} WHERE t.deleted_at IS NOT NULL AND ${where}`,
    params: terms.params,
  };
}

/**
 * How many tickets the filter keeps, counting no further than `cap + 1`. Counted in the filter's
 * index alone (a LIMITed subquery: at most cap + 1 + tombstones entries), then the tombstones
 * that match are taken off through their small partial index: checking `deleted_at` on every
 * counted row would read 10,000 rows instead of 10,000 index entries. Tags have no index on
 * tickets: when the tagged tickets are at most `cap`, they are counted through ticket_tags.
 */
export function countTicketsCapped(db: Db, filter: ViewFilter, env: TicketListEnv, cap: number): number {
  const normalised = normalise(filter);
  const built = ticketCountSql(filter, env);
  if (!normalised || !built) return 0;
  if (filter.tags) {
    const tags = driversOf({ ...normalised, filter: { tags: filter.tags } }, env)[0]!;
    if (smallDriver(db, [tags], cap)) {
      const sql = `SELECT count(*) AS n FROM ${tags.from} ${filter.plans ? 'CROSS JOIN customers c ON c.id = t.requester_id' : ''}
        WHERE ${built.all.slice(built.all.indexOf(' WHERE ') + 7, built.all.lastIndexOf(' LIMIT @cap'))} AND t.deleted_at IS NULL`;
      return Math.min(cap + 1, stmt<[Params], { n: number }>(db, sql).get({ ...built.params, ...tags.params })!.n);
    }
  }
  const tombstones = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM tickets INDEXED BY tickets_deleted WHERE deleted_at IS NOT NULL').get()!.n;
  const all = stmt<[Params], { n: number }>(db, built.all).get({ ...built.params, cap: cap + 1 + tombstones })!.n;
  const deleted = tombstones === 0 ? 0 : stmt<[Params], { n: number }>(db, built.deleted).get(built.params)!.n;
  return Math.min(cap + 1, all - deleted);
}
