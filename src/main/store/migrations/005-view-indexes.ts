// Indexes for the filters a custom view can combine with any sort: tags (a table of their own,
// kept by triggers in the transaction of every ticket write) and category.
// Never edit once shipped: add a new numbered migration instead.
//
// - Tags live in a JSON array on the ticket, which no index can look into: ticket_tags holds one
//   row per (tag, ticket), so the tickets carrying a tag are an index range. Triggers keep it in
//   step with every write of tickets.tags (local changes, a pulled page, a bulk load's rebuild),
//   in the writing transaction. Tombstoned tickets keep their rows; queries check deleted_at.
// - Category gets the shape of the other per-column indexes: the column, then unsolved, then the
//   default sort, so "category X, newest first" (and "unsolved X") walk it in order.

/** Fills ticket_tags for the tickets of `source` (a table reference, e.g. `tickets` or `store.tickets`) that `where` keeps. */
export function ticketTagsFillSql(source: string, where = '1'): string {
  return `INSERT OR IGNORE INTO ticket_tags (tag, ticket_id)
    SELECT j.value, t.id FROM ${source} t, json_each(t.tags) j WHERE j.type = 'text' AND (${where})`;
}

/** Triggers that keep ticket_tags in step with tickets.tags, in creation order. */
export const TICKET_TAGS_TRIGGERS: readonly { name: string; sql: string }[] = [
  {
    name: 'ticket_tags_insert',
    sql: `CREATE TRIGGER ticket_tags_insert AFTER INSERT ON tickets WHEN new.tags <> '[]' BEGIN
      INSERT OR IGNORE INTO ticket_tags (tag, ticket_id) SELECT value, new.id FROM json_each(new.tags) WHERE type = 'text';
    END`,
  },
  {
    // Ticket updates write only the columns that changed (queries/tickets.ts), and a pulled
    // ticket is an upsert that sets every column: reindex only when the tags really changed.
    name: 'ticket_tags_update',
    sql: `CREATE TRIGGER ticket_tags_update AFTER UPDATE OF tags ON tickets WHEN old.tags IS NOT new.tags BEGIN
      DELETE FROM ticket_tags WHERE ticket_id = old.id AND tag IN (SELECT value FROM json_each(old.tags));
      INSERT OR IGNORE INTO ticket_tags (tag, ticket_id) SELECT value, new.id FROM json_each(new.tags) WHERE type = 'text';
    END`,
  },
  {
    name: 'ticket_tags_delete',
    sql: `CREATE TRIGGER ticket_tags_delete AFTER DELETE ON tickets WHEN old.tags <> '[]' BEGIN
      DELETE FROM ticket_tags WHERE ticket_id = old.id AND tag IN (SELECT value FROM json_each(old.tags));
    END`,
  },
];

export const migration005 = {
  version: 5,
  name: 'view-indexes',
  sql: /* sql */ `
    CREATE TABLE ticket_tags (
      tag       TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      PRIMARY KEY (tag, ticket_id)
    ) WITHOUT ROWID;
    ${TICKET_TAGS_TRIGGERS.map((trigger) => `${trigger.sql};`).join('\n')}
    ${ticketTagsFillSql('tickets')};

    CREATE INDEX tickets_by_category ON tickets (category, unsolved, updated_at, id);
  `,
} as const;
