import type { Migration } from '../sql-driver';

// An agent's queue, which a bootstrap sends first: unsolved tickets assigned to them, and
// unassigned ones of their group. The same text on SQLite and PostgreSQL. Never edit once
// shipped: add a new numbered migration instead.
export const migration004: Migration = {
  version: 4,
  name: 'queue-index',
  sql: /* sql */ `
    CREATE INDEX tickets_by_queue ON tickets (assignee_id, group_id, status);
  `,
};
