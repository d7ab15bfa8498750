// Full-text search over ticket subjects, message bodies and customers' names and emails.
// Never edit once shipped: add a new numbered migration instead.
//
// Design:
// - One external-content FTS5 table per source, keyed by the source row's rowid: the text is
//   stored once (in the source table) and snippet()/highlight() read it from there.
// - Rowids grow as rows are written, so `ORDER BY rowid DESC` walks the newest matches first
//   and a "newest first" page stops after a few dozen hits, however common the word.
// - Tokenizer: unicode61 with remove_diacritics 2 (café = cafe, Müller = muller) and `+` and `#`
//   as word characters, so `C++` and `C#` are words of their own, not `C`.
// - Triggers keep the indexes in step with every write. A bulk load takes them off and rebuilds
//   the indexes once at the end (queries/bulk-load.ts); rebuildSearchIndex (queries/search-index.ts)
//   reuses the trigger text from here.
// - The messages' rowid is implicit (their key is a UUID). VACUUM keeps implicit rowids when it
//   copies a table whole, which it does for ours; should a rowid ever change, `rebuild` repairs.

/** The FTS5 tokenizer of every search index; the query parser relies on its word rules. */
export const SEARCH_TOKENIZER = "unicode61 remove_diacritics 2 tokenchars '+#'";

/** Triggers that keep the search indexes in step with their source tables, in creation order. */
export const SEARCH_TRIGGERS: readonly { name: string; sql: string }[] = [
  {
    name: 'tickets_search_insert',
    sql: `CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
      INSERT INTO tickets_search (rowid, subject) VALUES (new.rowid, new.subject);
    END`,
  },
  {
    name: 'tickets_search_delete',
    sql: `CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
      INSERT INTO tickets_search (tickets_search, rowid, subject) VALUES ('delete', old.rowid, old.subject);
    END`,
  },
  {
    // Ticket updates rewrite every column (subject included) on each field change: reindex only
    // when the subject really changed.
    name: 'tickets_search_update',
    sql: `CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject ON tickets WHEN old.subject IS NOT new.subject BEGIN
      INSERT INTO tickets_search (tickets_search, rowid, subject) VALUES ('delete', old.rowid, old.subject);
      INSERT INTO tickets_search (rowid, subject) VALUES (new.rowid, new.subject);
    END`,
  },
  {
    name: 'messages_search_insert',
    sql: `CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_search (rowid, body) VALUES (new.rowid, new.body);
    END`,
  },
  {
    name: 'messages_search_delete',
    sql: `CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_search (messages_search, rowid, body) VALUES ('delete', old.rowid, old.body);
    END`,
  },
  {
    name: 'messages_search_update',
    sql: `CREATE TRIGGER messages_search_update AFTER UPDATE OF body ON messages WHEN old.body IS NOT new.body BEGIN
      INSERT INTO messages_search (messages_search, rowid, body) VALUES ('delete', old.rowid, old.body);
      INSERT INTO messages_search (rowid, body) VALUES (new.rowid, new.body);
    END`,
  },
  {
    name: 'customers_search_insert',
    sql: `CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customers_search (rowid, name, email) VALUES (new.rowid, new.name, new.email);
    END`,
  },
  {
    name: 'customers_search_delete',
    sql: `CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      INSERT INTO customers_search (customers_search, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
    END`,
  },
  {
    name: 'customers_search_update',
    sql: `CREATE TRIGGER customers_search_update AFTER UPDATE OF name, email ON customers
      WHEN old.name IS NOT new.name OR old.email IS NOT new.email BEGIN
      INSERT INTO customers_search (customers_search, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
      INSERT INTO customers_search (rowid, name, email) VALUES (new.rowid, new.name, new.email);
    END`,
  },
];

export const migration002 = {
  version: 2,
  name: 'search',
  sql: /* sql */ `
    CREATE VIRTUAL TABLE tickets_search USING fts5(
      subject, content='tickets', content_rowid='rowid', tokenize="${SEARCH_TOKENIZER}"
    );
    CREATE VIRTUAL TABLE messages_search USING fts5(
      body, content='messages', content_rowid='rowid', tokenize="${SEARCH_TOKENIZER}"
    );
    CREATE VIRTUAL TABLE customers_search USING fts5(
      name, email, content='customers', content_rowid='rowid', tokenize="${SEARCH_TOKENIZER}"
    );
    ${SEARCH_TRIGGERS.map((trigger) => `${trigger.sql};`).join('\n')}

    -- Index what the store already holds.
    INSERT INTO tickets_search (tickets_search) VALUES ('rebuild');
    INSERT INTO messages_search (messages_search) VALUES ('rebuild');
    INSERT INTO customers_search (customers_search) VALUES ('rebuild');

    -- requester:ana@example.com looks customers up by email, in any letter case.
    CREATE INDEX customers_by_email ON customers (email COLLATE NOCASE);
  `,
} as const;
