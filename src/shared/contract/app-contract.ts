import { z } from 'zod';
import { idSchema } from '../domain/ids';
import {
  ticketSchema,
  ticketRowSchema,
  ticketFieldsPatchSchema,
} from '../domain/ticket';
import { messageSchema, messageKindSchema, messageBodySchema } from '../domain/message';
import { customerSchema, organisationSchema } from '../domain/customer';
import { agentSchema, groupSchema, supportLevelInfoSchema } from '../domain/team';
import { callSchema } from '../domain/call';
import { viewSchema, pageCursorSchema } from '../domain/view';

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
  /** The views the agent can pick. */
  'view/list': {
    input: empty,
    output: z.array(viewSchema),
  },
  /** One keyset page of a view's tickets, newest updated first. */
  'ticket/list': {
    input: z
      .object({
        viewId: z.string().min(1).max(100),
        after: pageCursorSchema.nullable().optional(),
        limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
      })
      .strict(),
    output: z.object({
      rows: z.array(ticketRowSchema),
      next: pageCursorSchema.nullable(),
    }),
  },
  /** A ticket with its thread, requester, organisation and calls. */
  'ticket/get': {
    input: z.object({ ticketId: idSchema }).strict(),
    output: z.object({
      ticket: ticketSchema,
      messages: z.array(messageSchema),
      requester: customerSchema,
      organisation: organisationSchema.nullable(),
      calls: z.array(callSchema),
    }),
  },
  /** Appends a public reply or an internal note to a ticket's thread. */
  'ticket/add-message': {
    input: z
      .object({
        ticketId: idSchema,
        kind: messageKindSchema,
        body: messageBodySchema,
      })
      .strict(),
    output: messageSchema,
  },
  /** Changes some of a ticket's fields in one action. */
  'ticket/update-fields': {
    input: z.object({ ticketId: idSchema, patch: ticketFieldsPatchSchema }).strict(),
    output: ticketSchema,
  },
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
