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
 * Rebuilds one external-content FTS5 table from its content table into a single merged segment.
 * Run inside a transaction; FTS5 settings are back at their defaults afterwards.
 */
export function rebuildFullTextTable(db: Db, table: string): void {
  const name = quoteIdentifier(table);
  // FTS5 commands are inserts into the table's own column.
  const command = (sql: string) => db.exec(`INSERT INTO ${name} (${name}, rank) VALUES ${sql}`);
  command(`('hashsize', ${REBUILD_HASH_BYTES})`);
  command(`('automerge', 0)`);
  db.exec(`INSERT INTO ${name} (${name}) VALUES ('rebuild')`);
  db.exec(`INSERT INTO ${name} (${name}) VALUES ('optimize')`);
  command(`('automerge', ${DEFAULT_AUTOMERGE})`);
  command(`('hashsize', ${DEFAULT_HASH_BYTES})`);
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
