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
import { BOOTSTRAP_STEPS, type BootstrapStep } from '../storage/queries/bootstrap';
import type { ChangeRow, ReadTx, Storage } from '../storage/storage';
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

/** Keeps the first change of each key: a bootstrap page reads one snapshot, so a key's later copies (the queue again in "everything") are the same value. */
function firstPerKey(rows: readonly ChangeRow[]): ChangeRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.entity}\u0000${row.entityKey}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One page: its changes, where the next page starts, and whether there is one. */
interface Page {
  changes: SyncChange[];
  position: number;
  step: BootstrapStep | null;
  hasMore: boolean;
}

/** A page of the log after `after`, in commit order; the last page ends at the head, past any changes this reader does not receive. */
async function logPage(tx: ReadTx, actor: Actor, after: number, limit: number, head: number): Promise<Page> {
  const rows = await tx.listChanges(after, entitiesReadableBy(actor.role), limit + 1, actor.accountId);
  const budget = withinBudget(rows.length > limit ? rows.slice(0, limit) : rows);
  const hasMore = rows.length > limit || budget.cut;
  return { changes: latestPerKey(budget.rows).map(toChange), position: hasMore ? budget.rows.at(-1)!.id : head, step: null, hasMore };
}

/**
 * A page of a bootstrap from `step`, after position `after` in it: the steps in order
 * (`BOOTSTRAP_STEPS`: the agent's own queue first), a page filled across steps. After the last
 * step the bootstrap has sent the latest value of everything up to the head, and the cursor is
 * the head's, like any other.
 */
async function bootstrapPage(tx: ReadTx, actor: Actor, step: BootstrapStep, after: number, limit: number, head: number): Promise<Page> {
  const entities = entitiesReadableBy(actor.role);
  const taken: { row: ChangeRow; step: BootstrapStep }[] = [];
  let current = step;
  let position = after;
  for (;;) {
    const wanted = limit + 1 - taken.length;
    const rows = await tx.listBootstrapChanges(current, position, entities, wanted, actor.accountId);
    for (const row of rows) taken.push({ row, step: current });
    // One row more than the page holds tells that there is more.
    if (rows.length === wanted) break;
    const next = BOOTSTRAP_STEPS[BOOTSTRAP_STEPS.indexOf(current) + 1];
    if (next === undefined) break;
    current = next;
    position = 0;
  }
  const budget = withinBudget(taken.slice(0, limit).map((entry) => entry.row));
  const hasMore = taken.length > limit || budget.cut;
  const last = taken[budget.rows.length - 1];
  const changes = firstPerKey(budget.rows).map(toChange);
  return hasMore && last ? { changes, position: last.row.id, step: last.step, hasMore } : { changes, position: head, step: null, hasMore: false };
}

/**
 * POST /sync/pull: one page of changes after the cursor, in commit order, read in one snapshot
 * together with the client's last applied seq. Only the entities the caller's role may read
 * are sent, and no change meant for another account (someone else's personal view); the cursor
 * still moves past the others. A pull from the beginning (`cursor: null`) is a bootstrap: the
 * latest value of every entity, the agent's own queue first (see `bootstrapPage`).
 */
export async function pull(storage: Storage, actor: Actor, request: PullRequest): Promise<PullResponse> {
  checkProtocolVersion(request.protocolVersion);
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  const from = request.cursor === null ? { epoch: storage.epoch, position: 0, step: BOOTSTRAP_STEPS[0] } : parseCursor(request.cursor);
  if (!from || from.epoch !== storage.epoch) {
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
    // A bootstrap sends latest values only, which retention never removes: its cursors never expire.
    if (from.step === null && from.position < (await tx.prunedThrough())) {
      return { kind: 'reset', reason: 'cursor-expired', message: 'The cursor is older than the retention window: rebuild from the beginning, keep the outbox' };
    }
    const page = from.step === null ? await logPage(tx, actor, from.position, limit, head) : await bootstrapPage(tx, actor, from.step, from.position, limit, head);
    const { changes, hasMore } = page;
    const cursor = formatCursor(storage.epoch, page.position, page.step);
    if (hasMore || !client) {
      return { kind: 'changes', changes, cursor, hasMore, lastAppliedSeq: hasMore ? null : 0, mutations: [] };
    }
    // Same snapshot as the changes: every mutation counted here has its effect in them.
    const lastAppliedSeq = await tx.lastAppliedSeqAt(client.clientId, page.position);
    const mutations = await tx.listOutcomes(client.clientId, request.confirmedSeq, lastAppliedSeq, MAX_PULL_OUTCOMES);
    return { kind: 'changes', changes, cursor, hasMore, lastAppliedSeq, mutations };
  });
}
