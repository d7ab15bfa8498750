import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { presenceActivitySchema } from './presence-protocol';

/** Another agent on a ticket, as the desktop shows it ("Ana is viewing", "Ben is replying…"). */
export const presenceViewerSchema = z.object({
  agentId: idSchema,
  name: z.string(),
  activity: presenceActivitySchema,
});
export type PresenceViewer = z.infer<typeof presenceViewerSchema>;

/** Who else is on a ticket: never the signed-in agent; replying first, then by name. Empty while offline. */
const viewersSchema = z.object({ viewers: z.array(presenceViewerSchema) });

/** The contract's presence methods (live only: nothing is stored or queued while offline). */
export const presenceMethods = {
  /**
   * What the agent is doing now: the ticket open on screen (null: none) and whether they write a
   * public reply there. Told to the team while the desktop is live; answers who else is on it.
   */
  'presence/set': {
    input: z.object({ ticketId: idSchema.nullable(), activity: presenceActivitySchema }).strict(),
    output: viewersSchema,
  },
  /** Who else is on a ticket right now. */
  'presence/list': {
    input: z.object({ ticketId: idSchema }).strict(),
    output: viewersSchema,
  },
} as const;

/** The contract's presence events. */
export const presenceEvents = {
  /** Who else is on a ticket changed (someone came, left, started or stopped replying, or the desktop went offline). */
  'presence/changed': z.object({ ticketId: idSchema, viewers: z.array(presenceViewerSchema) }),
} as const;
