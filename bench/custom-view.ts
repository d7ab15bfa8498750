import type { Core } from '../src/main/services/core';
import { VIEW_SORT_FIELDS, type ViewFilter, type ViewSort } from '../src/shared/domain/view';
import { call } from './lib/core-calls';
import { percentile, progress, timeMs, type Figure } from './lib/figures';

const DAY_MS = 86_400_000;

/**
 * The ad-hoc views an agent can build in the view editor, a fixed set: sparse filters (a rare
 * tag or category, one nobody uses, a day of tickets, a rare combination of common values),
 * dense ones, and filters of one requester's organisation or one group. Values come from the
 * sample data, found the same way in every store of the same seed.
 */
function customFilters(core: Core, now: number): Record<string, ViewFilter> {
  const db = core.db!;
  // The organisation with the most tickets, and the busiest group: deterministic for a seed.
  const organisationId = (
    db.prepare('SELECT organisation_id AS id FROM tickets WHERE organisation_id IS NOT NULL GROUP BY organisation_id ORDER BY count(*) DESC, organisation_id LIMIT 1').get() as { id: string }
  ).id;
  const groupId = (db.prepare('SELECT group_id AS id FROM tickets WHERE group_id IS NOT NULL GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT 1').get() as { id: string }).id;
  return {
    'rare tag': { tags: ['datev'] },
    'unused tag': { tags: ['no-such-tag'] },
    'vip, unsolved': { tags: ['vip'], unsolved: true },
    'two tags, open or pending': { tags: ['gdpr', 'erasure'], statuses: ['open', 'pending'] },
    category: { category: 'privacy' },
    'unused category': { category: 'no-such-category' },
    'category, chat, high': { category: 'privacy', channels: ['chat'], priorities: ['high'] },
    'social, urgent': { channels: ['social'], priorities: ['urgent'] },
    'enterprise, unsolved': { plans: ['enterprise'], unsolved: true },
    breached: { slaStates: ['breached'] },
    'created one day': { createdFrom: now - 7 * DAY_MS, createdTo: now - 6 * DAY_MS },
    'updated one day': { updatedFrom: now - 30 * DAY_MS, updatedTo: now - 29 * DAY_MS },
    mine: { assignee: 'me' },
    'L4 solved or closed': { levels: ['L4'], statuses: ['solved', 'closed'] },
    organisation: { organisationId },
    'group, urgent': { groupId, priorities: ['urgent'] },
  };
}

/** The first page (100 rows) of each custom view in every sort, both ways, many times over; p95 of all of them. */
export function benchCustomViewQuery(core: Core, size: number, now: number, repetitions = 10): Figure {
  const filters = customFilters(core, now);
  const sorts: ViewSort[] = VIEW_SORT_FIELDS.flatMap((field) => (['desc', 'asc'] as const).map((direction) => ({ field, direction })));
  const cases = Object.entries(filters).flatMap(([name, filter]) => sorts.map((sort) => ({ name: `${name} by ${sort.field} ${sort.direction}`, filter, sort })));
  for (const c of cases) call(core, 'ticket/list', { filter: c.filter, sort: c.sort, limit: 100 }); // warm-up, not measured
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < repetitions; r++) {
    for (const c of cases) samples.get(c.name)!.push(timeMs(() => call(core, 'ticket/list', { filter: c.filter, sort: c.sort, limit: 100 })));
  }
  const worst = [...samples].map(([name, s]) => ({ name, p95: percentile(s, 95) })).sort((a, b) => b.p95 - a.p95);
  progress(`custom views: ${cases.length} filter and sort pairs; slowest p95: ${worst.slice(0, 5).map((w) => `${w.name} ${w.p95.toFixed(2)} ms`).join(', ')}`);
  return {
    metric: 'custom_view_query_p95_ms',
    value: percentile([...samples.values()].flat(), 95),
    budget: 5,
    goal: 1,
    better: 'lower',
    size,
  };
}
