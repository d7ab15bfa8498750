// The sync client's own state: where pulling continues, which seqs the backend confirmed, the
// outbox as the client works it (by seq, by ticket, renumbered), the rejections the agent is
// shown, and the backend's field history that tells an agent their change was overridden.
import type { ErrorBody } from '../../../shared/contract/errors';
import type { ChangeAuthor, TicketFieldChange } from '../../../shared/domain/ticket-field-change';
import { stmt, type Db } from '../db';
import { getMeta, setMeta } from './meta';
import type { OutboxEntry } from './outbox';

/** The meta keys of the sync client (beside `client_id` and `next_seq` of the outbox writer). */
const KEY = {
  cursor: 'sync_cursor',
  confirmedSeq: 'sync_confirmed_seq',
  rebuilding: 'sync_rebuilding',
  clientIds: 'sync_client_ids',
  lastSyncAt: 'sync_last_sync_at',
  backendUrl: 'sync_backend_url',
  accountId: 'sync_account_id',
} as const;

/** Where the sync client stands, as kept in the store. */
export interface SyncState {
  /** The pull cursor; null before the first pull and while a reset rebuilds from the beginning. */
  cursor: string | null;
  /** The highest seq of the current client id whose outcome this desktop has taken in. */
  confirmedSeq: number;
  /** A reset is rebuilding the local data: keys are marked seen, the rest is swept at the end. */
  rebuilding: boolean;
  /** When a pull last reached the backend's head (epoch ms), or null. */
  lastSyncAt: number | null;
}

export function readSyncState(db: Db): SyncState {
  const lastSyncAt = getMeta(db, KEY.lastSyncAt);
  return {
    cursor: getMeta(db, KEY.cursor) || null,
    confirmedSeq: Number(getMeta(db, KEY.confirmedSeq) ?? '0'),
    rebuilding: getMeta(db, KEY.rebuilding) === '1',
    lastSyncAt: lastSyncAt ? Number(lastSyncAt) : null,
  };
}

export function setCursor(db: Db, cursor: string | null): void {
  setMeta(db, KEY.cursor, cursor ?? '');
}

export function setConfirmedSeq(db: Db, seq: number): void {
  setMeta(db, KEY.confirmedSeq, String(seq));
}

export function setRebuilding(db: Db, rebuilding: boolean): void {
  setMeta(db, KEY.rebuilding, rebuilding ? '1' : '0');
}

/** Starts a rebuild after a reset: the next pull starts from the beginning; keys it delivers are marked seen. */
export function startRebuild(db: Db): void {
  stmt(db, 'DELETE FROM sync_seen').run();
  setRebuilding(db, true);
  setCursor(db, null);
}

export function setLastSyncAt(db: Db, at: number): void {
  setMeta(db, KEY.lastSyncAt, String(at));
}

/** The backend this store syncs with and the account signed in to it (not secret: the token lives elsewhere). */
export function readSyncBinding(db: Db): { backendUrl: string | null; accountId: string | null } {
  return { backendUrl: getMeta(db, KEY.backendUrl) || null, accountId: getMeta(db, KEY.accountId) || null };
}

export function setSyncBinding(db: Db, backendUrl: string, accountId: string): void {
  setMeta(db, KEY.backendUrl, backendUrl);
  setMeta(db, KEY.accountId, accountId);
}

/** This desktop's current client id (made by the outbox writer on first use). */
export function currentClientId(db: Db): string | null {
  return getMeta(db, 'client_id') ?? null;
}

/** The next seq the outbox writer hands out. */
export function nextSeq(db: Db): number {
  return Number(getMeta(db, 'next_seq') ?? '1');
}

/** Every client id this desktop has pushed under (the current one included), oldest first. */
export function knownClientIds(db: Db): string[] {
  const stored = getMeta(db, KEY.clientIds);
  const ids = stored ? (JSON.parse(stored) as string[]) : [];
  const current = currentClientId(db);
  return current && !ids.includes(current) ? [...ids, current] : ids;
}

/**
 * Switches to a new client id with the pending outbox renumbered from seq 1 in its order, mutation
 * ids kept (docs/sync-protocol.md, "Re-registering"); confirmedSeq starts again at 0. The cursor
 * stays: the data it stands for is still right. Runs inside the caller's write transaction.
 */
export function switchClientId(db: Db, clientId: string): number {
  setMeta(db, KEY.clientIds, JSON.stringify([...knownClientIds(db).filter((id) => id !== clientId), clientId]));
  const seqs = stmt<[], { seq: number }>(db, 'SELECT seq FROM outbox ORDER BY seq').all();
  // Ascending, each row moves to a seq no higher than its own and above every row already moved:
  // the primary key never collides.
  seqs.forEach(({ seq }, index) => {
    stmt(db, 'UPDATE outbox SET seq = ?, client_id = ? WHERE seq = ?').run(index + 1, clientId, seq);
  });
  setMeta(db, 'client_id', clientId);
  setMeta(db, 'next_seq', String(seqs.length + 1));
  setConfirmedSeq(db, 0);
  return seqs.length;
}

interface OutboxDbRow {
  seq: number;
  mutation_id: string;
  client_id: string;
  name: string;
  args: string;
  before: string | null;
  created_at: number;
}

const OUTBOX_COLUMNS = 'seq, mutation_id, client_id, name, args, before, created_at';

function outboxFromRow(row: OutboxDbRow): OutboxEntry {
  return {
    seq: row.seq,
    mutationId: row.mutation_id,
    clientId: row.client_id,
    name: row.name,
    args: JSON.parse(row.args) as unknown,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    createdAt: row.created_at,
  };
}

/** Pending mutations from `fromSeq` on, in seq order. */
export function listOutboxFrom(db: Db, fromSeq: number, limit: number): OutboxEntry[] {
  return stmt<[number, number], OutboxDbRow>(db, `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?`)
    .all(fromSeq, limit)
    .map(outboxFromRow);
}

export function getOutboxEntry(db: Db, seq: number): OutboxEntry | undefined {
  const row = stmt<[number], OutboxDbRow>(db, `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE seq = ?`).get(seq);
  return row && outboxFromRow(row);
}

/** The pending mutations of one ticket after `afterSeq`, in seq order (served by outbox_by_ticket). */
export function listOutboxOfTicket(db: Db, ticketId: string, afterSeq = 0): OutboxEntry[] {
  return stmt<[string, number], OutboxDbRow>(
    db,
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE json_extract(args, '$.ticketId') = ? AND seq > ? ORDER BY seq`,
  )
    .all(ticketId, afterSeq)
    .map(outboxFromRow);
}

/**
 * The pending mutations that name no ticket and whose `args.<field>` is `id` (saved views,
 * customers), after `afterSeq`, in seq order. outbox_by_ticket serves it: the rows without a
 * ticket id sit together under NULL, and there are few of them.
 */
export function listOutboxNaming(db: Db, field: 'viewId' | 'customerId', id: string, afterSeq = 0): OutboxEntry[] {
  return stmt<[string, number], OutboxDbRow>(
    db,
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE json_extract(args, '$.ticketId') IS NULL AND json_extract(args, '$.${field}') = ? AND seq > ? ORDER BY seq`,
  )
    .all(id, afterSeq)
    .map(outboxFromRow);
}

export function deleteOutboxEntry(db: Db, seq: number): void {
  stmt(db, 'DELETE FROM outbox WHERE seq = ?').run(seq);
}

/** Replaces a pending mutation's before-image (the rebase keeps it true to the current local data). */
export function setOutboxBefore(db: Db, seq: number, before: unknown): void {
  stmt(db, 'UPDATE outbox SET before = ? WHERE seq = ?').run(before === undefined ? null : JSON.stringify(before), seq);
}

/** Whether any mutation waits to be pushed (one index probe, unlike a count). */
export function hasPendingRows(db: Db): boolean {
  return stmt<[], { any: number }>(db, 'SELECT EXISTS (SELECT 1 FROM outbox) AS any').get()!.any === 1;
}

/** How many mutations wait to be pushed, and the highest seq among them (0 when none). */
export function outboxSummary(db: Db): { pending: number; maxSeq: number } {
  const row = stmt<[], { pending: number; max_seq: number | null }>(db, 'SELECT count(*) AS pending, max(seq) AS max_seq FROM outbox').get()!;
  return { pending: row.pending, maxSeq: row.max_seq ?? 0 };
}

/** Ticket ids the pending mutations name (kept by a reset's sweep; re-applied by its rebase). */
export function pendingTicketIds(db: Db): string[] {
  return stmt<[], { id: string }>(
    db,
    "SELECT DISTINCT json_extract(args, '$.ticketId') AS id FROM outbox WHERE json_extract(args, '$.ticketId') IS NOT NULL",
  )
    .all()
    .map((row) => row.id);
}

/** A local change the backend refused, or that could not be re-applied on the backend's newer data. */
export interface SyncRejection {
  mutationId: string;
  seq: number;
  name: string;
  args: unknown;
  error: ErrorBody;
  /** True when the backend refused it for good; false while it could not be re-applied locally and still goes to the backend. */
  final: boolean;
  at: number;
}

interface RejectionDbRow {
  mutation_id: string;
  seq: number;
  name: string;
  args: string;
  code: string;
  message: string;
  field: string | null;
  final: number;
  at: number;
}

function rejectionFromRow(row: RejectionDbRow): SyncRejection {
  const error: ErrorBody = { code: row.code as ErrorBody['code'], message: row.message };
  if (row.field !== null) error.field = row.field;
  return { mutationId: row.mutation_id, seq: row.seq, name: row.name, args: JSON.parse(row.args) as unknown, error, final: row.final === 1, at: row.at };
}

/** Records a rejection; a final one replaces a provisional one of the same mutation. */
export function upsertRejection(db: Db, rejection: SyncRejection): void {
  stmt(
    db,
    `INSERT INTO sync_rejections (mutation_id, seq, name, args, code, message, field, final, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (mutation_id) DO UPDATE SET seq = excluded.seq, code = excluded.code, message = excluded.message,
       field = excluded.field, final = max(final, excluded.final), at = CASE WHEN final = 1 THEN at ELSE excluded.at END`,
  ).run(
    rejection.mutationId,
    rejection.seq,
    rejection.name,
    JSON.stringify(rejection.args),
    rejection.error.code,
    rejection.error.message,
    rejection.error.field ?? null,
    rejection.final ? 1 : 0,
    rejection.at,
  );
}

export function getRejection(db: Db, mutationId: string): SyncRejection | undefined {
  const row = stmt<[string], RejectionDbRow>(db, 'SELECT * FROM sync_rejections WHERE mutation_id = ?').get(mutationId);
  return row && rejectionFromRow(row);
}

/** Drops the provisional rejection of a mutation (it re-applied after all, or the backend applied it). */
export function deleteProvisionalRejection(db: Db, mutationId: string): boolean {
  return stmt(db, 'DELETE FROM sync_rejections WHERE mutation_id = ? AND final = 0').run(mutationId).changes > 0;
}

export function deleteRejection(db: Db, mutationId: string): boolean {
  return stmt(db, 'DELETE FROM sync_rejections WHERE mutation_id = ?').run(mutationId).changes > 0;
}

/** Every rejection, newest first (at most `limit`). */
export function listRejections(db: Db, limit = 500): SyncRejection[] {
  return stmt<[number], RejectionDbRow>(db, 'SELECT * FROM sync_rejections ORDER BY at DESC, seq DESC LIMIT ?').all(limit).map(rejectionFromRow);
}

export function countRejections(db: Db): number {
  return stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM sync_rejections').get()!.n;
}

interface FieldChangeDbRow {
  id: string;
  ticket_id: string;
  field: string;
  previous_value: string | null;
  value: string | null;
  changed_by: string;
  overwritten: string | null;
  applied_at: number;
  dismissed_at: number | null;
}

/** Stores one entry of the backend's ticket field history, as pulled. */
export function upsertFieldChange(db: Db, change: TicketFieldChange): void {
  stmt(
    db,
    `INSERT INTO ticket_field_changes (id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, field = excluded.field, previous_value = excluded.previous_value,
       value = excluded.value, changed_by = excluded.changed_by, overwritten = excluded.overwritten, applied_at = excluded.applied_at`,
  ).run(
    change.id,
    change.ticketId,
    change.field,
    JSON.stringify(change.previousValue ?? null),
    JSON.stringify(change.value ?? null),
    JSON.stringify(change.changedBy),
    change.overwritten === null ? null : JSON.stringify(change.overwritten),
    change.appliedAt,
  );
}

export function deleteFieldChange(db: Db, id: string): void {
  stmt(db, 'DELETE FROM ticket_field_changes WHERE id = ?').run(id);
}

/** A change of another agent that replaced a value this desktop had set: the agent who lost is told. */
export interface OverriddenNote {
  id: string;
  ticketId: string;
  field: TicketFieldChange['field'];
  /** The value that won. */
  value: unknown;
  /** This desktop's value that was replaced. */
  yourValue: unknown;
  changedBy: ChangeAuthor;
  overwritten: ChangeAuthor;
  appliedAt: number;
}

/**
 * The changes by other agents that overrode a value set from this desktop (any of its client
 * ids), newest first, not dismissed; of one ticket when `ticketId` is given.
 */
export function listOverriddenNotes(db: Db, clientIds: readonly string[], agentId: string | null, ticketId: string | null, limit = 200): OverriddenNote[] {
  if (clientIds.length === 0) return [];
  const rows = stmt<[{ clientIds: string; ticketId: string | null; agentId: string | null; limit: number }], FieldChangeDbRow>(
    db,
    `SELECT id, ticket_id, field, previous_value, value, changed_by, overwritten, applied_at, dismissed_at FROM ticket_field_changes
     WHERE overwritten_client_id IN (SELECT value FROM json_each(@clientIds)) AND dismissed_at IS NULL
       AND (@ticketId IS NULL OR ticket_id = @ticketId)
       AND (@agentId IS NULL OR json_extract(changed_by, '$.agentId') IS NOT @agentId)
       AND coalesce(json_extract(changed_by, '$.clientId'), '') NOT IN (SELECT value FROM json_each(@clientIds))
     ORDER BY applied_at DESC LIMIT @limit`,
  ).all({ clientIds: JSON.stringify(clientIds), ticketId, agentId, limit });
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticket_id,
    field: row.field as TicketFieldChange['field'],
    value: JSON.parse(row.value ?? 'null') as unknown,
    yourValue: JSON.parse(row.previous_value ?? 'null') as unknown,
    changedBy: JSON.parse(row.changed_by) as ChangeAuthor,
    overwritten: JSON.parse(row.overwritten!) as ChangeAuthor,
    appliedAt: row.applied_at,
  }));
}

/** Hides an overridden note once the agent has read it. */
export function dismissFieldChange(db: Db, id: string, at: number): boolean {
  return stmt(db, 'UPDATE ticket_field_changes SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL').run(at, id).changes > 0;
}
