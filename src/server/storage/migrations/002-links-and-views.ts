import type { Migration } from '../sql-driver';

// Ticket links and saved views, synced like tickets; and change-log entries only one account may
// read (a personal view reaches its owner's desktops, nobody else's). The same text on SQLite and
// PostgreSQL. Never edit once shipped: add a new numbered migration instead.
export const migration002: Migration = {
  version: 2,
  name: 'links-and-views',
  sql: /* sql */ `
    -- One row per linked pair of tickets: the lower ticket id first, kind as that ticket reads it
    -- (the other reads the reverse). Unlinking deletes the row; the change log keeps a tombstone.
    CREATE TABLE ticket_links (
      ticket_id  TEXT NOT NULL,
      other_id   TEXT NOT NULL,
      kind       TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (ticket_id, other_id)
    );

    -- Saved views. A deleted view stays as a tombstone: its id is never brought back by a late save.
    CREATE TABLE views (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      scope      TEXT NOT NULL,
      owner_id   TEXT NOT NULL,
      filter     TEXT NOT NULL,
      sort       TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      deleted_at BIGINT
    );
    -- Names are unique per namespace (shared views share one, each owner has one for personal views).
    CREATE INDEX views_by_name ON views (scope, owner_id, name);

    -- The one account that may read a change (a personal view); NULL: every role that reads the entity.
    ALTER TABLE change_log ADD COLUMN audience TEXT;
  `,
};
