import { AppError } from '../../../shared/contract/errors';
import { writeTransaction } from '../../store/db';
import { deleteRejection, getRejection } from '../../store/queries/sync-state';
import { emptyTouched, localApplierOf, type Touched } from './local-appliers';
import { recordChange, type ChangeContext } from './outbox-writer';

/**
 * Makes a refused change again as a new local change (new seq, new mutation id), its rules
 * checked again on today's local data; the rejection goes. A change of a kind the desktop cannot
 * re-apply (one the backend did not know) still has its effect locally and is queued as it was.
 * Answers what the retry changed locally, for the UI's events.
 */
export function retryRejected(ctx: ChangeContext, mutationId: string): Touched {
  return writeTransaction(ctx.db, () => {
    const rejection = getRejection(ctx.db, mutationId);
    if (!rejection) throw new AppError('not-found', 'There is no such refused change', 'mutationId');
    if (!rejection.final) throw new AppError('conflict', 'This change is still on its way to the backend', 'mutationId');
    const at = ctx.now();
    // A field change retried now is the agent's decision of now (last writer wins in server order).
    const args =
      rejection.name === 'ticket/update-fields' && typeof rejection.args === 'object' && rejection.args !== null
        ? { ...rejection.args, updatedAt: at }
        : rejection.args;
    const ticketId = (args as { ticketId?: unknown } | null)?.ticketId;
    const applier = localApplierOf(rejection.name);
    const entry = { seq: 0, mutationId: rejection.mutationId, clientId: ctx.clientId, name: rejection.name, args, before: null, createdAt: at };
    const before = applier ? applier.reapply(ctx, entry) : null;
    // Views and customers are audited as themselves; every other change as the ticket it names.
    const timeline = applier?.timelineOf(args) ?? null;
    const audited = timeline && (timeline.kind === 'view' || timeline.kind === 'customer') ? timeline : { kind: 'ticket', id: typeof ticketId === 'string' ? ticketId : '' };
    recordChange(ctx, {
      name: rejection.name,
      args,
      before,
      entity: audited.kind,
      entityId: audited.id,
      action: 'sync-retried',
      at,
    });
    deleteRejection(ctx.db, mutationId);
    const touched = emptyTouched();
    if (applier) applier.touch(args, touched);
    else if (typeof ticketId === 'string') touched.tickets.add(ticketId);
    return touched;
  });
}

/** Forgets a refused change once the agent has read it; one still on its way cannot be discarded. */
export function discardRejected(ctx: ChangeContext, mutationId: string): void {
  writeTransaction(ctx.db, () => {
    const rejection = getRejection(ctx.db, mutationId);
    if (!rejection) throw new AppError('not-found', 'There is no such refused change', 'mutationId');
    if (!rejection.final) throw new AppError('conflict', 'This change is still on its way to the backend', 'mutationId');
    deleteRejection(ctx.db, mutationId);
  });
}
