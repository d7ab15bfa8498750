// Turns the parsed query's field filters into ticket conditions with concrete values: agent and
// group names into ids, `me` into the signed-in agent, days into instants in the agent's zone,
// requesters into customer ids. A filter that names nothing known is dropped with a problem.
import type { SearchFilter, SearchProblem } from '../../../shared/search/query-ast';
import { dayStartMs } from '../../../shared/search/day-start';
import type { Db } from '../../store/db';
import { listAgents, listGroups } from '../../store/queries/team';
import { customerIdsByEmail, customerIdsMatching } from '../../store/queries/search-lookups';
import { ftsString } from '../../store/queries/search-match';
import type { ConditionColumn, TicketCondition } from '../../store/queries/search-conditions';

/** The most customers a `requester:` filter by name keeps (a name shared by more is not a filter). */
const MAX_REQUESTERS = 5000;

/** Who runs the search: the signed-in agent (for `assignee:me`) and their time zone (for dates). */
export interface SearchViewer {
  agentId: string | null;
  timeZone: string;
}

/** Ticket conditions of a query, and the problems met resolving its filters. */
export interface ResolvedFilters {
  conditions: TicketCondition[];
  problems: SearchProblem[];
}

/** Lower case without diacritics, for comparing names the way the search index does. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Whether every word of `query` starts a word of `name` (`ada` finds "Ada Agent"), or it is the whole name. */
function nameMatches(name: string, query: string): boolean {
  const nameWords = fold(name).split(/[^\p{L}\p{N}]+/u);
  const queryWords = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (fold(name) === fold(query)) return true;
  return queryWords.length > 0 && queryWords.every((word) => nameWords.some((candidate) => candidate.startsWith(word)));
}

/** Resolves `filters` against the store for `viewer`. */
export function resolveFilters(db: Db, filters: readonly SearchFilter[], viewer: SearchViewer): ResolvedFilters {
  const conditions: TicketCondition[] = [];
  const problems: SearchProblem[] = [];
  // Positive filters on one field merge into one condition (any of their values);
  // each negated filter is its own condition (none of them may hold).
  const merged = new Map<string, TicketCondition>();
  const add = (key: string, condition: TicketCondition) => {
    if (condition.negated) {
      conditions.push(condition);
      return;
    }
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, condition);
      conditions.push(condition);
    } else if (existing.kind === 'in' && condition.kind === 'in') existing.values.push(...condition.values);
    else if (existing.kind === 'assignee' && condition.kind === 'assignee') {
      existing.agentIds.push(...condition.agentIds);
      existing.none ||= condition.none;
    } else if (existing.kind === 'tag' && condition.kind === 'tag') existing.tags.push(...condition.tags);
    else conditions.push(condition); // date ranges: every one must hold
  };
  const inCondition = (column: ConditionColumn, values: (string | number)[], negated: boolean): TicketCondition => ({
    kind: 'in',
    column,
    values,
    negated,
  });

  for (const filter of filters) {
    const { negated } = filter;
    switch (filter.field) {
      case 'status':
        add('status', inCondition('status', [...filter.values], negated));
        break;
      case 'priority':
      case 'channel':
      case 'level':
      case 'plan':
      case 'number':
        add(filter.field, inCondition(filter.field, [filter.value], negated));
        break;
      case 'category':
        add('category', inCondition('category', [fold(filter.value)], negated));
        break;
      case 'tag':
        add('tag', { kind: 'tag', tags: [filter.value], negated });
        break;
      case 'group': {
        const ids = listGroups(db)
          .filter((group) => nameMatches(group.name, filter.value))
          .map((group) => group.id);
        if (ids.length === 0) problems.push({ code: 'unknown-group', params: { value: filter.value } });
        else add('group', inCondition('group', ids, negated));
        break;
      }
      case 'assignee': {
        const { value } = filter;
        if (value.kind === 'none') add('assignee', { kind: 'assignee', agentIds: [], none: true, negated });
        else if (value.kind === 'me') {
          if (viewer.agentId === null) problems.push({ code: 'not-signed-in', params: {} });
          else add('assignee', { kind: 'assignee', agentIds: [viewer.agentId], none: false, negated });
        } else {
          const ids = listAgents(db)
            .filter((agent) => nameMatches(agent.name, value.name) || fold(agent.email) === fold(value.name))
            .map((agent) => agent.id);
          if (ids.length === 0) problems.push({ code: 'unknown-agent', params: { value: value.name } });
          else add('assignee', { kind: 'assignee', agentIds: ids, none: false, negated });
        }
        break;
      }
      case 'requester': {
        const { value } = filter;
        const ids =
          value.kind === 'email' ? customerIdsByEmail(db, value.email) : customerIdsMatching(db, ftsString(value.text), MAX_REQUESTERS);
        // No such customer: the condition keeps no ticket, which is the honest answer.
        add('requester', inCondition('requester', ids, negated));
        break;
      }
      case 'created':
      case 'updated':
        add(filter.field, {
          kind: 'range',
          column: filter.field,
          fromMs: filter.value.fromDay === null ? null : dayStartMs(filter.value.fromDay, viewer.timeZone),
          toMs: filter.value.toDay === null ? null : dayStartMs(filter.value.toDay, viewer.timeZone),
          negated,
        });
        break;
    }
  }
  return { conditions, problems };
}
