import { AppError } from '../../../shared/contract/errors';
import { mayChangeView, type SavedViewValue, type ViewFilter } from '../../../shared/domain/view';
import { clampToNow, type Applier, type ApplyContext } from '../apply-context';

/** Refuses a filter that names what the backend does not hold, or an empty time range, on the field at fault. */
async function checkFilter(ctx: ApplyContext, filter: ViewFilter): Promise<void> {
  const { tx } = ctx;
  if (filter.assignee !== undefined && filter.assignee !== 'me' && filter.assignee !== 'none' && !(await tx.getAgent(filter.assignee))) {
    throw new AppError('validation', 'There is no such agent', 'args.filter.assignee');
  }
  if (filter.groupId && !(await tx.getGroup(filter.groupId))) throw new AppError('validation', 'There is no such group', 'args.filter.groupId');
  if (filter.requesterId && !(await tx.getCustomer(filter.requesterId))) {
    throw new AppError('validation', 'There is no such customer', 'args.filter.requesterId');
  }
  if (filter.organisationId && !(await tx.getOrganisation(filter.organisationId))) {
    throw new AppError('validation', 'There is no such organisation', 'args.filter.organisationId');
  }
  for (const [from, to] of [['createdFrom', 'createdTo'], ['updatedFrom', 'updatedTo']] as const) {
    const start = filter[from];
    const end = filter[to];
    if (start !== undefined && end !== undefined && end <= start) throw new AppError('validation', 'The range ends before it starts', `args.filter.${to}`);
  }
}

/**
 * `view/save`: creates a saved view (owned by the pushing agent) or changes one, the whole view
 * last-writer-wins in server order. Who may change a view is `mayChangeView` (the owner; a shared
 * one also a lead or an admin, who cannot change who sees it). Names are unique per namespace, a
 * clash with a view saved meanwhile is a `conflict`. A deleted view stays deleted.
 */
export const applyViewSave: Applier<'view/save'> = async (ctx, args) => {
  const { tx, actor } = ctx;
  const existing = await tx.lockView(args.viewId);
  if (existing && existing.deletedAt !== null) throw new AppError('not-found', 'This view was deleted', 'args.viewId');
  const current = existing?.view;
  if (current && !mayChangeView(current, { id: actor.accountId, role: actor.role })) {
    // Someone else's personal view does not exist for this agent.
    if (current.scope === 'personal') throw new AppError('not-found', `There is no view ${args.viewId}`, 'args.viewId');
    throw new AppError('forbidden', 'Only the agent who made a shared view, a lead or an admin can change it', 'args.viewId');
  }
  if (current && current.ownerId !== actor.accountId && current.scope !== args.scope) {
    throw new AppError('forbidden', 'Only the agent who made a view can change who sees it', 'args.scope');
  }
  const ownerId = current?.ownerId ?? actor.accountId;
  if (await tx.findViewNamed(args.name, args.scope, ownerId, args.viewId)) {
    throw new AppError('conflict', `There is already a ${args.scope} view named "${args.name}"`, 'args.name');
  }
  await checkFilter(ctx, args.filter);
  const at = clampToNow(ctx, args.updatedAt);
  const view: SavedViewValue = {
    id: args.viewId,
    name: args.name,
    scope: args.scope,
    ownerId,
    filter: args.filter,
    sort: args.sort,
    createdAt: current?.createdAt ?? at,
    updatedAt: Math.max(current?.updatedAt ?? 0, at),
  };
  if (current && JSON.stringify({ ...current, updatedAt: 0 }) === JSON.stringify({ ...view, updatedAt: 0 })) return;
  await tx.saveView(view, current?.scope ?? null);
};
