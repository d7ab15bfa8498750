import type { Migration } from '../sql-driver';

// The escalation matrix's published versions, and the SLA scheduler's state: when each open
// ticket next needs a look, which trigger moments have fired (one row per firing, so a breach
// escalates once however many instances look), and the notifications it sent. The same text on
// SQLite and PostgreSQL. Never edit once shipped: add a new numbered migration instead.
export const migration003: Migration = {
  version: 3,
  name: 'escalation-matrix',
  sql: /* sql */ `
    -- Published versions, numbered 1, 2, 3 … in publish order; never changed once written.
    CREATE TABLE matrix_versions (
      version          BIGINT PRIMARY KEY,
      author_id        TEXT NOT NULL,
      author_name      TEXT NOT NULL,
      saved_at         BIGINT NOT NULL,
      published_at     BIGINT NOT NULL,
      change_summary   TEXT NOT NULL,
      based_on_version BIGINT,
      document         TEXT NOT NULL
    );
    -- The version in force. A publish locks this row (UPDATE … RETURNING), so two leads publishing
    -- at once are serialised and the second one sees it is no longer based on the version in force.
    INSERT INTO counters (name, value) VALUES ('matrix_version', 0);

    -- Per ticket whose clocks the scheduler follows: its due time and when a trigger moment next
    -- comes (null: none is coming), under which version it was computed.
    CREATE TABLE sla_schedule (
      ticket_id      TEXT PRIMARY KEY,
      next_at        BIGINT,
      due_at         BIGINT,
      matrix_version BIGINT NOT NULL,
      computed_at    BIGINT NOT NULL
    );
    CREATE INDEX sla_schedule_by_next ON sla_schedule (next_at);

    -- One row per trigger moment acted on: (ticket, clock, trigger, the clock's start, which
    -- repetition). Inserted in the transaction that acts; a second instance's insert conflicts
    -- (after waiting for the first to commit) and it does nothing.
    CREATE TABLE sla_firings (
      ticket_id      TEXT NOT NULL,
      clock          TEXT NOT NULL,
      trigger_id     TEXT NOT NULL,
      started_at     BIGINT NOT NULL,
      occurrence     INTEGER NOT NULL,
      fired_at       BIGINT NOT NULL,
      matrix_version BIGINT NOT NULL,
      PRIMARY KEY (ticket_id, clock, trigger_id, started_at, occurrence)
    );

    -- Notifications to agents; each is synced to its recipient only (change_log.audience).
    CREATE TABLE notifications (
      id           TEXT PRIMARY KEY,
      recipient_id TEXT NOT NULL,
      ticket_id    TEXT NOT NULL,
      created_at   BIGINT NOT NULL,
      value        TEXT NOT NULL
    );
    CREATE INDEX notifications_by_recipient ON notifications (recipient_id, created_at);
  `,
};
