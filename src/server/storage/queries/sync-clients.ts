import type { ErrorBody, ErrorCode } from '../../../shared/contract/errors';
import type { MutationOutcome } from '../../../shared/contract/sync-protocol';
import type { SqlExecutor, SqlValue } from '../sql-driver';
import { insertRows, rowsWithKeys } from './sql';

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
 * two pushes of one client (a retry racing the original) run one after the other. One statement:
 * an upsert locks the row it finds (the update keeps every value) and answers it as stored.
 */
export async function lockSyncClient(db: SqlExecutor, clientId: string, accountId: string, now: number): Promise<SyncClient> {
  const row = await db.get<ClientRow>(
    `INSERT INTO sync_clients (client_id, account_id, last_applied_seq, registered_at) VALUES (?, ?, 0, ?)
     ON CONFLICT (client_id) DO UPDATE SET account_id = sync_clients.account_id
     RETURNING client_id, account_id, last_applied_seq`,
    [clientId, accountId, now],
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

/** The results recorded for a client's seqs `fromSeq` to `toSeq`, by seq. */
export async function listResults(db: SqlExecutor, clientId: string, fromSeq: number, toSeq: number): Promise<Map<number, StoredResult>> {
  const rows = await db.all<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM mutation_results WHERE client_id = ? AND seq >= ? AND seq <= ?`, [
    clientId,
    fromSeq,
    toSeq,
  ]);
  return new Map(rows.map((row) => [row.seq, resultFromRow(row)]));
}

/** {@link firstResultOf} for many mutation ids at once: the ones recorded, by mutation id. */
export async function firstResultsOf(db: SqlExecutor, mutationIds: readonly string[]): Promise<Map<string, StoredResult>> {
  const first = new Map<string, StoredResult>();
  const rows = await rowsWithKeys<ResultRow>(db, { table: 'mutation_results', column: 'mutation_id', columns: RESULT_COLUMNS, keys: [...new Set(mutationIds)] });
  for (const row of rows) {
    const seen = first.get(row.mutation_id);
    // The original, not a repeat recorded for a re-registered client id.
    if (!seen || (seen.duplicateOf !== null && row.duplicate_of === null)) first.set(row.mutation_id, resultFromRow(row));
  }
  return first;
}

/** The columns of a stored result, in the order {@link resultValues} gives them. */
export const RESULT_BULK_COLUMNS = [...RESULT_COLUMNS.split(', '), 'commit_pos', 'processed_at'];

/** Writes results, all recorded at change-log position `commitPos`. */
export async function insertResults(db: SqlExecutor, results: readonly StoredResult[], commitPos: number, now: number): Promise<void> {
  await insertRows(
    db,
    'mutation_results',
    RESULT_BULK_COLUMNS,
    results.map((result) => resultValues(result, commitPos, now)),
  );
}

/** A result's values in {@link RESULT_BULK_COLUMNS} order. */
export function resultValues(result: StoredResult, commitPos: number, now: number): SqlValue[] {
  return [
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
  ];
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
