// Ticket conditions of a search (from its field filters), resolved to concrete values, and their
// SQL. The SQL text depends only on which conditions are present (and how many tags); every
// value is a parameter, lists travel as one JSON parameter: no user text is ever SQL.

/** Ticket columns an `in` condition can test; `plan` is the requester's plan. */
export type ConditionColumn = 'status' | 'priority' | 'channel' | 'level' | 'number' | 'group' | 'requester' | 'plan' | 'category' | 'id';

/** One condition on the ticket; `negated` keeps the tickets it does not hold for (NULL counts as not holding). */
export type TicketCondition =
  | { kind: 'in'; column: ConditionColumn; values: (string | number)[]; negated: boolean }
  | { kind: 'assignee'; agentIds: string[]; none: boolean; negated: boolean }
  | { kind: 'tag'; tags: string[]; negated: boolean }
  | { kind: 'range'; column: 'created' | 'updated'; fromMs: number | null; toMs: number | null; negated: boolean };

const COLUMN_SQL: Record<ConditionColumn, string> = {
  status: 't.status',
  priority: 't.priority',
  channel: 't.channel',
  level: 't.level',
  number: 't.number',
  group: 't.group_id',
  requester: 't.requester_id',
  plan: 'c.plan',
  // Categories compare without letter case; values arrive lower-cased.
  category: 'lower(t.category)',
  id: 't.id',
};

/** SQL for a set of conditions over `t` (tickets) and, if `needsCustomer`, `c` (its requester). */
export interface ConditionSql {
  /** A boolean SQL expression; `1` when there are no conditions. */
  sql: string;
  params: unknown[];
  needsCustomer: boolean;
}

/** Builds the SQL of `conditions`, all of which must hold. */
export function conditionSql(conditions: readonly TicketCondition[]): ConditionSql {
  const parts: string[] = [];
  const params: unknown[] = [];
  let needsCustomer = false;
  for (const condition of conditions) {
    let sql: string;
    switch (condition.kind) {
      case 'in':
        sql = `${COLUMN_SQL[condition.column]} IN (SELECT value FROM json_each(?))`;
        params.push(JSON.stringify(condition.values));
        if (condition.column === 'plan') needsCustomer = true;
        break;
      case 'assignee':
        // Each form alone can use the assignee index (a count of "my" tickets must not scan them all).
        if (!condition.none) {
          sql = 't.assignee_id IN (SELECT value FROM json_each(?))';
          params.push(JSON.stringify(condition.agentIds));
        } else if (condition.agentIds.length === 0) sql = 't.assignee_id IS NULL';
        else {
          sql = '(t.assignee_id IN (SELECT value FROM json_each(?)) OR t.assignee_id IS NULL)';
          params.push(JSON.stringify(condition.agentIds));
        }
        break;
      case 'tag':
        // Tags are stored as a JSON array made by JSON.stringify: a tag's JSON text found in it
        // (a cheap test) is confirmed by reading the array (an exact one).
        sql = `((${condition.tags.map(() => 'instr(t.tags, ?) > 0').join(' OR ')})
          AND EXISTS (SELECT 1 FROM json_each(t.tags) tag WHERE tag.value IN (SELECT value FROM json_each(?))))`;
        params.push(...condition.tags.map((tag) => JSON.stringify(tag)), JSON.stringify(condition.tags));
        break;
      case 'range': {
        const column = condition.column === 'created' ? 't.created_at' : 't.updated_at';
        sql = `(${column} >= ? AND ${column} < ?)`;
        params.push(condition.fromMs ?? Number.MIN_SAFE_INTEGER, condition.toMs ?? Number.MAX_SAFE_INTEGER);
        break;
      }
    }
    // `IS NOT 1` rather than NOT: a NULL (no category, no assignee) does not hold, so it passes.
    parts.push(condition.negated ? `(${sql}) IS NOT 1` : sql);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', params, needsCustomer };
}
