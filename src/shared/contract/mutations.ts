import { z } from 'zod';
import { isKnownTimeZone } from '../business-time/calendar';
import { e164Schema, OPT_OUT_CHANNELS, optOutChannelSchema, proficiencySchema } from '../domain/customer';
import { idSchema, instantSchema } from '../domain/ids';
import { messageBodySchema, messageKindSchema } from '../domain/message';
import type { Role } from '../domain/team';
import {
  channelSchema,
  escalationReasonSchema,
  subjectSchema,
  supportLevelSchema,
  tagSchema,
  ticketFieldsPatchSchema,
  ticketLinkKindSchema,
  ticketPrioritySchema,
} from '../domain/ticket';
import { savedViewScopeSchema, viewFilterSchema, viewNameSchema, viewSortSchema } from '../domain/view';
import { matrixDocumentShapeSchema } from '../domain/escalation-matrix/schema';
import { MATRIX_PUBLISHERS } from '../domain/matrix-versions';

/** The roles that work tickets: everyone on the team but knowledge authors. */
const TICKET_WORKERS: readonly Role[] = ['agent', 'lead', 'admin'];

/** Whether a language tag is in its canonical BCP 47 form (`en`, `nl-BE`), as the desktop stores it. */
function isCanonicalLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag)[0] === tag;
  } catch {
    return false;
  }
}

/**
 * The customer details a `customer/update` carries: the values the desktop normalised and the
 * agent confirmed (E.164 phone numbers, a canonical language tag, an IANA time zone, opt-outs
 * once each). Every key optional, at least one present.
 */
const customerDetailsPatchSchema = z
  .object({
    proficiency: proficiencySchema,
    language: z.string().min(2).max(35).refine(isCanonicalLanguageTag, 'Not a canonical language tag such as en or nl-BE'),
    timeZone: z.string().min(1).max(64).refine(isKnownTimeZone, 'Not an IANA time zone such as Europe/Amsterdam'),
    phones: z.array(e164Schema).max(10),
    optOuts: z
      .array(optOutChannelSchema)
      .max(OPT_OUT_CHANNELS.length)
      .refine((channels) => new Set(channels).size === channels.length, 'An opt-out is named twice'),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });

/**
 * The mutation table: every change a desktop can push, by name (`area/verb-object`), with the
 * schema of its args and the roles allowed to make it. The desktop writes these into its outbox;
 * the backend re-validates the args with the same schema and applies them with the applier of
 * the same name (`src/server/sync/appliers.ts`, a mapped type: a missing applier fails to compile).
 * Adding a mutation is one entry here plus one applier. Args never change shape once shipped:
 * a new shape is a new name (the outbox of an old desktop may still hold the old one).
 */
export const mutations = {
  /** Changes some of a ticket's fields; `updatedAt` is the agent's local instant of the change. */
  'ticket/update-fields': {
    args: z.object({ ticketId: idSchema, patch: ticketFieldsPatchSchema, updatedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /** Appends a reply or note with a client-made id; applying the same `messageId` twice adds it once. */
  'ticket/add-message': {
    args: z
      .object({
        messageId: idSchema,
        ticketId: idSchema,
        kind: messageKindSchema,
        body: messageBodySchema,
        createdAt: instantSchema,
      })
      .strict(),
    roles: TICKET_WORKERS,
  },
  /**
   * Creates a ticket made on a desktop (offline too) with its first message, the requester's
   * words. The backend numbers it; the status follows from the assignee (`open` with one, `new`
   * without), the organisation from the requester.
   */
  'ticket/create': {
    args: z
      .object({
        ticketId: idSchema,
        requesterId: idSchema,
        subject: subjectSchema,
        priority: ticketPrioritySchema,
        channel: channelSchema,
        category: z.string().trim().max(100).nullable(),
        tags: z.array(tagSchema).max(50),
        assigneeId: idSchema.nullable(),
        groupId: idSchema.nullable(),
        level: supportLevelSchema,
        createdAt: instantSchema,
        message: z.object({ messageId: idSchema, body: messageBodySchema }).strict(),
      })
      .strict(),
    roles: TICKET_WORKERS,
  },
  /**
   * Escalates a ticket one level up, from `from` to `to` (the next level), to `groupId` (a group
   * of that level, or none), with an internal note giving the reason. Applied only while the
   * ticket is still at `from`: one problem is escalated once.
   */
  'ticket/escalate': {
    args: z
      .object({
        ticketId: idSchema,
        from: supportLevelSchema,
        to: supportLevelSchema,
        groupId: idSchema.nullable(),
        messageId: idSchema,
        reason: escalationReasonSchema,
        escalatedAt: instantSchema,
      })
      .strict(),
    roles: TICKET_WORKERS,
  },
  /** Merges ticket `ticketId` into `targetId`: the merged ticket closes and points at the one that carries on, which gets a note. */
  'ticket/merge': {
    args: z.object({ ticketId: idSchema, targetId: idSchema, messageId: idSchema, mergedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /** Links two tickets with a kind as `ticketId` reads it (the other ticket reads the reverse); linking again changes the kind. */
  'ticket/link': {
    args: z.object({ ticketId: idSchema, otherId: idSchema, kind: ticketLinkKindSchema, linkedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /** Removes the link between two tickets; tickets that are not linked stay as they are. */
  'ticket/unlink': {
    args: z.object({ ticketId: idSchema, otherId: idSchema, unlinkedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /** Creates or changes a saved view (the pushing agent owns a new one); personal views reach their owner only. */
  'view/save': {
    args: z
      .object({
        viewId: idSchema,
        name: viewNameSchema,
        scope: savedViewScopeSchema,
        filter: viewFilterSchema,
        sort: viewSortSchema,
        updatedAt: instantSchema,
      })
      .strict(),
    roles: TICKET_WORKERS,
  },
  /** Deletes a saved view for good. */
  'view/delete': {
    args: z.object({ viewId: idSchema, deletedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /** Changes some of a customer's details (see the patch schema above); last writer wins per field. */
  'customer/update': {
    args: z.object({ customerId: idSchema, patch: customerDetailsPatchSchema, updatedAt: instantSchema }).strict(),
    roles: TICKET_WORKERS,
  },
  /**
   * Publishes a version of the escalation matrix: the document (its rules are checked again with
   * `validateMatrix`), the published version it was edited from (refused with `conflict` unless it
   * is still the one in force; null: none was published yet), and the lead's change summary.
   */
  'matrix/publish': {
    args: z
      .object({
        document: matrixDocumentShapeSchema,
        basedOnVersion: z.number().int().positive().nullable(),
        changeSummary: z.string().trim().min(1).max(5000),
        publishedAt: instantSchema,
      })
      .strict(),
    roles: MATRIX_PUBLISHERS,
  },
} as const satisfies Record<string, { args: z.ZodType; roles: readonly Role[] }>;

/** The mutation table's type. */
export type Mutations = typeof mutations;
/** A mutation name of the table. */
export type MutationName = keyof Mutations;
/** The args of a mutation after validation. */
export type MutationArgs<N extends MutationName> = z.output<Mutations[N]['args']>;
/** Every mutation name, in table order. */
export const MUTATION_NAMES = Object.keys(mutations) as MutationName[];

/** Whether a string names a mutation of the table. */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutations, name);
}

/** One mutation with its name and typed args, as an applier receives it. */
export type TypedMutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];
