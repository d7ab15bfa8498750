// The agent workspace: SLA deadline and merge columns on tickets with the sort keys the views
// use, ticket links, saved views, macros, local drafts and the undo log of bulk edits.
// Never edit once shipped: add a new numbered migration instead.
export const migration003 = {
  version: 3,
  name: 'workspace',
  sql: /* sql */ `
    ALTER TABLE tickets ADD COLUMN due_at INTEGER;
    ALTER TABLE tickets ADD COLUMN merged_into_id TEXT;
    -- Sort keys as generated columns, so every sort a view offers has an index and a keyset
    -- cursor never meets NULL: tickets without a deadline or a number sort after those with one.
    ALTER TABLE tickets ADD COLUMN priority_rank INTEGER GENERATED ALWAYS AS
      (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL;
    ALTER TABLE tickets ADD COLUMN due_key INTEGER GENERATED ALWAYS AS (coalesce(due_at, 9007199254740991)) VIRTUAL;
    ALTER TABLE tickets ADD COLUMN number_key INTEGER GENERATED ALWAYS AS (coalesce(number, 9007199254740991)) VIRTUAL;

    -- "Oldest unsolved first" is a common queue: created under unsolved, like due and priority.
    CREATE INDEX tickets_by_unsolved_created ON tickets (unsolved, created_at, id);
    CREATE INDEX tickets_by_unsolved_due ON tickets (unsolved, due_key, id);
    CREATE INDEX tickets_by_unsolved_priority ON tickets (unsolved, priority_rank, updated_at, id);
    CREATE INDEX tickets_by_number ON tickets (number_key, id);
    CREATE INDEX tickets_by_group ON tickets (group_id, unsolved, updated_at, id);
    CREATE INDEX tickets_by_organisation ON tickets (organisation_id, updated_at, id);
    CREATE INDEX tickets_by_merged_into ON tickets (merged_into_id) WHERE merged_into_id IS NOT NULL;
    -- Tombstones are rare: counting a view counts in its index alone, then takes these off.
    CREATE INDEX tickets_deleted ON tickets (deleted_at) WHERE deleted_at IS NOT NULL;

    -- Tombstoned messages are rare: this small index lets a thread count its older messages in
    -- the index alone (messages_by_ticket minus these), never reading message rows.
    CREATE INDEX messages_deleted_by_ticket ON messages (ticket_id, created_at) WHERE deleted_at IS NOT NULL;

    -- Customer pickers find people by the start of their name (email has its index since 002).
    CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);

    CREATE TABLE ticket_links (
      ticket_id  TEXT NOT NULL,
      other_id   TEXT NOT NULL,
      kind       TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER,
      PRIMARY KEY (ticket_id, other_id)
    ) WITHOUT ROWID;

    CREATE TABLE views (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      scope      TEXT NOT NULL,
      owner_id   TEXT,
      filter     TEXT NOT NULL,
      sort       TEXT NOT NULL,
      position   INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );

    CREATE TABLE macros (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      body       TEXT NOT NULL,
      kind       TEXT NOT NULL,
      fields     TEXT NOT NULL DEFAULT '{}',
      language   TEXT,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );

    -- Local only: what the agent was typing, restored after a restart. Never synced.
    CREATE TABLE drafts (
      ticket_id  TEXT PRIMARY KEY,
      kind       TEXT NOT NULL,
      body       TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- Local only: the before-images of bulk edits, so one undo restores them.
    CREATE TABLE undo_log (
      id         TEXT PRIMARY KEY,
      entries    TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
  `,
} as const;
