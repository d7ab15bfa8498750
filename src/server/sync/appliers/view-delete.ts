import { AppError } from '../../../shared/contract/errors';
import { mayChangeView } from '../../../shared/domain/view';
import type { Applier } from '../apply-context';

/**
 * `view/delete`: deletes a saved view for good (the same rule as changing it). Deleting a view that
 * was deleted meanwhile changes nothing: what the agent wanted is done.
 */
export const applyViewDelete: Applier<'view/delete'> = async (ctx, args) => {
  const { tx, actor } = ctx;
  const existing = await tx.lockView(args.viewId);
  if (existing && existing.deletedAt !== null) return;
  const view = existing?.view;
  if (!view || (view.scope === 'personal' && view.ownerId !== actor.accountId)) {
    throw new AppError('not-found', `There is no view ${args.viewId}`, 'args.viewId');
  }
  if (!mayChangeView(view, { id: actor.accountId, role: actor.role })) {
    throw new AppError('forbidden', 'Only the agent who made a shared view, a lead or an admin can delete it', 'args.viewId');
  }
  await tx.deleteView(view);
};
