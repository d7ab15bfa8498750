import { assert } from '../../../shared/contract/errors';
import { stmt, type Db } from '../db';
import { getMeta, setMeta } from './meta';
import { rebuildSearchIndex } from './search-index';

/** WAL pages between checkpoints during a bulk load (4 KiB pages: 64 MiB). */
const BULK_CHECKPOINT_PAGES = 16_384;

/** The meta key that holds what a bulk load took away until it is put back. */
export const BULK_LOAD_META_KEY = 'bulk_load_detached';

/** What a bulk load writes: its tables, and those of their indexes it would fill in random order. */
export interface BulkLoadPlan {
  tables: readonly string[];
  /**
   * Secondary indexes to build once at the end instead of row by row. Worth it for an index
   * whose keys arrive in random order; one whose keys arrive in order costs more to rebuild
   * (and its sort holds memory) than to keep.
   */
  indexes: readonly string[];
}

/** Schema objects a bulk load takes off its tables and puts back afterwards. */
export interface DetachedSchema {
  /** Secondary indexes, with the SQL that recreates them. */
  indexes: { name: string; sql: string }[];
  /** Triggers that feed full-text indexes from the loaded tables. */
  triggers: { name: string; sql: string }[];
  /** External-content FTS5 tables whose content is a loaded table: rebuilt afterwards. */
  searchTables: string[];
}

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Puts the connection in bulk-write mode and returns the function that restores it: no fsync
 * (`synchronous = OFF`) and rarer WAL checkpoints, so pages a load touches again and again are
 * copied into the database once per checkpoint rather than once per transaction. A crash of the
 * process still loses nothing committed (the OS holds the writes); only an OS crash or a power
 * cut during the load could damage the file. Outside any transaction: SQLite refuses the change
 * inside one.
 */
export function enterBulkWriteMode(db: Db): () => void {
  assert(!db.inTransaction, 'enterBulkWriteMode runs outside transactions');
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  const autoCheckpointPages = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma('synchronous = OFF');
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  return () => {
    db.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
    db.pragma(`synchronous = ${synchronous}`);
  };
}

/**
 * Takes the triggers that copy rows of the plan's tables into FTS5 indexes, and the planned
 * secondary indexes, off the schema, so a bulk load writes each row once;
 * {@link reattachAfterBulkLoad} rebuilds them in bulk (a full-text rebuild is several times
 * cheaper than trigger by trigger). What was taken is kept in meta in the same transaction, so a
 * load interrupted by a crash can still be finished.
 */
export function detachForBulkLoad(db: Db, plan: BulkLoadPlan): DetachedSchema {
  assert(db.inTransaction, 'detachForBulkLoad runs inside a transaction');
  assert(getMeta(db, BULK_LOAD_META_KEY) === undefined, 'a bulk load is already under way');
  const loaded = new Set(plan.tables);
  const planned = new Set(plan.indexes);
  const schema = stmt<[], SchemaRow>(db, 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid').all();
  // External-content FTS5 tables name their source in the declaration: content='tickets'.
  const searchTables = schema
    .filter((row) => row.type === 'table' && row.sql !== null && /USING\s+fts5/i.test(row.sql))
    .filter((row) => loaded.has(/content\s*=\s*'([^']+)'/i.exec(row.sql!)?.[1] ?? ''))
    .map((row) => row.name);
  const feedsSearch = (sql: string) =>
    searchTables.some((table) => new RegExp(`INSERT\\s+INTO\\s+${table.replace(/\W/g, '\\$&')}\\b`, 'i').test(sql));
  const detached: DetachedSchema = {
    // Autoindexes (PRIMARY KEY, UNIQUE) have no SQL and always stay: they enforce constraints.
    indexes: schema
      .filter((row) => row.type === 'index' && row.sql !== null && loaded.has(row.tbl_name) && planned.has(row.name))
      .map((row) => ({ name: row.name, sql: row.sql! })),
    triggers: schema
      .filter((row) => row.type === 'trigger' && row.sql !== null && loaded.has(row.tbl_name) && feedsSearch(row.sql))
      .map((row) => ({ name: row.name, sql: row.sql! })),
    searchTables,
  };
  for (const index of detached.indexes) db.exec(`DROP INDEX ${quoteIdentifier(index.name)}`);
  for (const trigger of detached.triggers) db.exec(`DROP TRIGGER ${quoteIdentifier(trigger.name)}`);
  setMeta(db, BULK_LOAD_META_KEY, JSON.stringify(detached));
  return detached;
}

/**
 * Puts back what {@link detachForBulkLoad} took, in one transaction: recreates the indexes,
 * rebuilds the search indexes from their tables and puts their triggers back. Does nothing when
 * no bulk load is pending, so it is safe to call at start-up to finish one a crash interrupted.
 */
export function reattachAfterBulkLoad(db: Db): void {
  const pending = getMeta(db, BULK_LOAD_META_KEY);
  if (pending === undefined) return;
  const detached = JSON.parse(pending) as DetachedSchema;
  db.transaction(() => {
    for (const index of detached.indexes) db.exec(index.sql);
    // The search indexes' own rebuild: a large FTS5 buffer, and every search trigger put back.
    if (detached.searchTables.length > 0) rebuildSearchIndex(db);
    const present = new Set(
      stmt<[], { name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        .all()
        .map((row) => row.name),
    );
    for (const trigger of detached.triggers) if (!present.has(trigger.name)) db.exec(trigger.sql);
    stmt(db, 'DELETE FROM meta WHERE key = ?').run(BULK_LOAD_META_KEY);
  })();
  // The rebuild went through the WAL as one large transaction: give that disk space back.
  db.pragma('wal_checkpoint(TRUNCATE)');
}
