import { assert } from '../../../shared/contract/errors';
import { stmt, type Db } from '../db';
import { ticketTagsFillSql } from '../migrations/005-view-indexes';
import { getMeta, setMeta } from './meta';
import { rebuildFullTextTable } from './search-index';

/** WAL pages between checkpoints during a bulk load (4 KiB pages: 64 MiB). */
const BULK_CHECKPOINT_PAGES = 16_384;

/** The meta key that holds what a bulk load took away until it is put back. */
export const BULK_LOAD_META_KEY = 'bulk_load_detached';

/**
 * Plain tables whose rows are derived from a loaded table by triggers, each with its source and
 * the SQL that fills it from (a reference to) that source. A bulk load takes their triggers off
 * and fills them once at the end.
 */
export const DERIVED_TABLES: readonly { table: string; source: string; fillSql: (source: string, where?: string) => string }[] = [
  { table: 'ticket_tags', source: 'tickets', fillSql: ticketTagsFillSql },
];

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
  /** Secondary indexes, with their table and the SQL that recreates them. */
  indexes: { name: string; table: string; sql: string }[];
  /** Triggers that feed full-text indexes and derived tables from the loaded tables. */
  triggers: { name: string; sql: string }[];
  /** External-content FTS5 tables whose content is a loaded table: rebuilt afterwards. */
  searchTables: string[];
  /** Derived tables ({@link DERIVED_TABLES}) whose source is a loaded table: refilled afterwards. */
  derivedTables: string[];
  /**
   * Tables whose rows the load writes into its worker's scratch file first (bulk-load-worker.ts),
   * and the highest rowid of theirs that belongs to a slice the store has committed: what a
   * crash leaves there up to that rowid is copied in when the store opens again.
   */
  staged: { table: string; upTo: number }[];
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
 * (`synchronous = OFF`), and a rollback journal instead of the WAL while the load runs: a WAL
 * writes every page twice (into the log, then into the database at the checkpoint), a rollback
 * journal writes a new page once and only journals pages that existed before the transaction
 * (few, in a load that appends). A crash of the process still loses nothing committed (the OS
 * holds the writes) and the next open rolls the journal back; only an OS crash or a power cut
 * during the load could damage the file. The WAL stays when another connection has the store
 * open (SQLite cannot leave it then); its checkpoints are made rarer instead. Outside any
 * transaction: SQLite refuses these changes inside one.
 */
export function enterBulkWriteMode(db: Db): () => void {
  assert(!db.inTransaction, 'enterBulkWriteMode runs outside transactions');
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  const autoCheckpointPages = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const journal = String(db.pragma('journal_mode', { simple: true }));
  db.pragma('synchronous = OFF');
  db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  const left = journal === 'wal' && leaveWal(db);
  return () => {
    if (left) db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
    db.pragma(`synchronous = ${synchronous}`);
  };
}

/** Switches a WAL store to a rollback journal; false (still WAL) when another connection has it open. */
function leaveWal(db: Db): boolean {
  try {
    return String(db.pragma('journal_mode = TRUNCATE', { simple: true })) === 'truncate';
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY')) return false;
    throw error;
  }
}

/**
 * Takes the triggers that copy rows of the plan's tables into FTS5 indexes and derived tables,
 * and the planned secondary indexes, off the schema, so a bulk load writes each row once;
 * {@link reattachAfterBulkLoad} rebuilds them in bulk (a full-text rebuild is several times
 * cheaper than trigger by trigger). What was taken is kept in meta in the same transaction, so a
 * load interrupted by a crash can still be finished (openStore does, see db.ts).
 */
export function detachForBulkLoad(db: Db, plan: BulkLoadPlan): DetachedSchema {
  assert(db.inTransaction, 'detachForBulkLoad runs inside a transaction');
  assert(getMeta(db, BULK_LOAD_META_KEY) === undefined, 'a bulk load is already under way');
  const loaded = new Set(plan.tables);
  const planned = new Set(plan.indexes);
  const schema = stmt<[], SchemaRow>(db, 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid').all();
  const tables = new Set(schema.filter((row) => row.type === 'table').map((row) => row.name));
  // External-content FTS5 tables name their source in the declaration: content='tickets'.
  const searchTables = schema
    .filter((row) => row.type === 'table' && row.sql !== null && /USING\s+fts5/i.test(row.sql))
    .filter((row) => loaded.has(/content\s*=\s*'([^']+)'/i.exec(row.sql!)?.[1] ?? ''))
    .map((row) => row.name);
  const derivedTables = DERIVED_TABLES.filter((d) => tables.has(d.table) && loaded.has(d.source)).map((d) => d.table);
  const fed = [...searchTables, ...derivedTables];
  // A trigger that inserts into (or deletes from) a derived table keeps it in step.
  const feedsDerived = (sql: string) =>
    fed.some((table) => new RegExp(`(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|DELETE\\s+FROM)\\s+${table.replace(/\W/g, '\\$&')}\\b`, 'i').test(sql));
  const detached: DetachedSchema = {
    // Autoindexes (PRIMARY KEY, UNIQUE) have no SQL and always stay: they enforce constraints.
    indexes: schema
      .filter((row) => row.type === 'index' && row.sql !== null && loaded.has(row.tbl_name) && planned.has(row.name))
      .map((row) => ({ name: row.name, table: row.tbl_name, sql: row.sql! })),
    triggers: schema
      .filter((row) => row.type === 'trigger' && row.sql !== null && loaded.has(row.tbl_name) && feedsDerived(row.sql))
      .map((row) => ({ name: row.name, sql: row.sql! })),
    searchTables,
    derivedTables,
    staged: [],
  };
  for (const index of detached.indexes) db.exec(`DROP INDEX ${quoteIdentifier(index.name)}`);
  for (const trigger of detached.triggers) db.exec(`DROP TRIGGER ${quoteIdentifier(trigger.name)}`);
  setMeta(db, BULK_LOAD_META_KEY, JSON.stringify(detached));
  return detached;
}

/** What a pending bulk load took away, or undefined when none is pending. */
export function pendingBulkLoad(db: Db): DetachedSchema | undefined {
  const pending = getMeta(db, BULK_LOAD_META_KEY);
  if (pending === undefined) return undefined;
  // Older builds recorded neither the table of each index nor derived tables.
  const parsed = JSON.parse(pending) as Partial<DetachedSchema> & Pick<DetachedSchema, 'triggers' | 'searchTables'>;
  return {
    indexes: (parsed.indexes ?? []).map((index) => ({ ...index, table: index.table ?? '' })),
    triggers: parsed.triggers,
    searchTables: parsed.searchTables,
    derivedTables: parsed.derivedTables ?? [],
    staged: parsed.staged ?? [],
  };
}

/** Refills a derived table from its source: empty it, then one INSERT … SELECT over every source row. */
export function rebuildDerivedTable(db: Db, table: string): void {
  const derived = DERIVED_TABLES.find((d) => d.table === table);
  assert(derived, `${table} is a derived table`);
  db.transaction(() => {
    db.exec(`DELETE FROM ${quoteIdentifier(table)}`);
    db.exec(derived.fillSql(quoteIdentifier(derived.source)));
  })();
}

/**
 * Builds, in one transaction, what a bulk load detached and is still missing: its indexes (those
 * already present are kept), and every search index and derived table but those named in
 * `except`. Returns the search indexes and derived tables it rebuilt.
 */
export function rebuildDetached(db: Db, detached: DetachedSchema, except: ReadonlySet<string> = new Set()): string[] {
  return db.transaction(() => {
    const present = new Set(
      stmt<[], { name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'index'")
        .all()
        .map((row) => row.name),
    );
    for (const index of detached.indexes) if (!present.has(index.name)) db.exec(index.sql);
    const rebuilt: string[] = [];
    for (const table of detached.searchTables) {
      if (except.has(table)) continue;
      rebuildFullTextTable(db, table);
      rebuilt.push(table);
    }
    for (const table of detached.derivedTables) {
      if (except.has(table)) continue;
      rebuildDerivedTable(db, table);
      rebuilt.push(table);
    }
    return rebuilt;
  })();
}

/**
 * Puts back what {@link detachForBulkLoad} took, in one transaction: recreates the indexes,
 * rebuilds the search indexes and derived tables from their tables (but those named in `built`,
 * already complete) and puts their triggers back. Does nothing when no bulk load is pending, so
 * it is safe to call at start-up to finish one a crash interrupted. Indexes and triggers already
 * present are kept. Staged rows are not its business: they must be in the store first
 * (mergeStagedRows in bulk-load-worker.ts).
 */
export function reattachAfterBulkLoad(db: Db, options: { built?: readonly string[] } = {}): void {
  const detached = pendingBulkLoad(db);
  if (detached === undefined) return;
  db.transaction(() => {
    rebuildDetached(db, detached, new Set(options.built ?? []));
    const present = new Set(
      stmt<[], { name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        .all()
        .map((row) => row.name),
    );
    for (const trigger of detached.triggers) if (!present.has(trigger.name)) db.exec(trigger.sql);
    stmt(db, 'DELETE FROM meta WHERE key = ?').run(BULK_LOAD_META_KEY);
  })();
  // A rebuild goes through the WAL as one large transaction: give that disk space back.
  if (String(db.pragma('journal_mode', { simple: true })) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
}
