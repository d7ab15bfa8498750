// Randomised check of ticket-list pages against a plain reading of the filter: every filter a
// view can express, every sort, small page sizes and small read limits (so that all three paths
// of ticket-list.ts — served, gathered, bounded — run with a few thousand tickets). Walking a
// list page by page must give exactly the tickets the filter keeps, in sort order, each once.
// Every run logs its seed; replay with FC_SEED=<seed>.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SUPPORT_PLANS } from '../../../shared/domain/customer';
import { CHANNELS, SUPPORT_LEVELS, TICKET_PRIORITIES, TICKET_STATUSES, UNSOLVED_STATUSES } from '../../../shared/domain/ticket';
import { SLA_AT_RISK_MS, SLA_STATES, VIEW_SORT_FIELDS, type SlaState, type ViewFilter, type ViewSort } from '../../../shared/domain/view';
import { env as processEnv, propertySeed } from '../../../shared/business-time/test-support';
import { seedSampleData } from '../../services/seed/sample-data';
import { openStore, type Db } from '../db';
import { FIXTURE_NOW, makeTempDir, removeTempDir } from '../test-builders';
import { getMeta } from './meta';
import { countTicketsCapped, listTicketPage, NO_KEY, ticketPagePlan, type PageLimits, type TicketListEnv } from './ticket-list';

const NUM_RUNS = Number(processEnv('FC_NUM_RUNS') ?? 100);

interface RefTicket {
  id: string;
  number: number | null;
  status: string;
  priority: string;
  channel: string;
  category: string | null;
  tags: string;
  requester_id: string;
  organisation_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  level: string;
  created_at: number;
  updated_at: number;
  due_at: number | null;
  deleted_at: number | null;
  plan: string;
}

let dir: string;
let db: Db;
let env: TicketListEnv;
let tickets: RefTicket[];
let domain: {
  agents: string[];
  groups: string[];
  requesters: string[];
  organisations: string[];
  tags: string[];
  categories: string[];
  minAt: number;
  maxAt: number;
};

beforeAll(() => {
  dir = makeTempDir('sc-list-');
  db = openStore(path.join(dir, 'support-console.db'));
  seedSampleData(db, { tickets: 1500, seed: 11, now: FIXTURE_NOW });
  // What sample data never has: tombstones, tickets not numbered yet, ties on the sort keys.
  db.exec(`UPDATE tickets SET deleted_at = 1 WHERE number % 97 = 0;
           UPDATE tickets SET number = NULL WHERE number % 89 = 0;
           UPDATE tickets SET updated_at = (SELECT updated_at FROM tickets WHERE number = 500) WHERE number BETWEEN 501 AND 510;`);
  env = { agentId: getMeta(db, 'agent_id') ?? null, now: FIXTURE_NOW };
  tickets = db.prepare('SELECT t.*, c.plan FROM tickets t JOIN customers c ON c.id = t.requester_id').all() as RefTicket[];
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
  const busiest = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
  };
  domain = {
    agents: distinct(tickets.map((t) => t.assignee_id)).slice(0, 12),
    groups: distinct(tickets.map((t) => t.group_id)),
    // A few busy requesters and organisations, and a few with one ticket.
    requesters: [...busiest(tickets.map((t) => t.requester_id)).slice(0, 4), ...busiest(tickets.map((t) => t.requester_id)).slice(-3)],
    organisations: [...busiest(tickets.map((t) => t.organisation_id)).slice(0, 4), ...busiest(tickets.map((t) => t.organisation_id)).slice(-3)],
    tags: [...distinct(tickets.flatMap((t) => JSON.parse(t.tags) as string[])), 'no-such-tag'],
    categories: [...distinct(tickets.map((t) => t.category)), 'no-such-category'],
    minAt: Math.min(...tickets.map((t) => t.created_at)),
    maxAt: Math.max(...tickets.map((t) => t.updated_at)),
  };
});

afterAll(() => {
  db.close();
  removeTempDir(dir);
});

function slaStateOf(t: RefTicket): SlaState {
  if (!UNSOLVED_STATUSES.includes(t.status as never) || t.due_at === null) return 'none';
  if (t.due_at < env.now) return 'breached';
  return t.due_at < env.now + SLA_AT_RISK_MS ? 'at-risk' : 'ok';
}

/** What the filter keeps, read the plain way. */
function keeps(filter: ViewFilter, t: RefTicket): boolean {
  const unsolved = UNSOLVED_STATUSES.includes(t.status as never);
  const assignee = filter.assignee === 'me' ? env.agentId : filter.assignee === 'none' ? null : filter.assignee;
  const tags = JSON.parse(t.tags) as string[];
  return (
    t.deleted_at === null &&
    (filter.unsolved === undefined || filter.unsolved === unsolved) &&
    (filter.statuses === undefined || filter.statuses.includes(t.status as never)) &&
    (filter.priorities === undefined || filter.priorities.includes(t.priority as never)) &&
    (filter.channels === undefined || filter.channels.includes(t.channel as never)) &&
    (filter.levels === undefined || filter.levels.includes(t.level as never)) &&
    (filter.plans === undefined || filter.plans.includes(t.plan as never)) &&
    (filter.slaStates === undefined || filter.slaStates.includes(slaStateOf(t))) &&
    (filter.assignee === undefined || t.assignee_id === assignee) &&
    (filter.groupId === undefined || t.group_id === filter.groupId) &&
    (filter.requesterId === undefined || t.requester_id === filter.requesterId) &&
    (filter.organisationId === undefined || t.organisation_id === filter.organisationId) &&
    (filter.category === undefined || t.category === filter.category) &&
    (filter.tags === undefined || filter.tags.some((tag) => tags.includes(tag))) &&
    (filter.createdFrom === undefined || t.created_at >= filter.createdFrom) &&
    (filter.createdTo === undefined || t.created_at < filter.createdTo) &&
    (filter.updatedFrom === undefined || t.updated_at >= filter.updatedFrom) &&
    (filter.updatedTo === undefined || t.updated_at < filter.updatedTo)
  );
}

/** The sort key of a ticket, as a tuple compared left to right, id last. */
function sortKey(sort: ViewSort['field'], t: RefTicket): (number | string)[] {
  switch (sort) {
    case 'updated':
      return [t.updated_at, t.id];
    case 'created':
      return [t.created_at, t.id];
    case 'due':
      return [t.due_at ?? NO_KEY, t.id];
    case 'number':
      return [t.number ?? NO_KEY, t.id];
    case 'priority':
      return [TICKET_PRIORITIES.indexOf(t.priority as never), t.updated_at, t.id];
  }
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

function expected(filter: ViewFilter, sort: ViewSort): string[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return tickets
    .filter((t) => keeps(filter, t))
    .sort((a, b) => sign * compareKeys(sortKey(sort.field, a), sortKey(sort.field, b)))
    .map((t) => t.id);
}

/** Reads the whole list page by page; fails on a page over the limit or a list that never ends. */
function walk(filter: ViewFilter, sort: ViewSort, limit: number, limits: PageLimits): string[] {
  const ids: string[] = [];
  let after = null;
  for (let pages = 0; pages < 20_000; pages++) {
    const page = listTicketPage(db, { filter, sort, after, limit }, env, limits);
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((row) => row.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('the list never ended');
}

const FILTER_KEYS = [
  'unsolved', 'statuses', 'priorities', 'channels', 'levels', 'plans', 'slaStates', 'assignee', 'groupId',
  'requesterId', 'organisationId', 'tags', 'category', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo',
] as const satisfies readonly (keyof ViewFilter)[];

const subset = <T,>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const instant = () => fc.integer({ min: domain.minAt - 86_400_000, max: domain.maxAt + 86_400_000 });

/** Filters of up to four terms: more keep nothing at this size. */
const filterArb = (): fc.Arbitrary<ViewFilter> =>
  fc
    .tuple(
      fc.record({
      unsolved: fc.boolean(),
      statuses: subset(TICKET_STATUSES),
      priorities: subset(TICKET_PRIORITIES),
      channels: subset(CHANNELS),
      levels: subset(SUPPORT_LEVELS),
      plans: subset(SUPPORT_PLANS),
      slaStates: subset(SLA_STATES),
      assignee: fc.oneof(fc.constant('me' as const), fc.constant('none' as const), fc.constantFrom(...domain.agents)),
      groupId: fc.oneof(fc.constant(null), fc.constantFrom(...domain.groups)),
      requesterId: fc.constantFrom(...domain.requesters),
      organisationId: fc.constantFrom(...domain.organisations),
      tags: fc.subarray(domain.tags, { minLength: 1, maxLength: 3 }),
      category: fc.constantFrom(...domain.categories),
      createdFrom: instant(),
      createdTo: instant(),
      updatedFrom: instant(),
      updatedTo: instant(),
      }),
      fc.subarray([...FILTER_KEYS], { maxLength: 4 }),
    )
    .map(([all, keys]) => Object.fromEntries(keys.map((key) => [key, all[key]])) as ViewFilter);

const sortArb: fc.Arbitrary<ViewSort> = fc.record({ field: fc.constantFrom(...VIEW_SORT_FIELDS), direction: fc.constantFrom('asc' as const, 'desc' as const) });
const limitsArb: fc.Arbitrary<PageLimits> = fc.record({ gatherMax: fc.constantFrom(0, 5, 60, 5000), walkBudget: fc.constantFrom(30, 150, 5000) });

describe('ticket list pages (fast-check)', () => {
  test('gives every ticket the filter keeps, each once, in sort order, whatever the filter, sort, page size and read limits', () => {
    const paths = new Set<string>();
    fc.assert(
      fc.property(filterArb(), sortArb, fc.constantFrom(3, 25, 100), limitsArb, (filter, sort, limit, limits) => {
        paths.add(ticketPagePlan(db, { filter, sort, after: null, limit }, env, limits)?.path ?? 'empty');
        expect(walk(filter, sort, limit, limits)).toEqual(expected(filter, sort));
      }),
      { seed: propertySeed('ticket list pages'), numRuns: NUM_RUNS },
    );
    // The runs went down every path.
    expect([...paths].sort()).toEqual(expect.arrayContaining(['bounded', 'gathered', 'served']));
  }, 180_000);

  test('counts what the filter keeps, whatever the filter', () => {
    fc.assert(
      fc.property(filterArb(), (filter) => {
        expect(countTicketsCapped(db, filter, env, 10_000)).toBe(expected(filter, { field: 'updated', direction: 'desc' }).length);
      }),
      { seed: propertySeed('ticket list counts'), numRuns: NUM_RUNS },
    );
  });
});
