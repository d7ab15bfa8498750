import { AppError } from '../../shared/contract/errors';
import {
  DEFAULT_PULL_LIMIT,
  entitiesReadableBy,
  MAX_PULL_OUTCOMES,
  type PullRequest,
  type PullResponse,
  type SyncChange,
} from '../../shared/contract/sync-protocol';
import type { Actor } from '../auth/actor';
import type { ChangeRow, Storage } from '../storage/storage';
import { formatCursor, parseCursor } from './cursor';
import { checkProtocolVersion } from './protocol-version';

function toChange(row: ChangeRow): SyncChange {
  if (row.op === 'delete') return { op: 'delete', entity: row.entity, key: row.entityKey };
  return { op: 'upsert', entity: row.entity, key: row.entityKey, value: JSON.parse(row.value!) } as SyncChange;
}

/**
 * The most value bytes one page carries (at least one change goes out whatever its size): a
 * page of long email threads must not grow to hundreds of megabytes.
 */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;

/** Cuts a page where its values pass the byte budget; answers the rows kept and whether it cut. */
function withinBudget(rows: readonly ChangeRow[]): { rows: readonly ChangeRow[]; cut: boolean } {
  let bytes = 0;
  for (let i = 0; i < rows.length; i += 1) {
    bytes += rows[i]!.value?.length ?? 0;
    if (bytes > MAX_PULL_PAGE_BYTES && i > 0) return { rows: rows.slice(0, i), cut: true };
  }
  return { rows, cut: false };
}

/** Keeps the last change of each key (a page is applied as a whole, so earlier values of a key are moot). */
function latestPerKey(rows: readonly ChangeRow[]): ChangeRow[] {
  const last = new Map<string, number>();
  rows.forEach((row, index) => last.set(`${row.entity}\u0000${row.entityKey}`, index));
  return rows.filter((row, index) => last.get(`${row.entity}\u0000${row.entityKey}`) === index);
}

/**
 * POST /sync/pull: one page of changes after the cursor, in commit order, read in one snapshot
 * together with the client's last applied seq. Only the entities the caller's role may read
 * are sent; the cursor still moves past the others.
 */
export async function pull(storage: Storage, actor: Actor, request: PullRequest): Promise<PullResponse> {
  checkProtocolVersion(request.protocolVersion);
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const from = request.cursor === null ? { epoch: storage.epoch, position: 0 } : parseCursor(request.cursor);
  if (from.epoch !== storage.epoch) {
    return { kind: 'reset', reason: 'cursor-unknown', message: 'The cursor is from another database: rebuild from the beginning' };
  }
  return storage.read(async (tx) => {
    const client = await tx.getSyncClient(request.clientId);
    if (client && client.accountId !== actor.accountId) {
      throw new AppError('forbidden', 'This client id belongs to another account: use one client id per account', 'clientId');
    }
    const head = await tx.head();
    if (from.position > head) {
      return { kind: 'reset', reason: 'cursor-unknown', message: 'The cursor is ahead of this database (restored from a backup?): rebuild from the beginning' };
    }
    if (request.cursor !== null && from.position < (await tx.prunedThrough())) {
      return { kind: 'reset', reason: 'cursor-expired', message: 'The cursor is older than the retention window: rebuild from the beginning, keep the outbox' };
    }
    const rows = await tx.listChanges(from.position, entitiesReadableBy(actor.role), limit + 1);
    const budget = withinBudget(rows.length > limit ? rows.slice(0, limit) : rows);
    const hasMore = rows.length > limit || budget.cut;
    const page = budget.rows;
    // The last page ends at the head, past any changes this role does not receive.
    const position = hasMore ? page.at(-1)!.id : head;
    const changes = latestPerKey(page).map(toChange);
    if (hasMore || !client) {
      return { kind: 'changes', changes, cursor: formatCursor(storage.epoch, position), hasMore, lastAppliedSeq: hasMore ? null : 0, mutations: [] };
    }
    // Same snapshot as the changes: every mutation counted here has its effect in them.
    const lastAppliedSeq = await tx.lastAppliedSeqAt(client.clientId, position);
    const mutations = await tx.listOutcomes(client.clientId, request.confirmedSeq, lastAppliedSeq, MAX_PULL_OUTCOMES);
    return { kind: 'changes', changes, cursor: formatCursor(storage.epoch, position), hasMore, lastAppliedSeq, mutations };
  });
}
