// The first schema: the domain model's minimum, the audit log and the sync outbox.
// Never edit once shipped: add a new numbered migration instead.
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE support_levels (
      level      TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      scope      TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    ) WITHOUT ROWID;

    CREATE TABLE groups (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      level      TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );

    CREATE TABLE agents (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      email      TEXT NOT NULL,
      role       TEXT NOT NULL,
      group_id   TEXT,
      time_zone  TEXT NOT NULL,
      language   TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );

    CREATE TABLE organisations (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      plan       TEXT NOT NULL,
      domain     TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      deleted_at INTEGER
    );

    CREATE TABLE customers (
      id              TEXT PRIMARY KEY,
      name            TEXT NOT NULL,
      email           TEXT,
      phones          TEXT NOT NULL DEFAULT '[]',
      organisation_id TEXT,
      plan            TEXT NOT NULL,
      time_zone       TEXT NOT NULL,
      language        TEXT NOT NULL,
      proficiency     TEXT NOT NULL,
      opt_outs        TEXT NOT NULL DEFAULT '[]',
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      deleted_at      INTEGER
    );
    CREATE INDEX customers_by_organisation ON customers (organisation_id);

    CREATE TABLE tickets (
      id              TEXT PRIMARY KEY,
      number          INTEGER UNIQUE,
      subject         TEXT NOT NULL,
      status          TEXT NOT NULL,
      priority        TEXT NOT NULL,
      channel         TEXT NOT NULL,
      category        TEXT,
      tags            TEXT NOT NULL DEFAULT '[]',
      requester_id    TEXT NOT NULL,
      organisation_id TEXT,
      assignee_id     TEXT,
      group_id        TEXT,
      level           TEXT NOT NULL,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL,
      solved_at       INTEGER,
      deleted_at      INTEGER,
      -- Zendesk's "unsolved": kept as a column so views can use an equality prefix in an index.
      unsolved        INTEGER GENERATED ALWAYS AS (status IN ('new', 'open', 'pending', 'on-hold')) VIRTUAL
    );
    -- Every built-in view has an equality prefix followed by the keyset sort (updated_at, id).
    CREATE INDEX tickets_by_updated ON tickets (updated_at, id);
    CREATE INDEX tickets_by_unsolved ON tickets (unsolved, updated_at, id);
    CREATE INDEX tickets_by_status ON tickets (status, updated_at, id);
    CREATE INDEX tickets_by_assignee ON tickets (assignee_id, unsolved, updated_at, id);
    CREATE INDEX tickets_by_level ON tickets (level, unsolved, updated_at, id);
    CREATE INDEX tickets_by_requester ON tickets (requester_id, updated_at);

    CREATE TABLE messages (
      id          TEXT PRIMARY KEY,
      ticket_id   TEXT NOT NULL,
      kind        TEXT NOT NULL,
      author_type TEXT NOT NULL,
      author_id   TEXT,
      author_name TEXT NOT NULL,
      channel     TEXT NOT NULL,
      body_format TEXT NOT NULL,
      body        TEXT NOT NULL,
      attachments TEXT NOT NULL DEFAULT '[]',
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      deleted_at  INTEGER
    );
    CREATE INDEX messages_by_ticket ON messages (ticket_id, created_at);

    CREATE TABLE calls (
      id            TEXT PRIMARY KEY,
      direction     TEXT NOT NULL,
      caller_number TEXT NOT NULL,
      customer_id   TEXT,
      agent_id      TEXT,
      ticket_id     TEXT,
      queued_at     INTEGER NOT NULL,
      answered_at   INTEGER,
      ended_at      INTEGER,
      outcome       TEXT NOT NULL,
      notes         TEXT NOT NULL DEFAULT '',
      updated_at    INTEGER NOT NULL,
      deleted_at    INTEGER
    );
    CREATE INDEX calls_by_ticket ON calls (ticket_id, queued_at);

    -- One row per change, written in the change's own transaction.
    CREATE TABLE audit_events (
      id        INTEGER PRIMARY KEY,
      entity    TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action    TEXT NOT NULL,
      actor_id  TEXT,
      at        INTEGER NOT NULL,
      data      TEXT NOT NULL
    );
    CREATE INDEX audit_events_by_entity ON audit_events (entity_id, at);

    -- The durable outbox: local mutations not yet confirmed by the backend, in seq order.
    CREATE TABLE outbox (
      seq         INTEGER PRIMARY KEY,
      mutation_id TEXT NOT NULL UNIQUE,
      client_id   TEXT NOT NULL,
      name        TEXT NOT NULL,
      args        TEXT NOT NULL,
      before      TEXT,
      created_at  INTEGER NOT NULL
    );
  `,
} as const;
