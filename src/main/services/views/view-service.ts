import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import { BUILT_IN_VIEWS, mayChangeView, VIEW_COUNT_CAP, type View, type ViewFilter } from '../../../shared/domain/view';
import { writeTransaction, type Db } from '../../store/db';
import { getCustomer, getOrganisation } from '../../store/queries/customers';
import { agentExists, getAgent, groupExists } from '../../store/queries/team';
import { countTicketsCapped } from '../../store/queries/ticket-list';
import { deleteView, findViewNamed, getSavedView, listVisibleViews, upsertView, type SavedView } from '../../store/queries/views';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';

const BUILT_IN_BY_ID = new Map(BUILT_IN_VIEWS.map((view) => [view.id, view]));

/**
 * The view `viewId` names, as `agentId` sees it: a built-in view, a shared view, or one of
 * their own personal views. Someone else's personal view does not exist for them.
 */
export function findVisibleView(db: Db, viewId: string, agentId: string | null): View | undefined {
  const builtIn = BUILT_IN_BY_ID.get(viewId);
  if (builtIn) return builtIn;
  const saved = getSavedView(db, viewId)?.view;
  if (!saved) return undefined;
  return saved.scope === 'shared' || (agentId !== null && saved.ownerId === agentId) ? saved : undefined;
}

/** A saved view as a before-image: what a save or delete replaced. */
export function imageOf(saved: SavedView) {
  const { name, scope, ownerId, filter, sort } = saved.view;
  return { name, scope, ownerId, filter, sort, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
}

/**
 * Whether saving `next` over `current` changes nothing (name, scope, filter and sort as they are).
 * The backend writes nothing for such a save and keeps the view's `updatedAt`, so neither does
 * the desktop: a pull would never bring the backend's value back over a local one.
 */
export function sameViewContent(current: View, next: View): boolean {
  const content = (view: View) => JSON.stringify([view.name, view.scope, view.ownerId, view.filter, view.sort]);
  return content(current) === content(next);
}

/** Whether `agentId` may change or delete a saved view (the rule the backend applies too: `mayChangeView`). */
export function agentMayChangeView(db: Db, view: View, agentId: string): boolean {
  return mayChangeView(view, { id: agentId, role: getAgent(db, agentId)?.role ?? null });
}

/** Refuses a filter that names what does not exist or an empty time range, on the field at fault. */
function checkFilter(db: Db, filter: ViewFilter): void {
  if (filter.assignee !== undefined && filter.assignee !== 'me' && filter.assignee !== 'none' && !agentExists(db, filter.assignee)) {
    throw new AppError('validation', 'There is no such agent', 'filter.assignee');
  }
  if (filter.groupId && !groupExists(db, filter.groupId)) throw new AppError('validation', 'There is no such group', 'filter.groupId');
  if (filter.requesterId && !getCustomer(db, filter.requesterId)) {
    throw new AppError('validation', 'There is no such customer', 'filter.requesterId');
  }
  if (filter.organisationId && !getOrganisation(db, filter.organisationId)) {
    throw new AppError('validation', 'There is no such organisation', 'filter.organisationId');
  }
  for (const [from, to] of [['createdFrom', 'createdTo'], ['updatedFrom', 'updatedTo']] as const) {
    const start = filter[from];
    const end = filter[to];
    if (start !== undefined && end !== undefined && end <= start) throw new AppError('validation', 'The range ends before it starts', `filter.${to}`);
  }
}

/**
 * Views: the built-in ones and the saved ones (personal views visible to their owner only,
 * shared views to the whole team), their capped counts, and saving and deleting. Saving and
 * deleting are synced changes (outbox + audit), so an agent's views follow them to another
 * desktop and shared views reach the team.
 */
export class ViewService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
  ) {}

  listViews(): View[] {
    return [...BUILT_IN_VIEWS, ...listVisibleViews(this.ctx.db, this.ctx.agentId).map((saved) => saved.view)];
  }

  /**
   * How many tickets each view holds, each counted no further than VIEW_COUNT_CAP + 1 (shown as
   * "10,000+"). One read transaction, so the counts come from one snapshot. Ids of views that do
   * not exist (any more) for this agent are left out of the answer.
   */
  countViews(input: MethodInput<'view/count'>): MethodOutput<'view/count'> {
    const { db, agentId } = this.ctx;
    const env = { agentId, now: this.ctx.now() };
    return db.transaction(() => {
      const counts: Record<string, number> = {};
      for (const viewId of new Set(input.viewIds)) {
        const view = findVisibleView(db, viewId, agentId);
        if (view) counts[viewId] = countTicketsCapped(db, view.filter, env, VIEW_COUNT_CAP);
      }
      return counts;
    })();
  }

  saveView(input: MethodInput<'view/save'>): View {
    const { db } = this.ctx;
    const agentId = this.requireAgent();
    const result = writeTransaction(db, () => {
      const at = this.ctx.now();
      const existing = input.id === undefined ? undefined : getSavedView(db, input.id);
      if (input.id !== undefined && BUILT_IN_BY_ID.has(input.id)) throw new AppError('forbidden', 'Built-in views cannot be changed', 'id');
      if (existing && !agentMayChangeView(db, existing.view, agentId)) {
        // Someone else's personal view does not exist for this agent; a shared one is its owner's (and the leads').
        if (existing.view.scope === 'personal') throw new AppError('not-found', `There is no view ${input.id}`, 'id');
        throw new AppError('forbidden', 'Only the agent who made a shared view, a lead or an admin can change it', 'id');
      }
      if (existing && existing.view.ownerId !== agentId && existing.view.scope !== input.scope) {
        throw new AppError('forbidden', 'Only the agent who made a view can change who sees it', 'scope');
      }
      const ownerId = existing?.view.ownerId ?? agentId;
      const id = existing?.view.id ?? input.id ?? newId();
      if (findViewNamed(db, input.name, input.scope, ownerId, id)) {
        throw new AppError('validation', `There is already a ${input.scope} view named "${input.name}"`, 'name');
      }
      checkFilter(db, input.filter);
      const view: View = { id, name: input.name, scope: input.scope, ownerId, filter: input.filter, sort: input.sort };
      if (existing && sameViewContent(existing.view, view)) return { view: existing.view, changed: false };
      const next: SavedView = { view, createdAt: existing?.createdAt ?? at, updatedAt: at };
      upsertView(db, next);
      recordChange(this.ctx, {
        name: 'view/save',
        args: { viewId: id, name: view.name, scope: view.scope, filter: view.filter, sort: view.sort, updatedAt: at },
        before: existing ? imageOf(existing) : null,
        entity: 'view',
        entityId: id,
        action: existing ? 'view-changed' : 'view-created',
        at,
      });
      return { view, changed: true };
    });
    if (result.changed) this.events.emit({ name: 'view/changed', payload: { viewId: result.view.id } });
    return result.view;
  }

  deleteView(input: MethodInput<'view/delete'>): MethodOutput<'view/delete'> {
    const { db } = this.ctx;
    if (BUILT_IN_BY_ID.has(input.viewId)) throw new AppError('forbidden', 'Built-in views cannot be deleted', 'viewId');
    const agentId = this.requireAgent();
    writeTransaction(db, () => {
      const existing = getSavedView(db, input.viewId);
      if (!existing || (existing.view.scope === 'personal' && existing.view.ownerId !== agentId)) {
        throw new AppError('not-found', `There is no view ${input.viewId}`, 'viewId');
      }
      if (!agentMayChangeView(db, existing.view, agentId)) {
        throw new AppError('forbidden', 'Only the agent who made a shared view, a lead or an admin can delete it', 'viewId');
      }
      const at = this.ctx.now();
      deleteView(db, input.viewId, at);
      recordChange(this.ctx, {
        name: 'view/delete',
        args: { viewId: input.viewId, deletedAt: at },
        before: imageOf(existing),
        entity: 'view',
        entityId: input.viewId,
        action: 'view-deleted',
        at,
      });
    });
    this.events.emit({ name: 'view/changed', payload: { viewId: input.viewId } });
    return { viewId: input.viewId };
  }

  private requireAgent(): string {
    if (this.ctx.agentId === null) throw new AppError('forbidden', 'Sign in to save views');
    return this.ctx.agentId;
  }
}
