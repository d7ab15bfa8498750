import type { Migration } from '../sql-driver';

// The backend's first schema, the same text on SQLite and PostgreSQL (TEXT, BIGINT, INTEGER
// only; JSON kept as TEXT). Instants are epoch milliseconds in *_at columns.
// Never edit once shipped: add a new numbered migration instead.
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- Counters advanced inside writing transactions: 'change_head' (the commit-ordered change
    -- log position) and 'ticket_number' (human ticket numbers). The row lock an UPDATE takes is
    -- held until commit, so whoever advances a counter later also commits later.
    CREATE TABLE counters (
      name  TEXT PRIMARY KEY,
      value BIGINT NOT NULL
    );
    INSERT INTO counters (name, value) VALUES ('change_head', 0), ('ticket_number', 0);

    CREATE TABLE levels (
      level      TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      scope      TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE groups (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      level      TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    -- The team's profiles (names on tickets and messages); synced to every desktop.
    CREATE TABLE agents (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      email      TEXT NOT NULL,
      role       TEXT NOT NULL,
      group_id   TEXT,
      time_zone  TEXT NOT NULL,
      language   TEXT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    -- Sign-in identities; the id is the agent profile's id. Never synced.
    CREATE TABLE accounts (
      id            TEXT PRIMARY KEY REFERENCES agents (id),
      email         TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      role          TEXT NOT NULL,
      disabled_at   BIGINT,
      created_at    BIGINT NOT NULL,
      updated_at    BIGINT NOT NULL
    );

    -- Opaque bearer tokens, stored as their SHA-256: a leaked table signs nobody in.
    CREATE TABLE sessions (
      id          TEXT PRIMARY KEY,
      token_hash  TEXT NOT NULL UNIQUE,
      account_id  TEXT NOT NULL REFERENCES accounts (id),
      created_at  BIGINT NOT NULL,
      expires_at  BIGINT NOT NULL,
      revoked_at  BIGINT
    );
    CREATE INDEX sessions_by_account ON sessions (account_id, created_at);

    -- Single-use tickets that open the live stream; consumed by DELETE … RETURNING.
    CREATE TABLE stream_tickets (
      ticket_hash TEXT PRIMARY KEY,
      session_id  TEXT NOT NULL,
      account_id  TEXT NOT NULL,
      expires_at  BIGINT NOT NULL
    );

    -- Fixed-window counters for login rate limits, shared by every instance.
    CREATE TABLE throttles (
      key               TEXT PRIMARY KEY,
      window_started_at BIGINT NOT NULL,
      hits              INTEGER NOT NULL
    );

    CREATE TABLE organisations (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      plan       TEXT NOT NULL,
      domain     TEXT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );

    CREATE TABLE customers (
      id              TEXT PRIMARY KEY,
      name            TEXT NOT NULL,
      email           TEXT,
      phones          TEXT NOT NULL,
      organisation_id TEXT,
      plan            TEXT NOT NULL,
      time_zone       TEXT NOT NULL,
      language        TEXT NOT NULL,
      proficiency     TEXT NOT NULL,
      opt_outs        TEXT NOT NULL,
      created_at      BIGINT NOT NULL,
      updated_at      BIGINT NOT NULL
    );

    CREATE TABLE tickets (
      id              TEXT PRIMARY KEY,
      number          BIGINT UNIQUE,
      subject         TEXT NOT NULL,
      status          TEXT NOT NULL,
      priority        TEXT NOT NULL,
      channel         TEXT NOT NULL,
      category        TEXT,
      tags            TEXT NOT NULL,
      requester_id    TEXT NOT NULL,
      organisation_id TEXT,
      assignee_id     TEXT,
      group_id        TEXT,
      level           TEXT NOT NULL,
      created_at      BIGINT NOT NULL,
      updated_at      BIGINT NOT NULL,
      solved_at       BIGINT,
      due_at          BIGINT,
      merged_into_id  TEXT
    );

    -- Append-only: a message id is made by the desktop and applied once.
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
      attachments TEXT NOT NULL,
      created_at  BIGINT NOT NULL
    );
    CREATE INDEX messages_by_ticket ON messages (ticket_id, created_at);

    -- The field history of tickets: every changed value with who replaced whom.
    CREATE TABLE ticket_field_changes (
      id             TEXT PRIMARY KEY,
      ticket_id      TEXT NOT NULL,
      field          TEXT NOT NULL,
      previous_value TEXT NOT NULL,
      value          TEXT NOT NULL,
      changed_by     TEXT NOT NULL,
      overwritten    TEXT,
      applied_at     BIGINT NOT NULL
    );
    CREATE INDEX ticket_field_changes_by_ticket ON ticket_field_changes (ticket_id, applied_at);

    -- Who set each field's current value (for the "your change was overridden" notice).
    CREATE TABLE ticket_field_writers (
      ticket_id TEXT NOT NULL,
      field     TEXT NOT NULL,
      author    TEXT NOT NULL,
      PRIMARY KEY (ticket_id, field)
    );

    -- The change log, in commit order: id is a position taken from counters.change_head by the
    -- writing transaction just before it commits (never a sequence: sequence values are handed
    -- out in start order, and a reader could pass a slow transaction's value before it commits).
    CREATE TABLE change_log (
      id           BIGINT PRIMARY KEY,
      entity       TEXT NOT NULL,
      entity_key   TEXT NOT NULL,
      op           TEXT NOT NULL,
      value        TEXT,
      committed_at BIGINT NOT NULL
    );
    CREATE INDEX change_log_by_entity ON change_log (entity, entity_key, id);
    CREATE INDEX change_log_by_time ON change_log (committed_at);

    -- A desktop's registration: which account it pushes for and how far its outbox got.
    CREATE TABLE sync_clients (
      client_id        TEXT PRIMARY KEY,
      account_id       TEXT NOT NULL,
      last_applied_seq BIGINT NOT NULL,
      registered_at    BIGINT NOT NULL,
      last_push_at     BIGINT
    );

    -- The outcome of every pushed mutation, so a retry gets the same answer. commit_pos is the
    -- change-log position of the transaction that recorded it.
    CREATE TABLE mutation_results (
      client_id     TEXT NOT NULL,
      seq           BIGINT NOT NULL,
      mutation_id   TEXT NOT NULL,
      account_id    TEXT NOT NULL,
      name          TEXT NOT NULL,
      outcome       TEXT NOT NULL,
      error_code    TEXT,
      error_message TEXT,
      error_field   TEXT,
      duplicate_of  TEXT,
      commit_pos    BIGINT NOT NULL,
      processed_at  BIGINT NOT NULL,
      PRIMARY KEY (client_id, seq)
    );
    CREATE INDEX mutation_results_by_mutation ON mutation_results (mutation_id);

    CREATE TABLE audit_events (
      id        TEXT PRIMARY KEY,
      actor_id  TEXT,
      action    TEXT NOT NULL,
      entity    TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      at        BIGINT NOT NULL,
      data      TEXT NOT NULL
    );
    CREATE INDEX audit_events_by_entity ON audit_events (entity_id, at);
  `,
};
