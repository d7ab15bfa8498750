/**
 * A value bound to a `?` placeholder: SQL text, an integer or real, or NULL; on PostgreSQL also an
 * array of those, bound as one array value (see `inList` in `queries/sql.ts`).
 */
export type SqlValue = string | number | null | readonly (string | number | null)[];

/** The two SQL engines the backend runs on. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Runs SQL with `?` placeholders (the PostgreSQL driver numbers them). The same statements run
 * on both engines: the schema keeps to types and syntax both share (TEXT, BIGINT, INTEGER,
 * `ON CONFLICT`, `RETURNING`); what differs is asked of {@link dialect}.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; answers the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** An open read-write transaction. */
export interface SqlTransaction extends SqlExecutor {
  /**
   * Opens a savepoint and answers its name. The caller ends it with {@link endSavepoint}:
   * opened by hand (not around a callback) so a caller can open one only once it must write.
   */
  openSavepoint(): Promise<string>;
  /** Ends the innermost open savepoint: its writes kept (`release`) or undone (`rollback`). */
  endSavepoint(name: string, outcome: 'release' | 'rollback'): Promise<void>;
  /**
   * Announces `payload` to every subscriber of every backend instance sharing this database,
   * once the transaction commits (never if it rolls back).
   */
  notify(payload: string): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  script(sql: string): Promise<void>;
}

/** A numbered schema change; `sql` runs on both engines unless an engine has its own text. */
export interface Migration {
  version: number;
  name: string;
  sql: string | Record<Dialect, string>;
}

/** A connection to one SQL database, with transactions and cross-instance notifications. */
export interface SqlDriver {
  readonly dialect: Dialect;
  /**
   * One read-write transaction. On PostgreSQL a deadlock or serialization failure retries the
   * whole of `fn`, so `fn` must keep its state inside itself.
   */
  write<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** One read-only snapshot: every statement in `fn` sees the same committed state. */
  read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies the pending migrations in one transaction; refuses a database newer than `migrations`. */
  migrate(migrations: readonly Migration[]): Promise<void>;
  /** Calls `listener` with every notified payload (and with `null` when notifications may have been missed). */
  subscribe(listener: (payload: string | null) => void): () => void;
  /** Resolves once notifications from other connections are received. */
  listening(): Promise<void>;
  close(): Promise<void>;
}

/** The text of a migration for one engine. */
export function migrationSql(migration: Migration, dialect: Dialect): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[dialect];
}
