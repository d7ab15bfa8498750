import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

/** Ticket lifecycle states, in workflow order. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on-hold', 'solved', 'closed'] as const;
/** A ticket's lifecycle state. */
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** Statuses that still need work from the team (Zendesk's "unsolved"). */
export const UNSOLVED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on-hold'];

/** Ticket priorities, lowest first. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** A ticket's priority. */
export const ticketPrioritySchema = z.enum(TICKET_PRIORITIES);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

/** Channels a customer reaches support through. */
export const CHANNELS = ['email', 'chat', 'phone', 'social', 'web'] as const;
/** The channel a ticket or message came in through. */
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Support levels: L1 helpdesk, L2 specialist, L3 expert, L4 development. */
export const SUPPORT_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
/** A support level. */
export const supportLevelSchema = z.enum(SUPPORT_LEVELS);
export type SupportLevel = z.infer<typeof supportLevelSchema>;

/** A tag: lower case, no spaces, at most 50 characters. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[^\s,]+$/, 'A tag has no spaces or commas');

/** The most tags one ticket carries, whether set as a list or left by a bulk tag edit. */
export const MAX_TICKET_TAGS = 50;

/** A ticket subject: at least one visible character, at most 250. */
export const subjectSchema = z.string().trim().min(1, 'The subject is empty').max(250);

/** A ticket as the workspace sees it; `number` is null until the backend assigns one on first sync. */
export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int().positive().nullable(),
  subject: subjectSchema,
  status: ticketStatusSchema,
  priority: ticketPrioritySchema,
  channel: channelSchema,
  category: z.string().nullable(),
  tags: z.array(tagSchema),
  requesterId: idSchema,
  organisationId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  groupId: idSchema.nullable(),
  level: supportLevelSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  solvedAt: instantSchema.nullable(),
  /** The next SLA deadline still running (first response, next response or resolution); null when none runs. */
  dueAt: instantSchema.nullable(),
  /** Set when this ticket was merged into another: the one that carries on. */
  mergedIntoId: idSchema.nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** A row of the ticket list: the ticket plus the names the list shows. */
export const ticketRowSchema = ticketSchema.extend({
  requesterName: z.string(),
  assigneeName: z.string().nullable(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

/** The ticket fields an agent can change directly; every key optional, at least one present. */
export const ticketFieldsPatchSchema = z
  .object({
    status: ticketStatusSchema,
    priority: ticketPrioritySchema,
    assigneeId: idSchema.nullable(),
    groupId: idSchema.nullable(),
    level: supportLevelSchema,
    category: z.string().trim().max(100).nullable(),
    tags: z.array(tagSchema).max(MAX_TICKET_TAGS),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type TicketFieldsPatch = z.infer<typeof ticketFieldsPatchSchema>;

/** The reason an agent gives when escalating a ticket to the next support level. */
export const escalationReasonSchema = z.string().trim().min(1, 'Say why the ticket is escalated').max(1000);

/**
 * How two tickets relate, as the first ticket sees it: the same problem seen twice, caused by
 * the other, or the cause of the other. `caused-by` and `causes` are each other's reverse (A
 * caused-by B shows on B as B causes A); `related` and `duplicate` read the same both ways.
 */
export const TICKET_LINK_KINDS = ['related', 'duplicate', 'caused-by', 'causes'] as const;
export const ticketLinkKindSchema = z.enum(TICKET_LINK_KINDS);
export type TicketLinkKind = z.infer<typeof ticketLinkKindSchema>;

/** A link from one ticket to another, as the first ticket shows it. */
export const ticketLinkSchema = z.object({
  ticketId: idSchema,
  otherId: idSchema,
  otherNumber: z.number().int().positive().nullable(),
  otherSubject: z.string(),
  otherStatus: ticketStatusSchema,
  kind: ticketLinkKindSchema,
  createdAt: instantSchema,
});
export type TicketLink = z.infer<typeof ticketLinkSchema>;

/** The most tickets one bulk edit may change. */
export const MAX_BULK_TICKETS = 1000;

/**
 * Tags a bulk edit adds to and removes from each ticket's own tags (normalised by tagSchema; a tag
 * named twice counts once): at least one tag, and never the same tag in both lists.
 */
export const ticketTagEditSchema = z
  .object({
    add: z.array(tagSchema).max(MAX_TICKET_TAGS),
    remove: z.array(tagSchema).max(MAX_TICKET_TAGS),
  })
  .strict()
  .refine((edit) => edit.add.length + edit.remove.length > 0, { message: 'Name a tag to add or remove', path: ['add'] })
  .refine((edit) => !edit.add.some((tag) => edit.remove.includes(tag)), {
    message: 'A tag cannot be added and removed in the same edit',
    path: ['remove'],
  });
export type TicketTagEdit = z.infer<typeof ticketTagEditSchema>;

/**
 * A ticket's tags after a bulk tag edit: the removed ones dropped, the added ones that are not there
 * yet appended, the others kept in their order. The workspace shows what the store will hold.
 */
export function applyTagEdit(tags: readonly string[], edit: TicketTagEdit): string[] {
  const removed = new Set(edit.remove);
  return [...new Set([...tags.filter((tag) => !removed.has(tag)), ...edit.add])];
}
