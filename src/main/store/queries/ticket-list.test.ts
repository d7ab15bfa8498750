import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_IN_VIEWS, type View } from '../../../shared/domain/view';
import { seedSampleData } from '../../services/seed/sample-data';
import { openStore, refreshPlannerStatistics, type Db } from '../db';
import { addCustomer, addTicket, FIXTURE_NOW, makeTempDir, removeTempDir } from '../test-builders';
import { getMeta } from './meta';
import { countTicketsCapped, listTicketPage, ticketCountSql, ticketPageSql, type TicketListEnv } from './ticket-list';

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
