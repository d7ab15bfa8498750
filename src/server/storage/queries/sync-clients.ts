import type { ErrorBody, ErrorCode } from '../../../shared/contract/errors';
import type { MutationOutcome } from '../../../shared/contract/sync-protocol';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { forUpdate } from './sql';

/** A desktop's registration. */
export interface SyncClient {
  clientId: string;
  accountId: string;
  lastAppliedSeq: number;
}

interface ClientRow {
  client_id: string;
  account_id: string;
  last_applied_seq: number;
}

function clientFromRow(row: ClientRow): SyncClient {
  return { clientId: row.client_id, accountId: row.account_id, lastAppliedSeq: row.last_applied_seq };
}

export async function getSyncClient(db: SqlExecutor, clientId: string): Promise<SyncClient | undefined> {
  const row = await db.get<ClientRow>('SELECT client_id, account_id, last_applied_seq FROM sync_clients WHERE client_id = ?', [clientId]);
  return row && clientFromRow(row);
}

/**
 * Registers the client on its first push and locks its row for the rest of the transaction, so
 * two pushes of one client (a retry racing the original) run one after the other.
 */
export async function lockSyncClient(db: SqlExecutor, clientId: string, accountId: string, now: number): Promise<SyncClient> {
  await db.run(
    'INSERT INTO sync_clients (client_id, account_id, last_applied_seq, registered_at) VALUES (?, ?, 0, ?) ON CONFLICT (client_id) DO NOTHING',
    [clientId, accountId, now],
  );
  const row = await db.get<ClientRow>(
    `SELECT client_id, account_id, last_applied_seq FROM sync_clients WHERE client_id = ?${forUpdate(db)}`,
    [clientId],
  );
  return clientFromRow(row!);
}

export async function setLastAppliedSeq(db: SqlExecutor, clientId: string, seq: number, now: number): Promise<void> {
  await db.run('UPDATE sync_clients SET last_applied_seq = ?, last_push_at = ? WHERE client_id = ?', [seq, now, clientId]);
}

/** What the backend answered for one mutation, kept so a retry gets the same answer. */
export interface StoredResult {
  clientId: string;
  seq: number;
  mutationId: string;
  accountId: string;
  name: string;
  outcome: 'applied' | 'rejected';
  error: ErrorBody | null;
  /** The client id whose result this one repeats (a re-registered desktop pushing again), else null. */
  duplicateOf: string | null;
}

interface ResultRow {
  client_id: string;
  seq: number;
  mutation_id: string;
  account_id: string;
  name: string;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
  error_field: string | null;
  duplicate_of: string | null;
}

const RESULT_COLUMNS = 'client_id, seq, mutation_id, account_id, name, outcome, error_code, error_message, error_field, duplicate_of';

function errorOf(row: ResultRow): ErrorBody | null {
  if (row.error_code === null) return null;
  const error: ErrorBody = { code: row.error_code as ErrorCode, message: row.error_message ?? '' };
  if (row.error_field !== null) error.field = row.error_field;
  return error;
}

function resultFromRow(row: ResultRow): StoredResult {
  return {
    clientId: row.client_id,
    seq: row.seq,
    mutationId: row.mutation_id,
    accountId: row.account_id,
    name: row.name,
    outcome: row.outcome as StoredResult['outcome'],
    error: errorOf(row),
    duplicateOf: row.duplicate_of,
  };
}

export async function getResult(db: SqlExecutor, clientId: string, seq: number): Promise<StoredResult | undefined> {
  const row = await db.get<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM mutation_results WHERE client_id = ? AND seq = ?`, [clientId, seq]);
  return row && resultFromRow(row);
}

/** The first result recorded for a mutation id, under any client id (the original, not a repeat). */
export async function firstResultOf(db: SqlExecutor, mutationId: string): Promise<StoredResult | undefined> {
  const row = await db.get<ResultRow>(
    `SELECT ${RESULT_COLUMNS} FROM mutation_results WHERE mutation_id = ?
     ORDER BY CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END LIMIT 1`,
    [mutationId],
  );
  return row && resultFromRow(row);
}

/** Rows per multi-row INSERT (well under both engines' limits on bound values). */
const ROWS_PER_INSERT = 200;

/** Writes results, all recorded at change-log position `commitPos`. */
export async function insertResults(db: SqlExecutor, results: readonly StoredResult[], commitPos: number, now: number): Promise<void> {
  for (let start = 0; start < results.length; start += ROWS_PER_INSERT) {
    const chunk = results.slice(start, start + ROWS_PER_INSERT);
    const values: SqlValue[] = [];
    for (const result of chunk) {
      values.push(
        result.clientId,
        result.seq,
        result.mutationId,
        result.accountId,
        result.name,
        result.outcome,
        result.error?.code ?? null,
        result.error?.message ?? null,
        result.error?.field ?? null,
        result.duplicateOf,
        commitPos,
        now,
      );
    }
    const rows = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    await db.run(`INSERT INTO mutation_results (${RESULT_COLUMNS}, commit_pos, processed_at) VALUES ${rows}`, values);
  }
}

/** The highest seq of a client recorded at or before change-log position `upTo`. */
export async function lastAppliedSeqAt(db: SqlExecutor, clientId: string, upTo: number): Promise<number> {
  const row = await db.get<{ seq: number | null }>('SELECT max(seq) AS seq FROM mutation_results WHERE client_id = ? AND commit_pos <= ?', [
    clientId,
    upTo,
  ]);
  return row?.seq ?? 0;
}

/** The outcomes of a client's mutations with `afterSeq < seq <= upToSeq`, in seq order. */
export async function listOutcomes(db: SqlExecutor, clientId: string, afterSeq: number, upToSeq: number, limit: number): Promise<MutationOutcome[]> {
  const rows = await db.all<ResultRow>(
    `SELECT ${RESULT_COLUMNS} FROM mutation_results WHERE client_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    [clientId, afterSeq, upToSeq, limit],
  );
  return rows.map((row) => {
    const error = errorOf(row);
    const outcome: MutationOutcome = { seq: row.seq, mutationId: row.mutation_id, outcome: row.outcome as MutationOutcome['outcome'] };
    if (error) outcome.error = error;
    return outcome;
  });
}
