import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { logger } from '../log';
import { mergeStagedRows, removeBulkLoadScratch } from './bulk-load-worker';
import { MIGRATIONS, type Migration } from './migrations/list';
import { pendingBulkLoad, reattachAfterBulkLoad } from './queries/bulk-load';

export type Db = Database.Database;

const log = logger('store');

/** Statements slower than this are logged with their SQL. */
export const SLOW_QUERY_MS = 50;

export interface OpenStoreOptions {
  /** Migrations to run; tests pass their own list. */
  migrations?: readonly Migration[];
  /** Milliseconds since epoch, for naming the backup file. */
  now?: () => number;
}

/** Codes of SQLite errors that mean the file is not a healthy database. */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isCorruption(error: unknown): boolean {
  return error instanceof Error && 'code' in error && CORRUPT_CODES.has(String(error.code));
}

function corruptError(file: string): AppError {
  return new AppError(
    'store-corrupt',
    `The local data file ${path.basename(file)} is damaged. It was left untouched: move it aside (or restore a backup) and start again to rebuild it from the team's server.`,
  );
}

/**
 * Opens (and if needed creates or migrates) the local store at `file`.
 * A damaged file or one written by a newer app version is reported with an {@link AppError}
 * and never written to. Before migrating an existing store, a copy is saved beside it.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.at(-1)?.version ?? 0;
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  fs.mkdirSync(path.dirname(file), { recursive: true });

  // Opened read-only first: nothing, not even the WAL switch, may write to a file we may refuse.
  if (existed) inspectExisting(file, latest);

  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives a crash of the process (kill -9); only an OS crash
    // or power loss can lose the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, file, existed, migrations, options.now ?? Date.now);
    finishInterruptedBulkLoad(db, file);
    return db;
  } catch (error) {
    db.close();
    if (isCorruption(error)) throw corruptError(file);
    throw error;
  }
}

function inspectExisting(file: string, latest: number): void {
  let version: number;
  try {
    // A hot rollback journal (a bulk load that died midway, see queries/bulk-load.ts) can only be
    // rolled back by a connection that may write: SQLite's own crash recovery, the file's last
    // committed state. Otherwise nothing may write to a file we may still refuse.
    const probe = new Database(file, { readonly: !hasRollbackJournal(file), fileMustExist: true });
    try {
      version = Number(probe.pragma('user_version', { simple: true }));
      probe.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      probe.close();
    }
  } catch (error) {
    if (isCorruption(error)) throw corruptError(file);
    throw error;
  }
  if (version > latest) {
    throw new AppError(
      'store-newer',
      `The local data file was written by a newer version of Support Console (schema ${version}, this version knows ${latest}). Install the newer version; the file was left untouched.`,
    );
  }
}

function hasRollbackJournal(file: string): boolean {
  const journal = `${file}-journal`;
  return fs.existsSync(journal) && fs.statSync(journal).size > 0;
}

function migrate(db: Db, file: string, existed: boolean, migrations: readonly Migration[], now: () => number): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (existed) {
    const backup = `${file}.v${current}-${now()}.bak`;
    // VACUUM INTO writes a consistent copy, WAL content included, without touching the original.
    db.prepare('VACUUM INTO ?').run(backup);
    log.info('backed up the store before migrating', { backup, from: current });
  }
  // One transaction for every pending step: a failure leaves the store at its old version, never
  // between versions (a half-migrated store would be refused as "newer" by the app it came from).
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  for (const migration of pending) log.info('migrated the store', { version: migration.version, name: migration.name });
}

/**
 * A bulk load that died midway (meta `bulk_load_detached`) left indexes, search indexes and
 * triggers off its tables, and perhaps rows in its worker's scratch file: copy those in, put the
 * rest back from the rows before anything reads or writes, and remove the scratch file. Takes
 * as long as a rebuild (seconds at a million tickets), once.
 */
function finishInterruptedBulkLoad(db: Db, file: string): void {
  const hasMeta = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get() as { n: number };
  const pending = hasMeta.n === 0 ? undefined : pendingBulkLoad(db);
  if (pending !== undefined) {
    const started = performance.now();
    // Rows the load had written into its scratch file for slices the store committed come first.
    mergeStagedRows(db, pending);
    reattachAfterBulkLoad(db);
    log.info('finished a bulk load a crash had interrupted', { ms: Math.round(performance.now() - started) });
  }
  removeBulkLoadScratch(file);
}

/** The schema version of an open store. */
export function schemaVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}


const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for `sql`, prepared once per connection. Queries slower than
 * {@link SLOW_QUERY_MS} are logged. SQL text must never contain user text: pass parameters.
 */
export function stmt<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement as unknown as Database.Statement<P, R>;
}

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE), so a
 * change never starts reading and then waits for, or fails on, another writer midway.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Refreshes the query planner's statistics where they are missing or stale (PRAGMA optimize,
 * with ANALYZE sampling bounded by analysis_limit so it takes milliseconds at a million rows).
 * Run after opening and after bulk loads: with statistics the planner picks the index whose
 * equality prefix fits a view's filter rather than guessing.
 */
export function refreshPlannerStatistics(db: Db): void {
  db.pragma('analysis_limit = 1000');
  db.pragma('optimize = 0x10002');
}
