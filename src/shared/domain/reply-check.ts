import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { messageSchema, type Message } from './message';

/**
 * The newest message a composer showed when the agent started writing: a place in the thread,
 * whose messages sort by (createdAt, id).
 */
export const seenUpToSchema = z.object({ createdAt: instantSchema, id: idSchema }).strict();
export type SeenUpTo = z.infer<typeof seenUpToSchema>;

/** The input field a public reply is refused on (`conflict`) when the thread moved on since {@link SeenUpTo}. */
export const SEEN_UP_TO_FIELD = 'seenUpTo';

/** The `details` of that refusal: the messages the agent has not seen, oldest first. */
export const staleReplyDetailsSchema = z.object({ newer: z.array(messageSchema) });
export type StaleReplyDetails = z.infer<typeof staleReplyDetailsSchema>;

/** Whether a message sorts after a place in the thread. */
function isAfter(message: Message, seenUpTo: SeenUpTo): boolean {
  return message.createdAt > seenUpTo.createdAt || (message.createdAt === seenUpTo.createdAt && message.id > seenUpTo.id);
}

/**
 * The messages after `seenUpTo` that an agent about to send a public reply should read first:
 * the customer's, and public replies by anyone else. Internal notes, system notes and the
 * agent's own replies (from another desktop, say) do not hold a reply back.
 */
export function unseenBeforeReply(thread: readonly Message[], seenUpTo: SeenUpTo, agentId: string | null): Message[] {
  return thread.filter(
    (message) =>
      isAfter(message, seenUpTo) &&
      (message.authorType === 'customer' || (message.authorType === 'agent' && message.kind === 'reply' && message.authorId !== agentId)),
  );
}
