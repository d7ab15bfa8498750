import pg from 'pg';
import { AppError } from '../../shared/contract/errors';
import { describeError, logger } from '../log';
import { migrationSql, type Migration, type SqlDriver, type SqlExecutor, type SqlTransaction, type SqlValue } from './sql-driver';

const log = logger('storage');

/** The channel every instance LISTENs on. */
const CHANNEL = 'sc_events';
/** Any number: the advisory lock two instances starting at once take to migrate one after the other. */
const MIGRATION_LOCK_KEY = 53_18_2025;
/** How often a failed transaction is retried after a deadlock or serialization failure. */
const MAX_ATTEMPTS = 5;
/** SQLSTATEs worth retrying: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);

// BIGINT (int8) and COUNT come back as strings by default; every BIGINT here is an epoch
// millisecond, a seq or a change id, all far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
} as unknown as pg.CustomTypesConfig;

const prepared = new Map<string, { name: string; text: string }>();
/**
 * A named prepared statement for our SQL: `?` placeholders become `$1, $2, …` (our SQL never has
 * a `?` inside a literal), and the name lets each pooled connection parse and plan it once.
 */
function toPg(sql: string, values: readonly SqlValue[]): pg.QueryConfig {
  let statement = prepared.get(sql);
  if (statement === undefined) {
    let n = 0;
    statement = { name: `sc_${prepared.size + 1}`, text: sql.replace(/\?/g, () => `$${(n += 1)}`) };
    prepared.set(sql, statement);
  }
  // A statement bound to an array is planned for the array it gets (unnamed, so not prepared): a
  // plan prepared once guesses the array's length, and then may scan a whole table for a few keys.
  if (values.some((value) => Array.isArray(value))) return { text: statement.text, values: values as SqlValue[] };
  return { ...statement, values: values as SqlValue[] };
}

class PgExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  constructor(protected readonly client: pg.PoolClient) {}

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.client.query(toPg(sql, params));
    return result.rows as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.client.query(toPg(sql, params));
    return result.rowCount ?? 0;
  }
}

class PgTransaction extends PgExecutor implements SqlTransaction {
  private savepoints = 0;

  async openSavepoint(): Promise<string> {
    this.savepoints += 1;
    const name = `sp${this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    return name;
  }

  async endSavepoint(name: string, outcome: 'release' | 'rollback'): Promise<void> {
    // One round trip either way: the simple-query protocol runs both statements of a rollback.
    await this.client.query(outcome === 'release' ? `RELEASE SAVEPOINT ${name}` : `ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
  }

  async notify(payload: string): Promise<void> {
    // NOTIFY inside the transaction is delivered at commit, to every listening session, and
    // never if the transaction rolls back.
    await this.client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  async script(sql: string): Promise<void> {
    // Without parameters pg uses the simple-query protocol: one call may hold many statements.
    await this.client.query(sql);
  }
}

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/**
 * The scale-out engine: a pool on one PostgreSQL database shared by any number of backend
 * instances. Writes run at READ COMMITTED with explicit row locks (`FOR UPDATE`), reads at
 * REPEATABLE READ (one snapshot per pull). Notifications travel by LISTEN/NOTIFY, so a change
 * accepted by one instance reaches the streams of all.
 */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly listeners = new Set<(payload: string | null) => void>();
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly connectionString: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString, max: poolSize, types, idleTimeoutMillis: 30_000 });
    // An idle client that loses its connection must not take the process down.
    this.pool.on('error', (error) => log.warn('an idle database connection failed', describeError(error)));
  }

  async write<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(new PgTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = true;
          log.warn('a rollback failed', describeError(rollbackError));
        }
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) {
          log.info('retrying a transaction', { attempt, code: (error as { code?: string }).code });
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async read<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(new PgExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async migrate(migrations: readonly Migration[]): Promise<void> {
    await this.write(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
      await tx.run(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const row = await tx.get<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      const current = row?.version ?? 0;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new AppError('store-newer', `The database has schema version ${current}; this backend knows up to ${latest}. Update the backend.`);
      }
      for (const migration of migrations.filter((m) => m.version > current)) {
        await tx.script(migrationSql(migration, 'postgres'));
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
      }
    });
  }

  subscribe(listener: (payload: string | null) => void): () => void {
    this.listeners.add(listener);
    void this.listen();
    return () => this.listeners.delete(listener);
  }

  listening(): Promise<void> {
    return this.listen();
  }

  private listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.connectListener().catch((error: unknown) => {
      log.warn('cannot listen for notifications; retrying', describeError(error));
      this.connecting = null;
      this.scheduleReconnect();
    });
    return this.connecting;
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, types });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) this.emit(message.payload ?? '');
    });
    client.on('error', (error) => {
      log.warn('the notification connection failed', describeError(error));
      this.dropListener(client);
    });
    client.on('end', () => this.dropListener(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private dropListener(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.connecting = null;
    if (this.closed) return;
    // Notifications sent while nobody listened are lost: tell subscribers to catch up.
    this.emit(null);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen().then(() => {
        if (this.listener) this.emit(null);
      });
    }, 1000);
    this.reconnectTimer.unref();
  }

  private emit(payload: string | null): void {
    for (const listener of this.listeners) {
      try {
        listener(payload);
      } catch (error) {
        log.error('a notification listener failed', describeError(error));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.end().catch(() => undefined);
    await this.pool.end();
  }
}
