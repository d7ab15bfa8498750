import type { MutationArgs, MutationName } from '../../shared/contract/mutations';
import type { ChangeAuthor } from '../../shared/domain/ticket-field-change';
import type { Actor } from '../auth/actor';
import type { WriteTx } from '../storage/storage';

/** What an applier gets besides the args: the transaction, who pushed, and which mutation this is. */
export interface ApplyContext {
  tx: WriteTx;
  actor: Actor;
  clientId: string;
  seq: number;
  mutationId: string;
}

/**
 * Applies one validated mutation inside the push transaction (in a savepoint). Throws an
 * AppError to reject it for good: its writes are undone and the rejection is recorded.
 */
export type Applier<N extends MutationName> = (ctx: ApplyContext, args: MutationArgs<N>) => Promise<void>;

/** The author of a change made by this mutation, at the agent's instant `changedAt`. */
export function authorOf(ctx: ApplyContext, changedAt: number): ChangeAuthor {
  return { agentId: ctx.actor.accountId, agentName: ctx.actor.name, clientId: ctx.clientId, mutationId: ctx.mutationId, changedAt };
}

/**
 * A desktop's instant, as the backend accepts it: never in the future of the backend's clock (a
 * desktop whose clock runs ahead must not push a ticket to the top of every list for days).
 */
export function clampToNow(ctx: ApplyContext, at: number): number {
  return Math.min(at, ctx.tx.now);
}
