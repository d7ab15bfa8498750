// A bulk load on two cores. SQLite writes one database file from one connection at a time, so
// the second core gets a database of its own: a scratch file beside the store where a worker
// thread writes the rows of the staged tables (messages: most of a load's rows and bytes) and
// builds their full-text indexes, while the loading thread writes everything else into the store.
// At the end the worker copies what it built into the store in one transaction: SQLite's
// transfer optimisation (INSERT INTO t SELECT * FROM u, same schema, t empty) copies whole
// B-trees record by record, indexes included, so the store gets in seconds what took the worker
// most of the load. Meanwhile the loading thread rebuilds the other search indexes and derived
// tables from the store's rows.
//
// Only tables without generated columns can be staged: the transfer optimisation cannot copy a
// table that has both generated columns and indexes (tickets), its fallback path does not compile.
//
// Crashes. Each slice of the load commits in the scratch file first (the loading thread waits
// for the worker's commit), then in the store, whose meta records how far the staged rows go
// (DetachedSchema.staged). So the scratch file always holds every staged row of the slices the
// store committed, and perhaps one slice more. The scratch file keeps a rollback journal, so a
// crash leaves it at its last commit. The next openStore copies the staged rows up to the
// recorded rowid into the store and rebuilds the rest from the rows (finishInterruptedBulkLoad
// in db.ts). If the worker fails, the loading thread does the same and writes on alone.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { assert } from '../../shared/contract/errors';
import { stmt, type Db } from './db';
import { describeError, logger } from '../log';
import { BULK_LOAD_META_KEY, pendingBulkLoad, rebuildDetached, reattachAfterBulkLoad, type DetachedSchema } from './queries/bulk-load';
import { fullTextBulkCommands } from './queries/search-index';

const log = logger('store');

/** The scratch database of a bulk load's worker, beside the store file. */
export function bulkLoadScratchFile(storeFile: string): string {
  return `${storeFile}-bulk`;
}

/** Removes a scratch database (and its journal) a load left behind. */
export function removeBulkLoadScratch(storeFile: string): void {
  const scratch = bulkLoadScratchFile(storeFile);
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(scratch + suffix, { force: true });
}

/**
 * The scratch database keeps a rollback journal (appended pages are never journaled, so it costs
 * little) but no fsync: a crash of the process leaves it at its last commit.
 */
const SCRATCH_PRAGMAS = ['journal_mode = TRUNCATE', 'synchronous = OFF', 'temp_store = MEMORY', 'cache_size = -262144', 'busy_timeout = 60000'];

/** How long the loading thread waits for the worker without any progress before giving up on it. */
const STALL_LIMIT_MS = 10 * 60_000;

// Slots of the shared state: jobs finished, and whether one failed.
const DONE = 0;
const FAILED = 1;

/** One unit of work for the worker, done in the order posted. */
interface Job {
  /** Opens this file as the worker's database first. */
  open?: string;
  /** Rows of a staged table, inside the transaction the worker keeps open until a `commit`. */
  rows?: { sql: string; firstRowid: number; columns: unknown[][] };
  /** Commits the open transaction. */
  commit?: boolean;
  /** Statements run in order (after committing any open transaction), in one transaction of their own when `transaction`. */
  steps?: { sql: string; params?: (number | string)[] }[];
  transaction?: boolean;
  /** Shadow tables of FTS5 are read-only unless the connection leaves defensive mode. */
  unsafe?: boolean;
  /** Closes the worker's database afterwards (the last job). */
  close?: boolean;
}

// The worker runs what it is handed on its own connection and counts the jobs it has finished
// in shared memory, where the loading thread (which stays synchronous) waits on it.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
const port = workerData.port;
let db = null;
const statements = new Map();
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) { statement = db.prepare(sql); statements.set(sql, statement); }
  return statement;
}
function fail(error) {
  port.postMessage(String((error && error.stack) || error));
  Atomics.store(state, ${FAILED}, 1);
  try { if (db) db.close(); } catch {}
  db = null;
}
let Database = null;
try { Database = require(workerData.module); } catch (error) { fail(error); }
function run(job) {
  if (job.open) {
    db = new Database(job.open);
    for (const pragma of workerData.pragmas) db.pragma(pragma);
  }
  if (job.rows) {
    if (!db.inTransaction) db.exec('BEGIN');
    const statement = prepared(job.rows.sql);
    const { firstRowid, columns } = job.rows;
    const row = new Array(columns.length + 1);
    for (let i = 0; i < columns[0].length; i++) {
      row[0] = firstRowid + i;
      for (let c = 0; c < columns.length; c++) row[c + 1] = columns[c][i];
      statement.run(row);
    }
  }
  if ((job.commit || job.steps) && db.inTransaction) db.exec('COMMIT');
  if (job.steps) {
    if (job.unsafe) db.unsafeMode(true);
    const steps = () => {
      for (const step of job.steps) {
        if (step.params) prepared(step.sql).run(...step.params);
        else db.exec(step.sql);
      }
    };
    try {
      if (job.transaction) db.transaction(steps)(); else steps();
    } finally {
      if (job.unsafe) db.unsafeMode(false);
    }
  }
  if (job.close) { statements.clear(); db.close(); db = null; }
}
port.on('message', (job) => {
  if (Atomics.load(state, ${FAILED}) === 0) {
    try { run(job); } catch (error) { fail(error); }
  }
  Atomics.add(state, ${DONE}, 1);
  Atomics.notify(state, ${DONE});
  if (job.close) port.close();
});
`;

/** Where better-sqlite3 lives for this module (an eval'd worker would resolve it from the working folder). */
function betterSqlitePath(): string {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return 'better-sqlite3';
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A staged table: the search indexes it feeds, and how far its rows go. */
interface Staged {
  table: string;
  /** Per search index over the table: the statement that indexes a rowid range (two bounds). */
  feeds: string[];
  /** The table's highest rowid when the load began; then the highest handed to the worker, and the highest its search indexes cover. */
  before: number;
  handed: number;
  indexed: number;
}

/**
 * The worker of one bulk load (see the top of this file). The loading thread stages rows with
 * {@link stage}, calls {@link commitSlice} inside each slice's store transaction just before it
 * commits, and {@link finishBulkLoad} at the end, outside transactions.
 */
export class BulkLoadWorker {
  private posted = 0;
  private failure: string | null = null;

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly state: Int32Array,
    private readonly staged: Map<string, Staged>,
    /** The search indexes the worker builds (those over staged tables). */
    readonly searchTables: readonly string[],
  ) {}

  /**
   * Starts the worker of a load that detached `detached`, staging the rows of `tables`, or
   * returns null when it cannot run (an in-memory store, a table it cannot stage, no worker
   * threads): the load then writes every row into the store itself.
   */
  static start(db: Db, detached: DetachedSchema, tables: readonly string[]): BulkLoadWorker | null {
    if (db.memory || !db.open || db.inTransaction || tables.length === 0) return null;
    const schema = (name: string) => stmt<[string], { sql: string | null }>(db, 'SELECT sql FROM sqlite_schema WHERE name = ?').get(name)?.sql ?? null;
    const create: string[] = [];
    const staged = new Map<string, Staged>();
    const searchTables: string[] = [];
    for (const table of tables) {
      const columns = stmt<[string], { name: string; hidden: number }>(db, 'SELECT name, hidden FROM pragma_table_xinfo(?)').all(table);
      const triggers = stmt<[string], { n: number }>(db, "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?").get(table)!.n;
      const tableSql = schema(table);
      // Emptying and refilling the table must fire nothing, and the copy needs no generated column.
      if (tableSql === null || triggers > 0 || columns.some((column) => column.hidden !== 0)) return null;
      const indexes = stmt<[string], { sql: string }>(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table);
      create.push(tableSql, ...indexes.map((index) => index.sql), ...detached.indexes.filter((index) => index.table === table).map((index) => index.sql));
      const name = quoteIdentifier(table);
      const feeds: string[] = [];
      for (const search of detached.searchTables) {
        const searchSql = schema(search);
        if (!searchSql || /content\s*=\s*'([^']+)'/i.exec(searchSql)?.[1] !== table) continue;
        const indexed = stmt<[string], { name: string }>(db, 'SELECT name FROM pragma_table_info(?)')
          .all(search)
          .map((column) => quoteIdentifier(column.name))
          .join(', ');
        create.push(searchSql, ...fullTextBulkCommands(`main.${search}`).before);
        feeds.push(`INSERT INTO main.${quoteIdentifier(search)} (rowid, ${indexed}) SELECT rowid, ${indexed} FROM main.${name} WHERE rowid > ? AND rowid <= ?`);
        searchTables.push(search);
      }
      const first = stmt<[], { n: number | null }>(db, `SELECT max(rowid) AS n FROM ${name}`).get()!.n ?? 0;
      staged.set(table, { table, feeds, before: first, handed: first, indexed: first });
    }
    removeBulkLoadScratch(db.name);
    const state = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const channel = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: betterSqlitePath(), state: state.buffer, port: channel.port2, pragmas: SCRATCH_PRAGMAS },
        transferList: [channel.port2],
      });
    } catch (error) {
      log.warn('cannot start the bulk-load worker; the load writes alone', describeError(error));
      return null;
    }
    worker.unref();
    // Failures inside jobs come through the port and the shared state (the loading thread is
    // blocked while it waits); this only hears of the worker dying outside a job.
    worker.on('error', (error) => log.warn('the bulk-load worker stopped', describeError(error)));
    const loader = new BulkLoadWorker(db, worker, channel.port1, state, staged, searchTables);
    loader.post({ open: bulkLoadScratchFile(db.name), steps: create.map((sql) => ({ sql })), transaction: true });
    return loader;
  }

  /** The rowid after the last one of a staged table when the load began: the rows staged get the next ones, in order. */
  firstRowidOf(table: string): number {
    return (this.staged.get(table)?.before ?? 0) + 1;
  }

  /**
   * Hands rows of a staged table to the worker: `values` holds one array per column of
   * `columns`, the rows get rowids from `firstRowid` on (given here, so the store gets the same
   * ones). Committed by the next {@link commitSlice}.
   */
  stage(table: string, columns: readonly string[], firstRowid: number, values: unknown[][]): void {
    const staged = this.staged.get(table);
    assert(staged, `${table} is staged`);
    const count = values[0]?.length ?? 0;
    if (count === 0) return;
    staged.handed = Math.max(staged.handed, firstRowid + count - 1);
    const names = columns.map(quoteIdentifier);
    const sql = `INSERT INTO main.${quoteIdentifier(table)} (rowid, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`;
    this.post({ rows: { sql, firstRowid, columns: values } });
  }

  /**
   * Commits the rows staged so far in the scratch file and waits for it, then records in the
   * store's meta how far they go, in the caller's transaction: call it inside the slice's store
   * transaction, just before it commits. False when the worker failed: its rows since the last
   * commit are lost, and the caller must write them into the store itself.
   */
  commitSlice(): boolean {
    this.post({ commit: true });
    if (!this.waitFor(this.posted)) return false;
    // Indexing the committed rows can wait: nobody waits for it.
    for (const staged of this.staged.values()) {
      if (staged.feeds.length > 0 && staged.handed > staged.indexed) {
        this.post({ steps: staged.feeds.map((sql) => ({ sql, params: [staged.indexed, staged.handed] })), transaction: true });
        staged.indexed = staged.handed;
      }
    }
    const detached = pendingBulkLoad(this.db);
    if (detached) {
      detached.staged = [...this.staged.values()].map((staged) => ({ table: staged.table, upTo: staged.handed }));
      stmt(this.db, 'UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(detached), BULK_LOAD_META_KEY);
    }
    return true;
  }

  /** Whether the worker has failed (it then takes no more rows). */
  failed(): boolean {
    return Atomics.load(this.state, FAILED) !== 0;
  }

  /** Asks the worker to merge each of its full-text indexes into one segment; runs while the loading thread rebuilds the others. */
  optimize(): void {
    const steps = this.searchTables.flatMap((table) => fullTextBulkCommands(`main.${table}`).after.map((sql) => ({ sql })));
    if (steps.length > 0) this.post({ steps, transaction: true });
  }

  /**
   * Copies the staged tables and their search indexes into the store in one transaction (which
   * also clears `staged` from the store's meta), waits for it, stops the worker and removes the
   * scratch file. False when the worker failed: the caller then merges the staged rows itself.
   */
  merge(): boolean {
    const detached = pendingBulkLoad(this.db);
    const steps: Job['steps'] = [{ sql: 'ATTACH DATABASE ? AS store', params: [this.db.name] }];
    const copy: Job['steps'] = [];
    const copyTable = (name: string) => copy.push({ sql: `DELETE FROM store.${name}` }, { sql: `INSERT INTO store.${name} SELECT * FROM main.${name}` });
    for (const staged of this.staged.values()) {
      const empty = stmt<[], { n: number }>(this.db, `SELECT NOT EXISTS (SELECT 1 FROM ${quoteIdentifier(staged.table)}) AS n`).get()!.n === 1;
      const name = quoteIdentifier(staged.table);
      if (empty) copyTable(name);
      else {
        // Rows were there before the load: no transfer, a plain insert that keeps the rowids.
        const names = stmt<[string], { name: string }>(this.db, 'SELECT name FROM pragma_table_xinfo(?)')
          .all(staged.table)
          .map((column) => quoteIdentifier(column.name))
          .join(', ');
        copy.push({ sql: `INSERT INTO store.${name} (rowid, ${names}) SELECT rowid, ${names} FROM main.${name}` });
      }
    }
    for (const table of this.searchTables) {
      // FTS5 keeps an index in ordinary tables named after it; the store's copy of the declaration has the same ones.
      const shadows = stmt<[string], { name: string }>(this.db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB ? || '_*'").all(table);
      for (const shadow of shadows) copyTable(quoteIdentifier(shadow.name));
    }
    if (detached) {
      copy.push({ sql: 'UPDATE store.meta SET value = ? WHERE key = ?', params: [JSON.stringify({ ...detached, staged: [] }), BULK_LOAD_META_KEY] });
    }
    this.post({ steps, transaction: false });
    this.post({ steps: copy, transaction: true, unsafe: true });
    this.post({ steps: [{ sql: 'DETACH DATABASE store' }], close: true });
    return this.waitFor(this.posted);
  }

  /** Stops the worker and removes the scratch file (whatever it held is either merged or given up). */
  stop(): void {
    void this.worker.terminate();
    removeBulkLoadScratch(this.db.name);
  }

  private post(job: Job): void {
    if (this.failed()) return;
    this.port.postMessage(job);
    this.posted++;
  }

  /** Blocks until the worker has finished `count` jobs; false (with the worker's error logged) when one failed. */
  private waitFor(count: number): boolean {
    let lastDone = Atomics.load(this.state, DONE);
    let lastProgress = performance.now();
    while (lastDone < count && !this.failed()) {
      Atomics.wait(this.state, DONE, lastDone, 1000);
      const done = Atomics.load(this.state, DONE);
      if (done !== lastDone) {
        lastDone = done;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > STALL_LIMIT_MS) {
        this.failure ??= 'no progress';
        Atomics.store(this.state, FAILED, 1);
      }
    }
    if (!this.failed()) return true;
    if (this.failure === null) {
      this.failure = String(receiveMessageOnPort(this.port)?.message ?? 'unknown');
      log.warn('the bulk-load worker failed; the load goes on without it', { error: this.failure });
    }
    return false;
  }
}

/**
 * Copies the staged rows a scratch file holds, up to the rowids the store's meta records, into
 * the store, on this connection; the rows beyond belong to a slice the store never committed.
 * For a worker that failed, and for a load a crash interrupted. A scratch file that is missing
 * or unreadable loses its rows, which is logged. Clears `staged` in meta.
 */
export function mergeStagedRows(db: Db, detached: DetachedSchema): void {
  const staged = detached.staged.filter((s) => s.upTo > 0);
  if (staged.length === 0) return;
  const scratch = bulkLoadScratchFile(db.name);
  if (!fs.existsSync(scratch)) {
    log.error('the staged rows of an interrupted bulk load are gone', { tables: staged.map((s) => s.table) });
    return;
  }
  try {
    stmt(db, 'ATTACH DATABASE ? AS staged').run(scratch);
    try {
      db.transaction(() => {
        for (const { table, upTo } of staged) {
          const name = quoteIdentifier(table);
          const columns = stmt<[string], { name: string }>(db, 'SELECT name FROM pragma_table_xinfo(?)')
            .all(table)
            .map((column) => quoteIdentifier(column.name))
            .join(', ');
          // Rows already in the store (a merge that committed) are not copied twice.
          db.prepare(
            `INSERT INTO main.${name} (rowid, ${columns}) SELECT rowid, ${columns} FROM staged.${name} s
             WHERE s.rowid <= ? AND NOT EXISTS (SELECT 1 FROM main.${name} m WHERE m.rowid = s.rowid)`,
          ).run(upTo);
        }
      })();
    } finally {
      db.exec('DETACH DATABASE staged');
    }
  } catch (error) {
    log.error('the staged rows of a bulk load could not be copied into the store', describeError(error));
  }
  const cleared = pendingBulkLoad(db);
  if (cleared) stmt(db, 'UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify({ ...cleared, staged: [] }), BULK_LOAD_META_KEY);
}

/**
 * Ends a bulk load. With a worker: it merges its full-text indexes while this thread rebuilds
 * the other detached structures from the store's rows, then it copies its tables in; without one
 * (or when it failed), everything is rebuilt here. Returns whether the worker's work was used.
 */
export function finishBulkLoad(db: Db, worker: BulkLoadWorker | null): boolean {
  let builtHere: string[] = [];
  if (worker && !worker.failed()) {
    worker.optimize();
    const detached = pendingBulkLoad(db);
    builtHere = detached ? rebuildDetached(db, detached, new Set(worker.searchTables)) : [];
    if (worker.merge()) {
      worker.stop();
      reattachAfterBulkLoad(db, { built: [...builtHere, ...worker.searchTables] });
      return true;
    }
  }
  // No worker, or it failed: what it staged is copied in here, and its search indexes rebuilt.
  const pending = pendingBulkLoad(db);
  if (pending) mergeStagedRows(db, pending);
  worker?.stop();
  reattachAfterBulkLoad(db, { built: builtHere });
  return false;
}
