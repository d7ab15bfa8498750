import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract/errors';
import { describeError, logger } from '../log';
import { migrationSql, type Migration, type SqlDriver, type SqlExecutor, type SqlTransaction, type SqlValue } from './sql-driver';

const log = logger('storage');

/**
 * Serialises async work on one connection. better-sqlite3 is synchronous, but our transactions
 * are async functions: without the lock, another request's statement could run inside (and see
 * the uncommitted rows of) a transaction that is awaiting.
 */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** A write transaction waiting for its group. */
interface QueuedWrite {
  fn: (tx: SqlTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most write transactions one commit takes: a group must not keep its first caller waiting long. */
const MAX_GROUP_WRITES = 64;

class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  constructor(private readonly db: Database.Database) {}
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const statement = this.statement(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const statement = this.statement(sql);
    if (statement.reader) return statement.all(...params).length;
    return statement.run(...params).changes;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }
}

/**
 * The embedded engine: one SQLite file in WAL mode, `synchronous=FULL` (an answered push must
 * survive a power cut: the desktop drops its outbox rows on that answer), one backend instance.
 * Writes go through one connection, reads through a second one (WAL lets it read the last
 * commit while a write transaction is open). Notifications stay in this process.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly executor: SqliteExecutor;
  private readonly lock = new Mutex();
  private readerDb: Database.Database | null = null;
  private reader: SqliteExecutor;
  private readonly readLock = new Mutex();
  private readonly listeners = new Set<(payload: string | null) => void>();
  private savepoints = 0;
  private readonly queue: QueuedWrite[] = [];
  private draining = false;

  constructor(private readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.executor = new SqliteExecutor(this.db);
    this.reader = this.executor;
  }

  /** Opens the read connection; until then (and for `:memory:`) reads use the write connection. */
  private openReader(): void {
    if (this.file === ':memory:' || this.readerDb) return;
    this.readerDb = new Database(this.file, { readonly: true });
    this.readerDb.pragma('busy_timeout = 5000');
    this.reader = new SqliteExecutor(this.readerDb);
  }

  /**
   * One write transaction, committed together with the others waiting at that moment (group
   * commit): each runs alone, in order, in its own savepoint (one that throws is undone and
   * fails alone), then one COMMIT makes them all durable with a single fsync. Each caller is
   * answered only after that commit, so what it was told is on disk.
   */
  write<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.drainSoon();
    });
  }

  private drainSoon(): void {
    if (this.draining) return;
    this.draining = true;
    void this.lock
      .run(async () => {
        while (this.queue.length > 0) {
          // A turn of the event loop first: a commit blocks the thread while it syncs, and the
          // requests that arrived meanwhile queue their writes now, to commit with this group.
          await new Promise((resolve) => setImmediate(resolve));
          await this.commitGroup(this.queue.splice(0, MAX_GROUP_WRITES));
        }
      })
      .finally(() => {
        this.draining = false;
        if (this.queue.length > 0) this.drainSoon();
      });
  }

  private async commitGroup(group: QueuedWrite[]): Promise<void> {
    const done: { write: QueuedWrite; result: unknown; notifications: string[] }[] = [];
    try {
      this.executor.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    try {
      for (const [index, write] of group.entries()) {
        const notifications: string[] = [];
        const savepoint = this.openSavepoint();
        try {
          const result = await write.fn(this.transaction(notifications));
          this.endSavepoint(savepoint, 'release');
          done.push({ write, result, notifications });
        } catch (error) {
          if (!this.db.inTransaction) {
            // SQLite gave up the whole transaction (I/O error, disk full): the writes not yet run get a transaction of their own.
            this.queue.unshift(...group.slice(index + 1));
            write.reject(error);
            throw error;
          }
          this.endSavepoint(savepoint, 'rollback');
          write.reject(error);
        }
      }
      this.executor.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.executor.exec('ROLLBACK');
      for (const { write } of done) write.reject(error);
      return;
    }
    for (const { write, result, notifications } of done) {
      for (const payload of notifications) this.emit(payload);
      write.resolve(result);
    }
  }

  private transaction(notifications: string[]): SqlTransaction {
    return Object.assign(Object.create(this.executor) as SqliteExecutor, {
      openSavepoint: async () => this.openSavepoint(),
      endSavepoint: async (name: string, outcome: 'release' | 'rollback') => this.endSavepoint(name, outcome),
      notify: async (payload: string) => {
        notifications.push(payload);
      },
      script: async (sql: string) => this.executor.exec(sql),
    });
  }

  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const shared = this.reader === this.executor;
    const lock = shared ? this.lock : this.readLock;
    const db = shared ? this.db : this.readerDb!;
    return lock.run(async () => {
      this.reader.exec('BEGIN');
      try {
        return await fn(this.reader);
      } finally {
        if (db.inTransaction) this.reader.exec('COMMIT');
      }
    });
  }

  private openSavepoint(): string {
    this.savepoints += 1;
    const name = `sp${this.savepoints}`;
    this.executor.exec(`SAVEPOINT ${name}`);
    return name;
  }

  private endSavepoint(name: string, outcome: 'release' | 'rollback'): void {
    if (outcome === 'rollback') this.executor.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    this.executor.exec(`RELEASE SAVEPOINT ${name}`);
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    await this.lock.run(async () => {
      this.executor.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const row = this.db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
      const current = row.version ?? 0;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new AppError('store-newer', `The database ${this.file} has schema version ${current}; this backend knows up to ${latest}. Update the backend.`);
      }
      const pending = migrations.filter((migration) => migration.version > current);
      if (pending.length === 0) {
        this.openReader();
        return;
      }
      if (current > 0 && this.file !== ':memory:') {
        // A backup beside the file before any schema change (DESIGN §6): VACUUM INTO writes a consistent copy.
        const backup = `${this.file}.v${current}-${Date.now()}.bak`;
        this.db.prepare('VACUUM INTO ?').run(backup);
        log.info('backed up the database before migrating', { backup });
      }
      this.executor.exec('BEGIN IMMEDIATE');
      try {
        for (const migration of pending) {
          this.executor.exec(migrationSql(migration, 'sqlite'));
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.name, Date.now());
        }
        this.executor.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.executor.exec('ROLLBACK');
        throw error;
      }
    });
    // The schema exists now: the read connection can open it.
    this.openReader();
  }

  subscribe(listener: (payload: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async listening(): Promise<void> {
    // One process, one instance: notifications never leave it.
  }

  private emit(payload: string): void {
    for (const listener of this.listeners) {
      try {
        listener(payload);
      } catch (error) {
        log.error('a notification listener failed', describeError(error));
      }
    }
  }

  async close(): Promise<void> {
    await this.readLock.run(async () => {
      if (this.readerDb?.open) this.readerDb.close();
    });
    await this.lock.run(async () => {
      this.listeners.clear();
      if (this.db.open) this.db.close();
    });
  }
}
