// The sync client's tables: mutations the backend refused (shown to the agent), the ticket field
// history the backend sends (for "your change was overridden" notes), and the keys seen while a
// reset rebuilds the local data. Never edit once shipped: add a new numbered migration instead.
export const migration004 = {
  version: 4,
  name: 'sync',
  sql: /* sql */ `
    -- One row per local change the backend refused for good (final = 1), or that could not be
    -- re-applied on top of the backend's newer data and still waits for the backend's verdict
    -- (final = 0). Keyed by mutation id: a repeated answer never adds a second row.
    CREATE TABLE sync_rejections (
      mutation_id TEXT PRIMARY KEY,
      seq         INTEGER NOT NULL,
      name        TEXT NOT NULL,
      args        TEXT NOT NULL,
      code        TEXT NOT NULL,
      message     TEXT NOT NULL,
      field       TEXT,
      final       INTEGER NOT NULL,
      at          INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sync_rejections_by_at ON sync_rejections (at);

    -- The backend's field history of tickets ('ticket-field-change' entities), as pulled.
    CREATE TABLE ticket_field_changes (
      id              TEXT PRIMARY KEY,
      ticket_id       TEXT NOT NULL,
      field           TEXT NOT NULL,
      previous_value  TEXT,
      value           TEXT,
      changed_by      TEXT NOT NULL,
      overwritten     TEXT,
      applied_at      INTEGER NOT NULL,
      dismissed_at    INTEGER,
      -- Whose value this change replaced: the notes of one desktop are found by its client ids.
      overwritten_client_id TEXT GENERATED ALWAYS AS (json_extract(overwritten, '$.clientId')) VIRTUAL
    );
    CREATE INDEX ticket_field_changes_by_ticket ON ticket_field_changes (ticket_id, applied_at);
    CREATE INDEX ticket_field_changes_by_overwritten ON ticket_field_changes (overwritten_client_id, applied_at)
      WHERE overwritten_client_id IS NOT NULL;

    -- While a reset rebuilds the local data from the backend: every key the rebuild delivered, so
    -- what the backend no longer holds can be swept at the end without emptying the UI first.
    CREATE TABLE sync_seen (
      entity TEXT NOT NULL,
      key    TEXT NOT NULL,
      PRIMARY KEY (entity, key)
    ) WITHOUT ROWID;

    -- The rebase re-applies the pending mutations of the tickets a pull replaced: find them by ticket.
    CREATE INDEX outbox_by_ticket ON outbox (json_extract(args, '$.ticketId'), seq);
  `,
} as const;
