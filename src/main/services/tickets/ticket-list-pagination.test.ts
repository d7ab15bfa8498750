import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  CHANNELS,
  SUPPORT_LEVELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  UNSOLVED_STATUSES,
  type Ticket,
  type TicketRow,
} from '../../../shared/domain/ticket';
import { SUPPORT_PLANS, type SupportPlan } from '../../../shared/domain/customer';
import {
  BUILT_IN_VIEWS,
  SLA_AT_RISK_MS,
  SLA_STATES,
  VIEW_SORT_FIELDS,
  type PageCursor,
  type SlaState,
  type ViewFilter,
  type ViewSort,
} from '../../../shared/domain/view';
import { openStore, type Db } from '../../store/db';
import { addAgent, addCustomer, addGroup, addTicket, FIXTURE_NOW, makeTempDir, removeTempDir } from '../../store/test-builders';
import { EventBus } from '../event-bus';
import { TicketService } from './ticket-service';

// Replay a failure with FC_SEED=<seed> (fast-check also prints seed and path in its error).
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const numRuns = Number(process.env.FC_RUNS ?? 150);

const MINUTE = 60_000;
/** The instant SLA states are judged at. */
const NOW = FIXTURE_NOW + 6 * 60 * MINUTE;
const ORGANISATION = '01940000-0000-7000-8000-0000000000a1';

let dir: string;
let db: Db;
let me: { id: string; name: string };
let other: { id: string; name: string };
let group: { id: string };
let requesters: { id: string; name: string; plan: SupportPlan; organisationId: string | null }[];

beforeAll(() => {
  console.log(`ticket list pagination: seed=${seed} runs=${numRuns}`);
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  me = addAgent(db, { name: 'Ada Me' });
  other = addAgent(db, { name: 'Otto Other', email: 'otto@support.example' });
  group = addGroup(db);
  requesters = [
    addCustomer(db, { name: 'Basil Basic', plan: 'basic' }),
    addCustomer(db, { name: 'Erin Enterprise', plan: 'enterprise', organisationId: ORGANISATION }),
  ];
});

afterAll(() => {
  db.close();
  removeTempDir(dir);
});

interface GeneratedTicket {
  id: string;
  /** Few distinct minutes, so many tickets share a sort key and the id breaks the tie. */
  createdMinute: number;
  updatedAfter: number;
  status: Ticket['status'];
  priority: Ticket['priority'];
  channel: Ticket['channel'];
  level: Ticket['level'];
  assignee: 'me' | 'other' | null;
  inGroup: boolean;
  requester: 0 | 1;
  numbered: boolean;
  /** Minutes from NOW, or null for no deadline: -300 … 300 covers breached, at risk and ok. */
  dueMinute: number | null;
  tags: string[];
  category: 'x' | 'y' | null;
  deleted: boolean;
}

const ticketArb: fc.Arbitrary<GeneratedTicket> = fc.record({
  id: fc.uuid(),
  createdMinute: fc.integer({ min: 0, max: 8 }),
  updatedAfter: fc.integer({ min: 0, max: 4 }),
  status: fc.constantFrom(...TICKET_STATUSES),
  priority: fc.constantFrom(...TICKET_PRIORITIES),
  channel: fc.constantFrom(...CHANNELS),
  level: fc.constantFrom(...SUPPORT_LEVELS),
  assignee: fc.constantFrom('me' as const, 'other' as const, null),
  inGroup: fc.boolean(),
  requester: fc.constantFrom(0 as const, 1 as const),
  numbered: fc.boolean(),
  dueMinute: fc.option(fc.constantFrom(-300, -1, 0, 60, 119, 120, 300), { nil: null }),
  tags: fc.subarray(['a', 'b', 'c']),
  category: fc.constantFrom('x' as const, 'y' as const, null),
  deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const FILTER_KEYS = [
  'unsolved',
  'statuses',
  'priorities',
  'channels',
  'levels',
  'plans',
  'slaStates',
  'assignee',
  'groupId',
  'requesterId',
  'organisationId',
  'tags',
  'category',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
] as const satisfies readonly (keyof ViewFilter)[];

const instantArb = fc.integer({ min: 0, max: 12 }).map((minute) => FIXTURE_NOW + minute * MINUTE);
/** Every value a filter key can take here; a generated filter picks up to three keys. */
const filterValuesArb = fc.record({
  unsolved: fc.boolean(),
  statuses: fc.subarray([...TICKET_STATUSES], { minLength: 1 }),
  priorities: fc.subarray([...TICKET_PRIORITIES], { minLength: 1 }),
  channels: fc.subarray([...CHANNELS], { minLength: 1 }),
  levels: fc.subarray([...SUPPORT_LEVELS], { minLength: 1 }),
  plans: fc.subarray([...SUPPORT_PLANS], { minLength: 1 }),
  slaStates: fc.subarray([...SLA_STATES], { minLength: 1 }),
  assignee: fc.constantFrom<'me' | 'none' | 'other'>('me', 'none', 'other'),
  groupId: fc.boolean(),
  requesterId: fc.constantFrom(0, 1),
  organisationId: fc.constant(ORGANISATION),
  tags: fc.subarray(['a', 'b', 'd'], { minLength: 1 }),
  category: fc.constantFrom('x', 'y'),
  createdFrom: instantArb,
  createdTo: instantArb,
  updatedFrom: instantArb,
  updatedTo: instantArb,
});
type FilterSpec = { keys: (typeof FILTER_KEYS)[number][]; values: typeof filterValuesArb extends fc.Arbitrary<infer V> ? V : never };
const filterSpecArb: fc.Arbitrary<FilterSpec> = fc.record({
  keys: fc.subarray([...FILTER_KEYS], { maxLength: 3 }),
  values: filterValuesArb,
});

function filterOf({ keys, values }: FilterSpec): ViewFilter {
  const filter: ViewFilter = {};
  for (const key of keys) {
    if (key === 'assignee') filter.assignee = values.assignee === 'other' ? other.id : values.assignee;
    else if (key === 'groupId') filter.groupId = values.groupId ? group.id : null;
    else if (key === 'requesterId') filter.requesterId = requesters[values.requesterId]!.id;
    else Object.assign(filter, { [key]: values[key] });
  }
  return filter;
}

const sortArb: fc.Arbitrary<ViewSort> = fc.record({ field: fc.constantFrom(...VIEW_SORT_FIELDS), direction: fc.constantFrom('asc' as const, 'desc' as const) });

const scenarioArb = fc.record({
  tickets: fc.uniqueArray(ticketArb, { maxLength: 50, selector: (t) => t.id }),
  /** One page size per built-in view, then per ad-hoc list. */
  pageSizes: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: BUILT_IN_VIEWS.length + 6, maxLength: BUILT_IN_VIEWS.length + 6 }),
  adHoc: fc.array(fc.tuple(filterSpecArb, sortArb), { minLength: 6, maxLength: 6 }),
  signedIn: fc.boolean(),
});

// ---- the model: which tickets a filter keeps and in which order, from the definitions ----------

function slaStateOf(ticket: Ticket): SlaState {
  if (!UNSOLVED_STATUSES.includes(ticket.status) || ticket.dueAt === null) return 'none';
  if (ticket.dueAt < NOW) return 'breached';
  return ticket.dueAt < NOW + SLA_AT_RISK_MS ? 'at-risk' : 'ok';
}

function keeps(filter: ViewFilter, ticket: Ticket, agentId: string | null): boolean {
  const plan = requesters.find((r) => r.id === ticket.requesterId)!.plan;
  const checks: boolean[] = [
    filter.unsolved === undefined || UNSOLVED_STATUSES.includes(ticket.status) === filter.unsolved,
    !filter.statuses || filter.statuses.includes(ticket.status),
    !filter.priorities || filter.priorities.includes(ticket.priority),
    !filter.channels || filter.channels.includes(ticket.channel),
    !filter.levels || filter.levels.includes(ticket.level),
    !filter.plans || filter.plans.includes(plan),
    !filter.slaStates || filter.slaStates.includes(slaStateOf(ticket)),
    filter.assignee === undefined ||
      (filter.assignee === 'me' ? agentId !== null && ticket.assigneeId === agentId : ticket.assigneeId === (filter.assignee === 'none' ? null : filter.assignee)),
    filter.groupId === undefined || ticket.groupId === filter.groupId,
    filter.requesterId === undefined || ticket.requesterId === filter.requesterId,
    filter.organisationId === undefined || ticket.organisationId === filter.organisationId,
    !filter.tags || filter.tags.some((tag) => ticket.tags.includes(tag)),
    filter.category === undefined || ticket.category === filter.category,
    filter.createdFrom === undefined || ticket.createdAt >= filter.createdFrom,
    filter.createdTo === undefined || ticket.createdAt < filter.createdTo,
    filter.updatedFrom === undefined || ticket.updatedAt >= filter.updatedFrom,
    filter.updatedTo === undefined || ticket.updatedAt < filter.updatedTo,
  ];
  return checks.every(Boolean);
}

/** The documented sort keys: no deadline and no number sort as the largest key. */
function sortKeys(ticket: Ticket, field: ViewSort['field']): number[] {
  switch (field) {
    case 'updated':
      return [ticket.updatedAt];
    case 'created':
      return [ticket.createdAt];
    case 'due':
      return [ticket.dueAt ?? Number.MAX_SAFE_INTEGER];
    case 'number':
      return [ticket.number ?? Number.MAX_SAFE_INTEGER];
    case 'priority':
      return [TICKET_PRIORITIES.indexOf(ticket.priority), ticket.updatedAt];
  }
}

/** Ascending by the sort keys, then by id as SQLite compares TEXT (bytewise); reversed for desc. */
function comparator(sort: ViewSort): (a: Ticket, b: Ticket) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = sortKeys(a, sort.field);
    const kb = sortKeys(b, sort.field);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return sign * (ka[i]! - kb[i]!);
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

/** The cursor key the contract documents for the last row of a page. */
function cursorKey(ticket: Ticket, field: ViewSort['field']): number | null {
  if (field === 'due') return ticket.dueAt;
  if (field === 'number') return ticket.number;
  if (field === 'priority') return TICKET_PRIORITIES.indexOf(ticket.priority) * 2 ** 44 + ticket.updatedAt;
  return sortKeys(ticket, field)[0]!;
}

interface Walk {
  rows: TicketRow[];
  oversizedPages: number;
  /** Cursors that do not name the last row of their page with its documented key. */
  badCursors: number;
}

function pageThrough(service: TicketService, list: { viewId: string } | { filter: ViewFilter; sort: ViewSort }, sort: ViewSort, limit: number): Walk {
  const walk: Walk = { rows: [], oversizedPages: 0, badCursors: 0 };
  let after: PageCursor | null = null;
  // More pages than tickets means the cursor stopped moving.
  for (let pages = 0; pages <= 60; pages++) {
    const page = service.listTickets({ ...list, after, limit });
    walk.rows.push(...page.rows);
    if (page.rows.length > limit) walk.oversizedPages++;
    if (!page.next) return walk;
    const last = page.rows.at(-1);
    if (!last || page.next.id !== last.id || page.next.key !== cursorKey(last, sort.field)) walk.badCursors++;
    after = page.next;
  }
  throw new Error(`the list never ended (limit ${limit})`);
}

function store(tickets: readonly GeneratedTicket[]): Ticket[] {
  const live: Ticket[] = [];
  db.transaction(() => {
    db.prepare('DELETE FROM tickets').run();
    tickets.forEach((generated, i) => {
      const requester = requesters[generated.requester]!;
      const createdAt = FIXTURE_NOW + generated.createdMinute * MINUTE;
      const solved = !UNSOLVED_STATUSES.includes(generated.status);
      const ticket = addTicket(db, {
        id: generated.id,
        number: generated.numbered ? i + 1 : null,
        status: generated.status,
        priority: generated.priority,
        channel: generated.channel,
        level: generated.level,
        assigneeId: generated.assignee === 'me' ? me.id : generated.assignee === 'other' ? other.id : null,
        groupId: generated.inGroup ? group.id : null,
        requesterId: requester.id,
        organisationId: requester.organisationId,
        tags: generated.tags,
        category: generated.category,
        createdAt,
        updatedAt: createdAt + generated.updatedAfter * MINUTE,
        solvedAt: solved ? createdAt : null,
        dueAt: generated.dueMinute === null ? null : NOW + generated.dueMinute * MINUTE,
      });
      if (generated.deleted) db.prepare('UPDATE tickets SET deleted_at = ? WHERE id = ?').run(FIXTURE_NOW, ticket.id);
      else live.push(ticket);
    });
  })();
  return live;
}

test('returns exactly the tickets of every built-in view and random filter, once each, in every sort and direction, across random page sizes', () => {
  fc.assert(
    fc.property(scenarioArb, ({ tickets, pageSizes, adHoc, signedIn }) => {
      const live = store(tickets);
      const agentId = signedIn ? me.id : null;
      const service = new TicketService({ db, clientId: 'client', agentId, now: () => NOW }, new EventBus());
      const names = new Map([
        [me.id, me.name],
        [other.id, other.name],
      ]);
      const lists = [
        ...BUILT_IN_VIEWS.map((view) => ({ name: view.id, list: { viewId: view.id }, filter: view.filter, sort: view.sort })),
        ...adHoc.map(([spec, sort], i) => {
          const filter = filterOf(spec);
          return { name: `ad hoc ${i}`, list: { filter, sort }, filter, sort };
        }),
      ];
      lists.forEach(({ name, list, filter, sort }, i) => {
        const limit = pageSizes[i] ?? 1;
        const expected = live
          .filter((ticket) => keeps(filter, ticket, agentId))
          .sort(comparator(sort))
          .map((ticket) => ({
            ...ticket,
            requesterName: requesters.find((r) => r.id === ticket.requesterId)!.name,
            assigneeName: ticket.assigneeId === null ? null : (names.get(ticket.assigneeId) ?? null),
          }));
        expect({ name, filter, sort, limit, ...pageThrough(service, list, sort, limit) }).toEqual({
          name,
          filter,
          sort,
          limit,
          rows: expected,
          oversizedPages: 0,
          badCursors: 0,
        });
      });
    }),
    { seed, numRuns },
  );
});
