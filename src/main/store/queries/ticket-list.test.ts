import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_VIEWS, type View } from '../../../shared/domain/view';
import { seedSampleData } from '../../services/seed/sample-data';
import { openStore, refreshPlannerStatistics, type Db } from '../db';
import { addCustomer, addTicket, FIXTURE_NOW, makeTempDir, removeTempDir } from '../test-builders';
import { getMeta } from './meta';
import { VIEW_SORT_FIELDS, type ViewFilter, type ViewSort } from '../../../shared/domain/view';
import {
  countTicketsCapped,
  isServedByIndex,
  listTicketPage,
  ticketCountSql,
  ticketPagePlan,
  ticketPageSql,
  type TicketListEnv,
} from './ticket-list';

/** Which index serves each built-in view's page: its filter's equality prefix, then its sort. */
const PAGE_INDEX: Record<string, string> = {
  'my-open': 'tickets_by_assignee',
  unassigned: 'tickets_by_assignee',
  'all-unsolved': 'tickets_by_unsolved',
  'level-l1': 'tickets_by_level',
  'level-l2': 'tickets_by_level',
  'level-l3': 'tickets_by_level',
  'level-l4': 'tickets_by_level',
  'sla-at-risk': 'tickets_by_unsolved_due',
  pending: 'tickets_by_status',
  'on-hold': 'tickets_by_status',
  'recently-updated': 'tickets_by_updated',
  solved: 'tickets_by_status',
  all: 'tickets_by_number',
};

let dir: string;
let db: Db;
let env: TicketListEnv;

beforeAll(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  seedSampleData(db, { tickets: 3000, seed: 3, now: FIXTURE_NOW });
  env = { agentId: getMeta(db, 'agent_id') ?? null, now: FIXTURE_NOW };
});
afterAll(() => {
  db.close();
  removeTempDir(dir);
});

function plan(sql: string, params: Record<string, unknown>): string[] {
  return db
    .prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => row.detail);
}

/** How a page's plan reads tickets: the index it walks and whether anything is sorted in a temp B-tree. */
function pagePlan(view: View, second: boolean): { index: string | undefined; sorts: string[] } {
  const first = listTicketPage(db, { filter: view.filter, sort: view.sort, after: null, limit: 5 }, env);
  const after = second ? first.next : null;
  const built = ticketPageSql({ filter: view.filter, sort: view.sort, after, limit: 100 }, env)!;
  const details = plan(built.sql, built.params);
  return {
    index: details.map((d) => /^(?:SEARCH|SCAN) t USING (?:COVERING )?INDEX (\w+)/.exec(d)?.[1]).find(Boolean),
    sorts: details.filter((d) => d.includes('TEMP B-TREE')),
  };
}

function everyViewPlan(second: boolean): Record<string, { index: string | undefined; sorts: string[] }> {
  return Object.fromEntries(BUILT_IN_VIEWS.map((view) => [view.id, pagePlan(view, second)]));
}

const EXPECTED = Object.fromEntries(Object.entries(PAGE_INDEX).map(([viewId, index]) => [viewId, { index, sorts: [] }]));

describe('query plans of the built-in views', () => {
  test('names an index for every built-in view', () => {
    expect(Object.keys(PAGE_INDEX).sort()).toEqual(BUILT_IN_VIEWS.map((view) => view.id).sort());
  });

  test('walks an index in sort order for the first and the next page of every built-in view, sorting nothing, before statistics exist', () => {
    expect({ first: everyViewPlan(false), next: everyViewPlan(true) }).toEqual({ first: EXPECTED, next: EXPECTED });
  });

  test('walks the same indexes, sorting nothing, once the planner has statistics', () => {
    refreshPlannerStatistics(db);
    expect({ stats: db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'tickets'").get(), first: everyViewPlan(false), next: everyViewPlan(true) }).toEqual({
      stats: { n: expect.any(Number) },
      first: EXPECTED,
      next: EXPECTED,
    });
  });

  test('counts every built-in view with its whole filter as index constraints, nothing left to check on ticket rows', () => {
    // Index entries carry the generated columns (unsolved, due_key): SQLite reads them there, so
    // a count whose every term is a constraint of the index never reads a ticket row.
    const constraints = Object.fromEntries(
      BUILT_IN_VIEWS.map((view) => {
        const built = ticketCountSql(view.filter, env)!;
        const access = plan(built.all, { ...built.params, cap: 10_001 }).filter((d) => / t USING /.test(d));
        return [view.id, access.map((d) => /\((.*)\)$/.exec(d)?.[1] ?? 'whole index')];
      }),
    );
    expect(constraints).toEqual({
      'my-open': ['assignee_id=? AND unsolved=?'],
      unassigned: ['assignee_id=? AND unsolved=?'],
      'all-unsolved': ['unsolved=?'],
      'level-l1': ['level=? AND unsolved=?'],
      'level-l2': ['level=? AND unsolved=?'],
      'level-l3': ['level=? AND unsolved=?'],
      'level-l4': ['level=? AND unsolved=?'],
      'sla-at-risk': ['unsolved=? AND due_key>? AND due_key<?'],
      pending: ['status=?'],
      'on-hold': ['status=?'],
      'recently-updated': ['whole index'],
      solved: ['status=?'],
      all: ['whole index'],
    });
  });
});

/**
 * The path of a page's first 100 rows and how its SQL reads tickets: each table access of the
 * plan, and the sorts of the selects that read tickets (not the merge of arms, ≤ 101 rows each).
 */
function customPlan(
  filter: ViewFilter,
  sort: ViewSort,
  limits?: { gatherMax: number; walkBudget: number },
  constraints = false,
): { path: string; access: string[]; sorts: number } {
  const built = ticketPagePlan(db, { filter, sort, after: null, limit: 100 }, env, limits)!;
  const details = db.prepare<[Record<string, unknown>], { parent: number; detail: string }>(`EXPLAIN QUERY PLAN ${built.sql}`).all(built.params);
  const reads = details.filter((d) => /^(SEARCH|SCAN) (t|g|ticket_tags)\b/.test(d.detail));
  const readingSelects = new Set(reads.map((d) => d.parent));
  return {
    path: built.path,
    access: reads.map((d) => (constraints ? d.detail : d.detail.replace(/ \(.*\)$/, ''))),
    sorts: details.filter((d) => d.detail.includes('TEMP B-TREE') && readingSelects.has(d.parent)).length,
  };
}

const EVERY_SORT: ViewSort[] = VIEW_SORT_FIELDS.map((field) => ({ field, direction: 'desc' }));

describe('query plans of custom views', () => {
  test('serves every built-in view by walking one index, the first path', () => {
    expect(BUILT_IN_VIEWS.filter((view) => !isServedByIndex(view.filter, view.sort.field)).map((view) => view.id)).toEqual([]);
  });

  test('walks the category index in order for a category, newest first', () => {
    expect(customPlan({ category: 'privacy', unsolved: true }, { field: 'updated', direction: 'desc' })).toEqual({
      path: 'served',
      access: ['SEARCH t USING INDEX tickets_by_category'],
      sorts: 0,
    });
  });

  test('gathers the tickets of a rare tag through the tag table, then sorts them, in every sort', () => {
    // Regression: a tag filter read every ticket's JSON along the sort's index: 1–7 s for a tag nobody uses at 1M tickets.
    const plans = EVERY_SORT.map((sort) => customPlan({ tags: ['datev'] }, sort));
    expect(plans).toEqual(
      EVERY_SORT.map(() => ({ path: 'gathered', access: ['SEARCH ticket_tags USING PRIMARY KEY', 'SCAN g', 'SEARCH t USING INDEX sqlite_autoindex_tickets_1'], sorts: 1 })),
    );
  });

  test('gathers the tickets of a rare category through its index, then sorts them, in every sort but the one it serves', () => {
    const plans = Object.fromEntries(EVERY_SORT.map((sort) => [sort.field, customPlan({ category: 'privacy' }, sort)]));
    const gathered = { path: 'gathered', access: ['SEARCH t USING INDEX tickets_by_category'], sorts: 1 };
    expect(plans).toEqual({
      updated: { path: 'served', access: ['SEARCH t USING INDEX tickets_by_category', 'SEARCH t USING INDEX tickets_by_category'], sorts: 0 },
      created: gathered,
      priority: gathered,
      due: gathered,
      number: gathered,
    });
  });

  test('walks the index of the sort for a combination of common values no index serves, in every sort, no further than its horizon', () => {
    const plans = Object.fromEntries(
      EVERY_SORT.map((sort) => [sort.field, customPlan({ channels: ['social'], priorities: ['urgent'] }, sort, { gatherMax: 0, walkBudget: 100 }, true)]),
    );
    // Newest first, the horizon is the lower end of the index range of each arm (EXPLAIN writes
    // >= as >); sorted by priority, the list of priorities is that range's span as well.
    const armed = (index: string, range: string) => ({ path: 'bounded', access: [1, 0].map(() => `SEARCH t USING INDEX ${index} (unsolved=? AND ${range})`), sorts: 0 });
    expect(plans).toEqual({
      updated: { path: 'bounded', access: ['SEARCH t USING INDEX tickets_by_updated ((updated_at,id)>(?,?))'], sorts: 0 },
      created: armed('tickets_by_unsolved_created', '(created_at,id)>(?,?)'),
      priority: armed('tickets_by_unsolved_priority', '(priority_rank,updated_at,id)>(?,?,?) AND (priority_rank,updated_at,id)<(?,?,?)'),
      due: armed('tickets_by_unsolved_due', '(due_key,id)>(?,?)'),
      number: { path: 'bounded', access: ['SEARCH t USING INDEX tickets_by_number ((number_key,id)>(?,?))'], sorts: 0 },
    });
  });

  test('stops a page of a filter no index serves once it has walked its budget of index entries, its cursor where it stopped', () => {
    const filter: ViewFilter = { channels: ['social'], priorities: ['urgent'] };
    const page = listTicketPage(db, { filter, sort: { field: 'created', direction: 'asc' }, after: null, limit: 100 }, env, { gatherMax: 0, walkBudget: 100 });
    // Oldest first walks (unsolved, created_at, id) once per unsolved value, 50 entries each
    // (tombstones included: the index has them); the page stops at the nearer of the two 50th.
    const fiftieth = (unsolved: number) =>
      db.prepare<[number], { created_at: number; id: string }>('SELECT created_at, id FROM tickets WHERE unsolved = ? ORDER BY created_at, id LIMIT 1 OFFSET 49').get(unsolved)!;
    const [a, b] = [fiftieth(1), fiftieth(0)];
    const stop = a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id) ? a : b;
    const kept = db
      .prepare<[number, number, string], { id: string }>(
        `SELECT id FROM tickets WHERE deleted_at IS NULL AND channel = 'social' AND priority = 'urgent'
           AND (created_at < ? OR (created_at = ? AND id <= ?)) ORDER BY created_at, id`,
      )
      .all(stop.created_at, stop.created_at, stop.id)
      .map((row) => row.id);
    expect({ rows: page.rows.map((row) => row.id), next: page.next }).toEqual({ rows: kept, next: { key: stop.created_at, id: stop.id } });
  });
});

describe('capped counts', () => {
  let small: Db;
  let smallDir: string;
  beforeAll(() => {
    smallDir = makeTempDir();
    small = openStore(path.join(smallDir, 'support-console.db'));
  });
  afterAll(() => {
    small.close();
    removeTempDir(smallDir);
  });

  test('counts up to the cap and answers cap + 1 beyond it, leaving tombstones out exactly', () => {
    const requester = addCustomer(small);
    const ids = small.transaction(() => Array.from({ length: 9 }, () => addTicket(small, { requesterId: requester.id }).id))();
    const count = (cap: number) => countTicketsCapped(small, { unsolved: true }, env, cap);
    const counts: Record<string, number> = { allLive: count(100), capped: count(5), atCap: count(9), belowCap: count(8) };
    // Three tombstones: six live tickets remain.
    for (const id of ids.slice(0, 3)) small.prepare('UPDATE tickets SET deleted_at = 1 WHERE id = ?').run(id);
    Object.assign(counts, { liveAfterDelete: count(100), liveAtCap: count(6), liveOverCap: count(5), liveUnderCap: count(4) });
    expect(counts).toEqual({ allLive: 9, capped: 6, atCap: 9, belowCap: 9, liveAfterDelete: 6, liveAtCap: 6, liveOverCap: 6, liveUnderCap: 5 });
  });

  test('counts nothing, without a query, when statuses and unsolved contradict each other', () => {
    expect({ count: countTicketsCapped(small, { unsolved: false, statuses: ['open'] }, env, 10), sql: ticketCountSql({ unsolved: false, statuses: ['open'] }, env) }).toEqual({
      count: 0,
      sql: null,
    });
  });
});
