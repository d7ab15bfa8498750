import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/ids';
import { messageBodySchema, messageKindSchema } from '../domain/message';
import type { Role } from '../domain/team';
import { ticketFieldsPatchSchema } from '../domain/ticket';

/** The roles that work tickets: everyone on the team but knowledge authors. */
const TICKET_WORKERS: readonly Role[] = ['agent', 'lead', 'admin'];

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
