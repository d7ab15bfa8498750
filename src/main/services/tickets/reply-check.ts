import { AppError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import { SEEN_UP_TO_FIELD, unseenBeforeReply, type SeenUpTo, type StaleReplyDetails } from '../../../shared/domain/reply-check';
import type { Db } from '../../store/db';
import { listMessagesBefore } from '../../store/queries/messages';
import { listMergedInto } from '../../store/queries/tickets';
import { THREAD_TAIL } from './thread';

/** The most unseen messages a refusal carries (the newest; the thread has the rest). */
const MAX_UNSEEN_SHOWN = 10;

function olderFirst(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Refuses a public reply on `ticketId` while its thread (merged tickets' included) holds customer
 * messages or others' replies after `seenUpTo`, the newest message the composer showed when the
 * agent started writing: `conflict` on `seenUpTo`, the newest of them (oldest first) in the
 * details. Runs inside the reply's own transaction, so nothing pulled can slip in between the
 * check and the reply. Only the newest THREAD_TAIL messages of each ticket are read: more unseen
 * ones than that refuse just the same.
 */
export function checkReplyIsCurrent(db: Db, ticketId: string, seenUpTo: SeenUpTo | undefined, agentId: string | null): void {
  if (seenUpTo === undefined) return;
  const ticketIds = [ticketId, ...listMergedInto(db, ticketId).map((merged) => merged.id)];
  const thread = ticketIds.flatMap((id) => listMessagesBefore(db, id, null, THREAD_TAIL));
  const unseen = unseenBeforeReply(thread, seenUpTo, agentId).sort(olderFirst);
  if (unseen.length === 0) return;
  const details: StaleReplyDetails = { newer: unseen.slice(-MAX_UNSEEN_SHOWN) };
  throw new AppError('conflict', `${unseen.length} new message(s) arrived after the one the reply was written after`, SEEN_UP_TO_FIELD, details);
}
