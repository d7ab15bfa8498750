// The escalation matrix on the desktop: the published versions (pulled from the backend), the
// agent's draft, the walk that re-times unsolved tickets, and the SLA notifications the backend
// sends this desktop's agent.
// Never edit once shipped: add a new numbered migration instead.
export const migration006 = {
  version: 6,
  name: 'escalation-matrix',
  sql: /* sql */ `
    -- Published versions, by number. origin: 'backend' (pulled: the authority), 'default' (the
    -- version 1 a store starts with until the backend's arrives), 'pending' (published on this
    -- desktop, not confirmed yet; mutation_id names the outbox row that carries it).
    CREATE TABLE matrix_versions (
      version          INTEGER PRIMARY KEY,
      author_id        TEXT NOT NULL,
      author_name      TEXT NOT NULL,
      saved_at         INTEGER NOT NULL,
      published_at     INTEGER NOT NULL,
      change_summary   TEXT NOT NULL,
      based_on_version INTEGER,
      document         TEXT NOT NULL,
      origin           TEXT NOT NULL,
      mutation_id      TEXT
    );

    -- Local only until published: the draft of each agent who signed in here ('' when nobody is).
    CREATE TABLE matrix_drafts (
      agent_id         TEXT PRIMARY KEY,
      document         TEXT NOT NULL,
      based_on_version INTEGER,
      saved_at         INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- Re-timing every unsolved ticket after a publish walks them in id order (UUIDv7: creation
    -- order, which is also the order of the by-ticket indexes of messages and field changes, so
    -- their reads are near sequential). Partial: solved tickets, most of a store, cost nothing.
    CREATE INDEX tickets_unsolved_by_id ON tickets (id) WHERE unsolved = 1;

    -- SLA notifications of the backend's scheduler, as pulled (each reaches its recipient only).
    CREATE TABLE notifications (
      id           TEXT PRIMARY KEY,
      recipient_id TEXT NOT NULL,
      ticket_id    TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      value        TEXT NOT NULL
    );
    CREATE INDEX notifications_by_recipient ON notifications (recipient_id, created_at);
  `,
} as const;
