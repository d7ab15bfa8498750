import type { Message } from '../../../shared/domain/message';
import type { Db } from '../../store/db';
import { countMessagesBefore, listMessagesBefore, type ThreadPosition } from '../../store/queries/messages';

/** How many of the newest messages opening a ticket shows; older ones come page by page. */
export const THREAD_TAIL = 50;

/** A part of a thread, oldest first, and how many messages come before it. */
export interface ThreadPage {
  messages: Message[];
  olderMessages: number;
}

function newerFirst(a: Message, b: Message): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The newest `limit` messages before `before` (all when null) of one thread that may span
 * several tickets (a ticket and those merged into it), oldest first. Each ticket gives its own
 * newest `limit` from its index; merging those in memory costs tickets × limit, whatever the
 * threads' length.
 */
export function readThread(db: Db, ticketIds: readonly string[], before: ThreadPosition | null, limit: number): ThreadPage {
  const candidates = ticketIds.flatMap((ticketId) => listMessagesBefore(db, ticketId, before, limit));
  const newest = ticketIds.length === 1 ? candidates : candidates.sort(newerFirst).slice(0, limit);
  const messages = newest.reverse();
  const oldest = messages[0];
  // Fewer than asked: nothing older is left to count.
  const olderMessages =
    oldest && newest.length === limit
      ? ticketIds.reduce((sum, ticketId) => sum + countMessagesBefore(db, ticketId, { createdAt: oldest.createdAt, id: oldest.id }), 0)
      : 0;
  return { messages, olderMessages };
}
