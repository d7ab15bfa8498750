// The ticket list: one keyset page (or a capped count) of the tickets a view's filter keeps, in
// the view's sort. The SQL text is built only from which filters are present and how many
// values each list holds, never from user text: every value is a bound parameter.
//
// Keyset per sort (ties broken by id in the sort's direction; the cursor is {key, id} of the
// last row of the previous page):
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
// rows in sort order can promise. Indexes (migrations 001, 003) end in each sort's columns and
// id, behind an equality prefix: updated behind unsolved, status, assignee+unsolved,
// level+unsolved, group+unsolved, organisation or requester; created, due and priority behind
// unsolved; number behind nothing. So:
// - Order first. Only terms that can walk such an index may use one; every other term is
//   written `+column` (SQLite then cannot use an index for it) and is checked on the rows the
//   walk meets. Letting the planner pick "the index of the most selective filter, then sort"
//   instead sorts every match (all solved tickets, say) for one page of 100.
// - Except for a requester or an organisation: those keep few tickets, so their index plus a
//   sort of that handful is the cheapest page there is.
// - A prefix the filter leaves open is split: one arm per value (unsolved 1 and 0; each status
//   of a statuses list), each walking its index with its own LIMIT, merged by
//   UNION ALL ... ORDER BY ... LIMIT, which sorts at most arms × (limit + 1) rows.
// - A statuses list fixes `unsolved` when its statuses are all unsolved or all solved.
// What no index serves (a sparse filter on a column outside every index, like a rare tag) costs
// rows in proportion to how rare it is along the sort; built-in views never do.
import { AppError } from '../../../shared/contract/errors';
import { TICKET_PRIORITIES, TICKET_STATUSES, UNSOLVED_STATUSES, type TicketRow, type TicketStatus } from '../../../shared/domain/ticket';
import {
  SLA_AT_RISK_MS,
  SLA_STATES,
  type PageCursor,
  type SlaState,
  type ViewFilter,
  type ViewSort,
} from '../../../shared/domain/view';
import { stmt, type Db } from '../db';
import { TICKET_LIST_COLUMNS, TICKET_LIST_FROM, ticketRowFromDb, type TicketListDbRow } from './tickets';

/** The sort key of "no deadline" and "not numbered yet", as the generated columns due_key and number_key hold it. */
export const NO_KEY = Number.MAX_SAFE_INTEGER;
/** Priority cursors pack (priority_rank, updated_at) into one number: rank × this + updated_at. */
export const PRIORITY_KEY_SCALE = 2 ** 44;

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
  /** Columns an equality may fix in front of the sort columns, in some index that ends in them. */
  prefixes: readonly string[];
  /** Whether every index of this sort has `unsolved` in front (created, due, priority). */
  underUnsolved: boolean;
  /** The cursor key of a row, from the sort columns' values. */
  encode(values: readonly number[]): number | null;
  /** The sort columns' values a cursor key stands for; null when the key cannot come from this sort. */
  decode(key: number | null): number[] | null;
}

const isInstant = (key: number | null): key is number => key !== null && Number.isSafeInteger(key) && key >= 0;

function single(column: string, nullable: boolean, prefixes: readonly string[]): SortSpec {
  return {
    columns: [column],
    prefixes,
    underUnsolved: prefixes.length === 1 && prefixes[0] === 'unsolved',
    encode: ([value]) => (nullable && value === NO_KEY ? null : value!),
    decode: (key) => (key === null ? (nullable ? [NO_KEY] : null) : isInstant(key) && key < NO_KEY ? [key] : null),
  };
}

const SORTS: Record<ViewSort['field'], SortSpec> = {
  updated: single('updated_at', false, ['unsolved', 'status', 'assignee_id', 'level', 'group_id', 'organisation_id', 'requester_id']),
  created: single('created_at', false, ['unsolved']),
  due: single('due_key', true, ['unsolved']),
  number: single('number_key', true, []),
  priority: {
    columns: ['priority_rank', 'updated_at'],
    prefixes: ['unsolved'],
    underUnsolved: true,
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
  readonly params: Params = {};

  constructor(private readonly indexUse: IndexUse) {}

  /** `t.column`, or `+t.column` when this term must not pick an index. */
  col(column: string, multiValued = false): string {
    const usable = this.indexUse === 'all' || (this.indexUse.has(column) && !multiValued);
    return usable ? `t.${column}` : `+t.${column}`;
  }

  add(sql: string): void {
    this.where.push(sql);
  }

  /** `= @p` for one value (an index equality), `IN (@p0, @p1)` for several. */
  values(column: string, name: string, values: readonly (string | number)[], sortColumn = false): void {
    const distinct = [...new Set(values)];
    if (distinct.length === 1) {
      this.params[name] = distinct[0]!;
      this.add(`${this.col(column)} = @${name}`);
      return;
    }
    distinct.forEach((value, i) => (this.params[`${name}${i}`] = value));
    // An IN list on a sort column walks the index value by value, in order; elsewhere it cannot.
    this.add(`${this.col(column, !sortColumn)} IN (${distinct.map((_, i) => `@${name}${i}`).join(', ')})`);
  }

  param(name: string, value: string | number): string {
    this.params[name] = value;
    return `@${name}`;
  }
}

/**
 * Adds the filter's terms for a page in `sort` (null for a count). `unsolved` and the statuses
 * are left to the arms when the page is split on them (`armed`). The `unsolved` that statuses
 * imply is written out where the sort's index needs it in front (created, due, priority); for
 * an updated sort or a count it would only tempt the planner away from the status index.
 */
function addFilterTerms(terms: Terms, normalised: Normalised, env: TicketListEnv, armed: 'unsolved' | 'status' | null, sort: ViewSort['field'] | null): void {
  const { filter, statuses, slaStates } = normalised;
  const unsolved = sort === null || sort === 'updated' ? normalised.required : normalised.implied;
  if (unsolved !== undefined && armed === null) terms.add(`${terms.col('unsolved')} = ${terms.param('unsolved', unsolved)}`);
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
    if (filter.assignee === 'none') terms.add(`${terms.col('assignee_id')} IS NULL`);
    // Nobody signed in: "my" tickets are none, not everyone's. No agent has the empty id.
    else terms.add(`${terms.col('assignee_id')} = ${terms.param('assigneeId', filter.assignee === 'me' ? (env.agentId ?? '') : filter.assignee)}`);
  }
  if (filter.groupId !== undefined) {
    if (filter.groupId === null) terms.add(`${terms.col('group_id')} IS NULL`);
    else terms.add(`${terms.col('group_id')} = ${terms.param('groupId', filter.groupId)}`);
  }
  if (filter.requesterId !== undefined) terms.add(`${terms.col('requester_id')} = ${terms.param('requesterId', filter.requesterId)}`);
  if (filter.organisationId !== undefined) {
    terms.add(`${terms.col('organisation_id')} = ${terms.param('organisationId', filter.organisationId)}`);
  }
  if (filter.category !== undefined) terms.add(`t.category = ${terms.param('category', filter.category)}`);
  if (filter.tags) {
    const tags = [...new Set(filter.tags)];
    terms.add(`EXISTS (SELECT 1 FROM json_each(t.tags) WHERE json_each.value IN (${tags.map((tag, i) => terms.param(`tag${i}`, tag)).join(', ')}))`);
  }
  if (slaStates) {
    const intervals = slaIntervals([...slaStates], env.now);
    // Two ranges (past due or due later, say) cannot walk one index in order: neither may try.
    const ranges = intervals.map(
      ([lo, hi], i) => `${terms.col('due_key', intervals.length > 1)} BETWEEN ${terms.param(`slaFrom${i}`, lo)} AND ${terms.param(`slaTo${i}`, hi)}`,
    );
    // With 'none' kept, solved tickets are kept too, whatever their due_at.
    if (slaStates.has('none') && normalised.required !== 1) ranges.push(`${terms.col('unsolved', true)} = 0`);
    terms.add(ranges.length === 1 ? ranges[0]! : `(${ranges.join(' OR ')})`);
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
    if (value !== undefined) terms.add(`${terms.col(column)} ${operator} ${terms.param(name, value)}`);
  }
}

/** The arms a page is merged from: an equality on `unsolved` or `status` per arm, or no split. */
function armsFor(normalised: Normalised, spec: SortSpec, sort: ViewSort['field'], narrow: boolean): { on: 'unsolved' | 'status' | null; values: (string | number)[] } {
  const { filter, implied, statuses } = normalised;
  if (narrow) return { on: null, values: [] };
  // Several statuses, sorted by update: each status walks (status, updated_at, id).
  if (sort === 'updated' && statuses && statuses.length > 1) return { on: 'status', values: statuses };
  if (implied !== undefined) return { on: null, values: [] };
  // An index of this sort needs unsolved fixed: created, due and priority always; updated when
  // the filter fixes a column that is indexed together with unsolved.
  const needsUnsolved =
    spec.underUnsolved ||
    (sort === 'updated' && (filter.assignee !== undefined || new Set(filter.levels).size === 1 || filter.groupId !== undefined));
  return needsUnsolved ? { on: 'unsolved', values: [1, 0] } : { on: null, values: [] };
}

/** The SQL and parameters of one page, or null when the filter cannot match; exported for the EXPLAIN QUERY PLAN test. */
export function ticketPageSql(query: TicketPageQuery, env: TicketListEnv): { sql: string; params: Params; spec: SortSpec } | null {
  const spec = SORTS[query.sort.field];
  const normalised = normalise(query.filter);
  if (!normalised) return null;
  const narrow = query.filter.requesterId !== undefined || query.filter.organisationId !== undefined;
  const indexUse: IndexUse = narrow ? 'all' : new Set([...spec.prefixes, ...spec.columns]);
  const terms = new Terms(indexUse);
  const arms = armsFor(normalised, spec, query.sort.field, narrow);
  terms.add('t.deleted_at IS NULL');
  addFilterTerms(terms, normalised, env, arms.on, query.sort.field);

  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const sortColumns = [...spec.columns.map((column) => `t.${column}`), 't.id'];
  if (query.after) {
    const values = spec.decode(query.after.key);
    if (!values) throw new AppError('validation', 'The page cursor does not belong to this sort', 'after.key');
    const bound = [...values.map((value, i) => terms.param(`afterKey${i}`, value)), terms.param('afterId', query.after.id)];
    terms.add(`(${sortColumns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${bound.join(', ')})`);
  }
  const limit = terms.param('limit', query.limit + 1); // one more than asked: tells whether a next page exists
  const keys = spec.columns.map((column, i) => `t.${column} AS k${i}`).join(', ');
  const order = sortColumns.map((column) => `${column} ${direction}`).join(', ');
  const arm = (extra: string | null) =>
    `SELECT ${TICKET_LIST_COLUMNS}, ${keys} FROM ${TICKET_LIST_FROM} WHERE ${[...terms.where, ...(extra ? [extra] : [])].join(' AND ')} ORDER BY ${order} LIMIT ${limit}`;
  if (arms.on === null) return { sql: arm(null), params: terms.params, spec };

  const armSql = arms.values.map((value, i) => `SELECT * FROM (${arm(`t.${arms.on} = ${terms.param(`arm${i}`, value)}`)})`);
  const outerOrder = [...spec.columns.map((_, i) => `k${i}`), 'id'].map((column) => `${column} ${direction}`).join(', ');
  return { sql: `${armSql.join(' UNION ALL ')} ORDER BY ${outerOrder} LIMIT ${limit}`, params: terms.params, spec };
}

/** One keyset page of tickets: `limit` rows after the cursor, and the cursor of the next page. */
export function listTicketPage(db: Db, query: TicketPageQuery, env: TicketListEnv): TicketPage {
  const built = ticketPageSql(query, env);
  if (!built) return { rows: [], next: null };
  const found = stmt<[Params], TicketListDbRow & { k0: number; k1?: number }>(db, built.sql).all(built.params);
  const rows = found.slice(0, query.limit);
  const last = rows.at(-1);
  const next =
    found.length > query.limit && last
      ? { key: built.spec.encode(last.k1 === undefined ? [last.k0] : [last.k0, last.k1]), id: last.id }
      : null;
  return { rows: rows.map(ticketRowFromDb), next };
}

/** The SQL of a view's capped count, without tombstones; exported for the EXPLAIN QUERY PLAN test. */
export function ticketCountSql(filter: ViewFilter, env: TicketListEnv): { all: string; deleted: string; params: Params } | null {
  const normalised = normalise(filter);
  if (!normalised) return null;
  const terms = new Terms('all');
  addFilterTerms(terms, normalised, env, null, null);
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
 * counted row would read 10,000 rows instead of 10,000 index entries.
 */
export function countTicketsCapped(db: Db, filter: ViewFilter, env: TicketListEnv, cap: number): number {
  const built = ticketCountSql(filter, env);
  if (!built) return 0;
  const tombstones = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM tickets INDEXED BY tickets_deleted WHERE deleted_at IS NOT NULL').get()!.n;
  const all = stmt<[Params], { n: number }>(db, built.all).get({ ...built.params, cap: cap + 1 + tombstones })!.n;
  const deleted = tombstones === 0 ? 0 : stmt<[Params], { n: number }>(db, built.deleted).get(built.params)!.n;
  return Math.min(cap + 1, all - deleted);
}
