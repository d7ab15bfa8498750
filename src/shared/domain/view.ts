import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { channelSchema, supportLevelSchema, ticketPrioritySchema, ticketStatusSchema, tagSchema } from './ticket';
import { supportPlanSchema } from './customer';
import type { Role } from './team';

/** SLA states a view can filter on: no deadline, on track, due within {@link SLA_AT_RISK_MS}, or past due. */
export const SLA_STATES = ['none', 'ok', 'at-risk', 'breached'] as const;
/** One SLA state of a ticket's next deadline. */
export const slaStateSchema = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof slaStateSchema>;

/** A deadline closer than this (milliseconds) counts as at risk. */
export const SLA_AT_RISK_MS = 2 * 60 * 60 * 1000;

/** Who a view's `assignee` filter keeps: the signed-in agent, nobody, or one agent by id. */
export const assigneeFilterSchema = z.union([z.literal('me'), z.literal('none'), idSchema]);

/**
 * What a view keeps. Every key narrows the list; a list value keeps tickets matching any of
 * its entries (`statuses: ['open','pending']`). Time bounds are instants, `…From` inclusive and
 * `…To` exclusive. `tags` keeps tickets carrying any of the tags.
 */
export const viewFilterSchema = z
  .object({
    unsolved: z.boolean(),
    statuses: z.array(ticketStatusSchema).min(1).max(6),
    priorities: z.array(ticketPrioritySchema).min(1).max(4),
    channels: z.array(channelSchema).min(1).max(5),
    levels: z.array(supportLevelSchema).min(1).max(4),
    plans: z.array(supportPlanSchema).min(1).max(3),
    slaStates: z.array(slaStateSchema).min(1).max(4),
    assignee: assigneeFilterSchema,
    groupId: idSchema.nullable(),
    requesterId: idSchema,
    organisationId: idSchema,
    tags: z.array(tagSchema).min(1).max(20),
    category: z.string().trim().min(1).max(100),
    createdFrom: instantSchema,
    createdTo: instantSchema,
    updatedFrom: instantSchema,
    updatedTo: instantSchema,
  })
  .partial()
  .strict();
export type ViewFilter = z.infer<typeof viewFilterSchema>;

/** Keys a list can be sorted by: last update, creation, priority, nearest SLA deadline, ticket number. */
export const VIEW_SORT_FIELDS = ['updated', 'created', 'priority', 'due', 'number'] as const;
/** How a view orders its tickets; ties are broken by ticket id in the same direction. */
export const viewSortSchema = z
  .object({ field: z.enum(VIEW_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
  .strict();
export type ViewSort = z.infer<typeof viewSortSchema>;

/** The default sort: most recently updated first. */
export const DEFAULT_VIEW_SORT: ViewSort = { field: 'updated', direction: 'desc' };

/** Who sees a view: everyone (built in), its owner only, or the whole team. */
export const VIEW_SCOPES = ['built-in', 'personal', 'shared'] as const;
export const viewScopeSchema = z.enum(VIEW_SCOPES);
export type ViewScope = z.infer<typeof viewScopeSchema>;

/** A view's display name: built-in views have none (the UI names them by id), saved ones do. */
export const viewNameSchema = z.string().trim().min(1, 'The view needs a name').max(80);

/** A view: a named filter and sort over tickets. */
export const viewSchema = z.object({
  id: z.string().min(1).max(100),
  name: viewNameSchema.nullable(),
  scope: viewScopeSchema,
  ownerId: idSchema.nullable(),
  filter: viewFilterSchema,
  sort: viewSortSchema,
});
export type View = z.infer<typeof viewSchema>;

function builtIn(id: string, filter: ViewFilter, sort: ViewSort = DEFAULT_VIEW_SORT): View {
  return { id, name: null, scope: 'built-in', ownerId: null, filter, sort };
}

/** The built-in views every agent has; the id doubles as the i18n key of the name. */
export const BUILT_IN_VIEWS: readonly View[] = [
  builtIn('my-open', { assignee: 'me', unsolved: true }),
  builtIn('unassigned', { assignee: 'none', unsolved: true }),
  builtIn('all-unsolved', { unsolved: true }),
  builtIn('level-l1', { levels: ['L1'], unsolved: true }),
  builtIn('level-l2', { levels: ['L2'], unsolved: true }),
  builtIn('level-l3', { levels: ['L3'], unsolved: true }),
  builtIn('level-l4', { levels: ['L4'], unsolved: true }),
  builtIn('sla-at-risk', { unsolved: true, slaStates: ['at-risk', 'breached'] }, { field: 'due', direction: 'asc' }),
  builtIn('pending', { statuses: ['pending'] }),
  builtIn('on-hold', { statuses: ['on-hold'] }),
  builtIn('recently-updated', {}),
  builtIn('solved', { statuses: ['solved'] }),
  builtIn('all', {}, { field: 'number', direction: 'desc' }),
];

/**
 * A keyset cursor: the sort key and id where the previous page stopped (its last row, or the
 * last ticket it examined when it stopped short). `key` is the sort column's value (null where
 * the row has none, e.g. no deadline or no number yet).
 */
export const pageCursorSchema = z.object({
  key: z.number().nullable(),
  id: z.string().max(100),
});
export type PageCursor = z.infer<typeof pageCursorSchema>;

/** Counts shown beside views stop at this number ("10,000+"), so counting never stalls the app. */
export const VIEW_COUNT_CAP = 10_000;

/** Who sees a saved view: its owner only, or the whole team. */
export const savedViewScopeSchema = z.enum(['personal', 'shared']);
export type SavedViewScope = z.infer<typeof savedViewScopeSchema>;

/**
 * A saved view as the backend keeps and syncs it (entity `view`): a personal view reaches its
 * owner's desktops only, a shared one everyone who works tickets. `updatedAt` is the backend's.
 */
export const savedViewSchema = z.object({
  id: idSchema,
  name: viewNameSchema,
  scope: savedViewScopeSchema,
  ownerId: idSchema,
  filter: viewFilterSchema,
  sort: viewSortSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type SavedViewValue = z.infer<typeof savedViewSchema>;

/** The roles that may change or delete a shared view someone else made (team leads keep the team's views tidy). */
export const SHARED_VIEW_KEEPERS: readonly Role[] = ['lead', 'admin'];

/**
 * Whether an agent may change or delete a saved view: their own, always; someone else's shared
 * view, a lead or an admin; someone else's personal view, nobody (it does not exist for them).
 * Only the owner changes who sees a view. The desktop and the backend apply the same rule.
 */
export function mayChangeView(view: { scope: SavedViewScope | 'built-in'; ownerId: string | null }, agent: { id: string; role: Role | null }): boolean {
  if (view.scope === 'built-in') return false;
  if (view.ownerId === agent.id) return true;
  return view.scope === 'shared' && agent.role !== null && SHARED_VIEW_KEEPERS.includes(agent.role);
}
