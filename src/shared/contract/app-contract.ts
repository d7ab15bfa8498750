import { z } from 'zod';
import { idSchema } from '../domain/ids';
import {
  channelSchema,
  escalationReasonSchema,
  MAX_BULK_TICKETS,
  subjectSchema,
  supportLevelSchema,
  tagSchema,
  ticketFieldsPatchSchema,
  ticketLinkKindSchema,
  ticketLinkSchema,
  ticketPrioritySchema,
  ticketRowSchema,
  ticketSchema,
  ticketTagEditSchema,
} from '../domain/ticket';
import { messageSchema, messageKindSchema, messageBodySchema, MAX_MESSAGE_BODY_CHARS } from '../domain/message';
import { customerPatchSchema, customerSchema, organisationSchema } from '../domain/customer';
import { macroSchema } from '../domain/macro';
import { draftSchema } from '../domain/draft';
import { agentSchema, groupSchema, supportLevelInfoSchema } from '../domain/team';
import { callSchema } from '../domain/call';
import { pageCursorSchema, viewFilterSchema, viewNameSchema, viewSchema, viewSortSchema } from '../domain/view';
import { searchInputSchema, searchOutputSchema } from '../search/search-schemas';
import { syncMethods } from './sync-methods';
import { matrixMethods } from './matrix-methods';
import { slaMethods } from './sla-methods';
import { presenceMethods } from './presence-methods';
import { seenUpToSchema } from '../domain/reply-check';

/** The largest page the ticket list asks for. */
export const MAX_PAGE_SIZE = 500;

const empty = z.object({}).strict();

/**
 * The one contract between the renderer and the main process: every method, its input
 * schema (validated at every transport) and its output schema. Names are `area/verb-object`.
 */
export const appContract = {
  /** Who is signed in, the store's state, the app's version. */
  'app/get-info': {
    input: empty,
    output: z.object({
      version: z.string(),
      clientId: z.string(),
      currentAgent: agentSchema.nullable(),
    }),
  },
  /** The team: agents, groups and support levels, for pickers and names. */
  'team/get': {
    input: empty,
    output: z.object({
      agents: z.array(agentSchema),
      groups: z.array(groupSchema),
      levels: z.array(supportLevelInfoSchema),
    }),
  },
  /** The views the agent can pick: built-in, their own and the team's shared ones. */
  'view/list': {
    input: empty,
    output: z.array(viewSchema),
  },
  /** How many tickets each view holds, capped at VIEW_COUNT_CAP (then shown as "10,000+"). */
  'view/count': {
    input: z.object({ viewIds: z.array(z.string().min(1).max(100)).min(1).max(100) }).strict(),
    output: z.record(z.string(), z.number().int().nonnegative()),
  },
  /** Saves a personal or shared view (new when `id` is absent). */
  'view/save': {
    input: z
      .object({
        id: idSchema.optional(),
        name: viewNameSchema,
        scope: z.enum(['personal', 'shared']),
        filter: viewFilterSchema,
        sort: viewSortSchema,
      })
      .strict(),
    output: viewSchema,
  },
  /** Deletes a saved view; built-in views cannot be deleted. */
  'view/delete': {
    input: z.object({ viewId: idSchema }).strict(),
    output: z.object({ viewId: idSchema }),
  },
  /**
   * One keyset page of tickets: of a saved or built-in view, or of an ad-hoc filter and sort. A
   * page of a filter no index serves may hold fewer rows than `limit` while `next` is set: read on.
   */
  'ticket/list': {
    input: z
      .object({
        viewId: z.string().min(1).max(100).optional(),
        filter: viewFilterSchema.optional(),
        sort: viewSortSchema.optional(),
        after: pageCursorSchema.nullable().optional(),
        limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
      })
      .strict()
      .refine((input) => input.viewId !== undefined || input.filter !== undefined, {
        message: 'Name a view or give a filter',
        path: ['viewId'],
      }),
    output: z.object({
      rows: z.array(ticketRowSchema),
      next: pageCursorSchema.nullable(),
    }),
  },
  /** A ticket with the newest part of its thread, requester, organisation, calls and links. */
  'ticket/get': {
    input: z.object({ ticketId: idSchema }).strict(),
    output: z.object({
      ticket: ticketSchema,
      messages: z.array(messageSchema),
      /** How many older messages the thread has beyond `messages` (page them with ticket/list-messages). */
      olderMessages: z.number().int().nonnegative(),
      requester: customerSchema,
      organisation: organisationSchema.nullable(),
      calls: z.array(callSchema),
      links: z.array(ticketLinkSchema),
      /** Tickets merged into this one, whose threads show in this one. */
      mergedFrom: z.array(z.object({ id: idSchema, number: z.number().int().positive().nullable(), subject: z.string() })),
    }),
  },
  /** Older messages of a thread, oldest first, ending just before `before`. */
  'ticket/list-messages': {
    input: z
      .object({
        ticketId: idSchema,
        before: z.object({ createdAt: z.number().int(), id: idSchema }).strict(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    output: z.object({ messages: z.array(messageSchema), olderMessages: z.number().int().nonnegative() }),
  },
  /** Creates a ticket on behalf of a customer, with its first message; works offline. */
  'ticket/create': {
    input: z
      .object({
        requesterId: idSchema,
        subject: subjectSchema,
        body: messageBodySchema,
        channel: channelSchema,
        priority: ticketPrioritySchema.optional(),
        level: supportLevelSchema.optional(),
        groupId: idSchema.nullable().optional(),
        assigneeId: idSchema.nullable().optional(),
        tags: z.array(tagSchema).max(50).optional(),
        category: z.string().trim().max(100).nullable().optional(),
      })
      .strict(),
    output: ticketSchema,
  },
  /**
   * Changes many tickets as one action: the same fields on each (`patch`) and tags added to and
   * removed from each ticket's own tags (`tags`); the answer's undoId reverts it.
   */
  'ticket/bulk-update': {
    input: z
      .object({
        ticketIds: z.array(idSchema).min(1).max(MAX_BULK_TICKETS),
        patch: ticketFieldsPatchSchema.optional(),
        tags: ticketTagEditSchema.optional(),
      })
      .strict()
      .refine((input) => input.patch !== undefined || input.tags !== undefined, { message: 'Nothing to change', path: ['patch'] })
      .refine((input) => input.patch?.tags === undefined || input.tags === undefined, {
        message: 'Replace the tags or add and remove some, not both',
        path: ['tags'],
      }),
    output: z.object({ changed: z.number().int().nonnegative(), undoId: idSchema.nullable() }),
  },
  /** Reverts a bulk edit: each field goes back where the edit still holds; later edits by others stay. */
  'ticket/undo-bulk-update': {
    input: z.object({ undoId: idSchema }).strict(),
    output: z.object({ reverted: z.number().int().nonnegative() }),
  },
  /** Escalates a ticket to the next support level with a reason, handing it to that level's group. */
  'ticket/escalate': {
    input: z.object({ ticketId: idSchema, reason: escalationReasonSchema }).strict(),
    output: ticketSchema,
  },
  /** Merges one ticket into another: the source closes and its thread shows in the target. */
  'ticket/merge': {
    input: z.object({ sourceId: idSchema, targetId: idSchema }).strict(),
    output: ticketSchema,
  },
  /** Links two tickets (both show the link). */
  'ticket/link': {
    input: z.object({ ticketId: idSchema, otherId: idSchema, kind: ticketLinkKindSchema }).strict(),
    output: z.array(ticketLinkSchema),
  },
  /** Removes the link between two tickets. */
  'ticket/unlink': {
    input: z.object({ ticketId: idSchema, otherId: idSchema }).strict(),
    output: z.array(ticketLinkSchema),
  },
  /** The macros the agent can apply. */
  'macro/list': {
    input: empty,
    output: z.array(macroSchema),
  },
  /** Applies a macro to a ticket in one action: its message (placeholders filled) and its field changes. */
  'macro/apply': {
    input: z.object({ ticketId: idSchema, macroId: idSchema, body: messageBodySchema.optional(), seenUpTo: seenUpToSchema.optional() }).strict(),
    output: z.object({ ticket: ticketSchema, message: messageSchema.nullable() }),
  },
  /** The draft the agent left on a ticket, if any. */
  'draft/get': {
    input: z.object({ ticketId: idSchema }).strict(),
    output: draftSchema.nullable(),
  },
  /** Saves what the agent is typing; an empty body deletes the draft. */
  'draft/save': {
    input: z
      .object({ ticketId: idSchema, kind: messageKindSchema, body: z.string().max(MAX_MESSAGE_BODY_CHARS) })
      .strict(),
    output: draftSchema.nullable(),
  },
  /** A customer with their organisation and their other tickets, newest first. */
  'customer/get': {
    input: z.object({ customerId: idSchema }).strict(),
    output: z.object({
      customer: customerSchema,
      organisation: organisationSchema.nullable(),
      tickets: z.array(ticketRowSchema),
    }),
  },
  /** Customers whose name or email starts with the text, for pickers. */
  'customer/find': {
    input: z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: z.array(customerSchema),
  },
  /** Changes a customer's proficiency, language, time zone, phone numbers or opt-outs. */
  'customer/update': {
    input: z.object({ customerId: idSchema, patch: customerPatchSchema }).strict(),
    output: customerSchema,
  },
  /**
   * Appends a public reply or an internal note to a ticket's thread. A reply (here or a macro's)
   * with `seenUpTo`, the newest message shown when the agent started writing, is refused with
   * `conflict` on `seenUpTo` while the thread holds newer customer messages or others' replies
   * (`details`: `staleReplyDetailsSchema`).
   */
  'ticket/add-message': {
    input: z
      .object({
        ticketId: idSchema,
        kind: messageKindSchema,
        body: messageBodySchema,
        seenUpTo: seenUpToSchema.optional(),
      })
      .strict(),
    output: messageSchema,
  },
  /** Changes some of a ticket's fields in one action. */
  'ticket/update-fields': {
    input: z.object({ ticketId: idSchema, patch: ticketFieldsPatchSchema }).strict(),
    output: ticketSchema,
  },
  /** One page of tickets matching a search-box query (subjects, messages, requesters), with snippets and problems to show. */
  'search/tickets': {
    input: searchInputSchema,
    output: searchOutputSchema,
  },
  /** Sync with the team's backend: status, sign-in, the work-offline switch, refused changes, overridden values. */
  ...syncMethods,
  /** The escalation matrix (versions, the agent's draft, diff, rebase, what-if, publish) and a ticket's SLA clocks. */
  ...matrixMethods,
  /** Business-time arithmetic on a JSON calendar: a due time with its explanation, or the business minutes between two instants. */
  ...slaMethods,
  /** Who else is viewing or replying to a ticket, live. */
  ...presenceMethods,
} as const;

/** The contract's type. */
export type AppContract = typeof appContract;
/** A method name of the contract. */
export type MethodName = keyof AppContract;
/** What a method takes, after validation. */
export type MethodInput<M extends MethodName> = z.output<AppContract[M]['input']>;
/** What a caller passes to a method, before validation. */
export type MethodParams<M extends MethodName> = z.input<AppContract[M]['input']>;
/** What a method answers. */
export type MethodOutput<M extends MethodName> = z.output<AppContract[M]['output']>;

/** Whether a string names a method of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(appContract, name);
}
