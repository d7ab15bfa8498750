import { z } from 'zod';
import { ticketStatusSchema, supportLevelSchema } from './ticket';

/** What a view keeps: each key narrows the list; `assignee` is 'me', 'none' or an agent id. */
export const viewFilterSchema = z.object({
  unsolved: z.boolean().optional(),
  status: ticketStatusSchema.optional(),
  level: supportLevelSchema.optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
});
export type ViewFilter = z.infer<typeof viewFilterSchema>;

/** A view: a named filter over tickets, sorted newest-updated first. */
export const viewSchema = z.object({
  id: z.string(),
  filter: viewFilterSchema,
});
export type View = z.infer<typeof viewSchema>;

/** The built-in views every agent has; the id doubles as the i18n key of the name. */
export const BUILT_IN_VIEWS: readonly View[] = [
  { id: 'my-open', filter: { assignee: 'me', unsolved: true } },
  { id: 'unassigned', filter: { assignee: 'none', unsolved: true } },
  { id: 'all-unsolved', filter: { unsolved: true } },
  { id: 'level-l1', filter: { level: 'L1', unsolved: true } },
  { id: 'level-l2', filter: { level: 'L2', unsolved: true } },
  { id: 'level-l3', filter: { level: 'L3', unsolved: true } },
  { id: 'level-l4', filter: { level: 'L4', unsolved: true } },
  { id: 'pending', filter: { status: 'pending' } },
  { id: 'on-hold', filter: { status: 'on-hold' } },
  { id: 'solved', filter: { status: 'solved' } },
  { id: 'all', filter: {} },
];

/** A keyset cursor: the sort key of the last row of the previous page. */
export const pageCursorSchema = z.object({
  updatedAt: z.number().int(),
  id: z.string(),
});
export type PageCursor = z.infer<typeof pageCursorSchema>;
