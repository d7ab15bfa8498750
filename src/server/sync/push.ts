import type { z } from 'zod';
import { AppError, type ErrorBody } from '../../shared/contract/errors';
import { isMutationName, mutations, type MutationArgs, type MutationName, type TypedMutation } from '../../shared/contract/mutations';
import type { PushMutation, PushRequest, PushResponse, PushResult, PushStop } from '../../shared/contract/sync-protocol';
import type { Actor } from '../auth/actor';
import { describeError, logger } from '../log';
import type { Storage, StoredResult, WriteTx } from '../storage/storage';
import { appliers } from './appliers';
import type { ApplyContext } from './apply-context';
import { checkProtocolVersion } from './protocol-version';

const log = logger('sync');

/** The first issue of a schema failure as a rejection, its field under `args`. */
function argsError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = ['args', ...(issue?.path ?? []).map(String)].join('.');
  return new AppError('validation', issue?.message ?? 'Invalid args', field);
}

/**
 * Whether an error is about the database or the connection rather than this mutation: such an
 * error fails the whole push (nothing is recorded, the desktop retries later), where anything
 * else an applier throws is this mutation's fault and rejects it for good.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // PostgreSQL: transaction rollback, connection, resources, operator intervention.
  if (/^(40|08|53|57)[0-9A-Z]{3}$/.test(code)) return true;
  // SQLite: busy, locked, I/O, full; Node: network errors.
  return /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM)/.test(code) || /^E[A-Z]+$/.test(code);
}

function applyTyped<N extends MutationName>(name: N, ctx: ApplyContext, args: MutationArgs<N>): Promise<void> {
  return appliers[name](ctx, args);
}

/** Re-validates a pushed mutation: a known name, a role allowed to make it, args that fit its schema. */
function validate(ctx: ApplyContext, mutation: PushMutation): TypedMutation {
  if (!isMutationName(mutation.name)) throw new AppError('unknown-method', `There is no mutation "${mutation.name}"`, 'name');
  const definition = mutations[mutation.name];
  if (!definition.roles.includes(ctx.actor.role)) {
    throw new AppError('forbidden', `The role ${ctx.actor.role} may not make ${mutation.name}`, 'name');
  }
  const parsed = definition.args.safeParse(mutation.args);
  if (!parsed.success) throw argsError(parsed.error);
  return { name: mutation.name, args: parsed.data } as TypedMutation;
}

/** Validates and applies one mutation; answers its outcome (throws only for transient failures). */
async function applyOne(ctx: ApplyContext, mutation: PushMutation): Promise<{ outcome: 'applied' } | { outcome: 'rejected'; error: ErrorBody }> {
  try {
    const typed = validate(ctx, mutation);
    // The savepoint undoes whatever an applier wrote before it threw.
    await ctx.tx.savepoint(() => applyTyped(typed.name, ctx, typed.args as MutationArgs<typeof typed.name>));
    return { outcome: 'applied' };
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'rejected', error: error.toBody() };
    if (isTransient(error)) throw error;
    // A bug met by this mutation: reject it (recorded) so it cannot block the outbox forever.
    log.error('an applier failed; the mutation is rejected', { name: mutation.name, mutationId: mutation.mutationId, ...describeError(error) });
    return { outcome: 'rejected', error: { code: 'internal', message: 'The backend could not apply this change.' } };
  }
}

function repeatOf(seen: StoredResult, seq: number, mutationId: string): PushResult {
  return seen.error
    ? { status: 'duplicate', seq, mutationId, outcome: seen.outcome, error: seen.error }
    : { status: 'duplicate', seq, mutationId, outcome: seen.outcome };
}

/** What a push knows before it applies anything: results read in one go for the whole batch. */
interface BatchReads {
  /** Results of the client's seqs this batch repeats, by seq. */
  seen: Map<number, StoredResult>;
  /** The first result of each mutation id recorded before this push (under any client id), by mutation id. */
  originals: Map<string, StoredResult>;
}

/**
 * The keys the appliers will look up, by the convention every mutation's args follow: the ticket
 * it changes as `ticketId`, a message it adds as `messageId` (or `message.messageId`). A key that
 * names nothing costs nothing; one missed is read when the applier asks for it.
 */
function keysOf(mutations: readonly PushMutation[]): { ticketIds: string[]; messageIds: string[] } {
  const ticketIds: string[] = [];
  const messageIds: string[] = [];
  for (const { args } of mutations) {
    if (typeof args !== 'object' || args === null) continue;
    const { ticketId, messageId, message } = args as { ticketId?: unknown; messageId?: unknown; message?: { messageId?: unknown } | null };
    if (typeof ticketId === 'string') ticketIds.push(ticketId);
    if (typeof messageId === 'string') messageIds.push(messageId);
    if (typeof message?.messageId === 'string') messageIds.push(message.messageId);
  }
  return { ticketIds, messageIds };
}

/** Processes the next seq of the client: applies it, or repeats the answer a re-registered desktop got before. */
async function processNext(tx: WriteTx, actor: Actor, clientId: string, mutation: PushMutation, originals: Map<string, StoredResult>): Promise<PushResult> {
  const base = { clientId, seq: mutation.seq, mutationId: mutation.mutationId, accountId: actor.accountId, name: mutation.name };
  // A desktop that re-registered pushes its pending mutations again under the new client id:
  // one already processed under an earlier id of this account is answered, never applied twice.
  const original = originals.get(mutation.mutationId);
  if (original && original.accountId === actor.accountId) {
    tx.recordResult({ ...base, outcome: original.outcome, error: original.error, duplicateOf: original.clientId });
    return repeatOf(original, mutation.seq, mutation.mutationId);
  }
  const result = original
    ? ({ outcome: 'rejected', error: { code: 'conflict', message: 'This mutation id was used by another account', field: 'mutationId' } } as const)
    : await applyOne({ tx, actor, clientId, seq: mutation.seq, mutationId: mutation.mutationId }, mutation);
  const recorded: StoredResult = { ...base, outcome: result.outcome, error: result.outcome === 'rejected' ? result.error : null, duplicateOf: null };
  tx.recordResult(recorded);
  // The same mutation id again later in this batch is a repeat of this one.
  if (!original) originals.set(mutation.mutationId, recorded);
  if (result.outcome === 'applied') return { status: 'applied', seq: mutation.seq, mutationId: mutation.mutationId };
  return { status: 'rejected', seq: mutation.seq, mutationId: mutation.mutationId, error: result.error };
}

/** Reads, for the whole batch at once, the results it repeats and the mutation ids seen before, and prefetches what the appliers need. */
async function readAhead(tx: WriteTx, clientId: string, lastAppliedSeq: number, mutations: readonly PushMutation[]): Promise<BatchReads> {
  const first = mutations[0]!.seq;
  const seen = first <= lastAppliedSeq ? await tx.listResults(clientId, first, lastAppliedSeq) : new Map<number, StoredResult>();
  // What may be applied: the seqs that follow the last applied one without a gap.
  const next: PushMutation[] = [];
  for (const mutation of mutations) {
    if (mutation.seq <= lastAppliedSeq) continue;
    if (mutation.seq !== lastAppliedSeq + next.length + 1) break;
    next.push(mutation);
  }
  const originals = next.length > 0 ? await tx.firstResultsOf(next.map((mutation) => mutation.mutationId)) : new Map<string, StoredResult>();
  if (next.length > 0) await tx.prefetch(keysOf(next));
  return { seen, originals };
}

/**
 * POST /sync/push: applies the batch in one transaction, each (client id, seq) exactly once
 * and in order. Seen seqs answer `duplicate` (same mutation id) or stop the batch with
 * `conflict` (another id: the desktop was rolled back); a skipped seq stops the batch (`gap`); a
 * mutation rejected for good is recorded and the batch moves on. What the batch reads is read
 * for all its mutations at once, and its writes go out as multi-row statements at commit: the
 * cost of a push hardly grows with its length.
 */
export async function push(storage: Storage, actor: Actor, request: PushRequest): Promise<PushResponse> {
  checkProtocolVersion(request.protocolVersion);
  return storage.write(async (tx) => {
    const client = await tx.lockSyncClient(request.clientId, actor.accountId);
    if (client.accountId !== actor.accountId) {
      throw new AppError('forbidden', 'This client id belongs to another account: use one client id per account', 'clientId');
    }
    const { seen, originals } = await readAhead(tx, client.clientId, client.lastAppliedSeq, request.mutations);
    let last = client.lastAppliedSeq;
    const results: PushResult[] = [];
    let stopped: PushStop | null = null;
    for (const mutation of request.mutations) {
      if (mutation.seq <= last) {
        const earlier = seen.get(mutation.seq);
        if (earlier && earlier.mutationId === mutation.mutationId) {
          results.push(repeatOf(earlier, mutation.seq, mutation.mutationId));
          continue;
        }
        const error: ErrorBody = {
          code: 'conflict',
          message: `Seq ${mutation.seq} was already used by another mutation: this desktop must re-register`,
          field: 'seq',
        };
        results.push({ status: 'conflict', seq: mutation.seq, mutationId: mutation.mutationId, error });
        stopped = { reason: 'conflict', seq: mutation.seq };
        break;
      }
      if (mutation.seq !== last + 1) {
        stopped = { reason: 'gap', seq: mutation.seq, expectedSeq: last + 1 };
        break;
      }
      results.push(await processNext(tx, actor, client.clientId, mutation, originals));
      last = mutation.seq;
    }
    if (last !== client.lastAppliedSeq) await tx.setLastAppliedSeq(client.clientId, last);
    return { lastAppliedSeq: last, results, stopped };
  });
}
