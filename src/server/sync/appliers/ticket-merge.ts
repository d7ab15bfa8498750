import { AppError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { mergeNoteBody, SYSTEM_AUTHOR_NAME } from '../../../shared/domain/ticket-notes';
import { clampToNow, type Applier } from '../apply-context';
import { lockTicketPair, writeTicketFields } from './ticket-field-writes';

/**
 * `ticket/merge`: ticket `ticketId` closes and points at `targetId` (its thread shows there), and
 * the target gets a system note naming it. The first merge wins in server order: a ticket merged
 * meanwhile cannot be merged again, nor receive a merge (`conflict`). A merge target is therefore
 * never a merged ticket and a merged ticket never merges again, so merges form no cycles.
 */
export const applyTicketMerge: Applier<'ticket/merge'> = async (ctx, args) => {
  const { tx } = ctx;
  if (args.ticketId === args.targetId) throw new AppError('validation', 'A ticket cannot be merged into itself', 'args.targetId');
  const [source, target] = await lockTicketPair(ctx, args.ticketId, args.targetId);
  if (!source) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  if (!target) throw new AppError('not-found', `There is no ticket ${args.targetId}`, 'args.targetId');
  if (source.mergedIntoId) throw new AppError('conflict', 'This ticket was merged into another already', 'args.ticketId');
  if (target.mergedIntoId) throw new AppError('conflict', 'That ticket was merged into another: merge into that one', 'args.targetId');
  if (await tx.getMessage(args.messageId)) throw new AppError('conflict', 'Another message already has this id', 'args.messageId');
  const at = clampToNow(ctx, args.mergedAt);
  // The status is a field write like any other (the field history shows who closed it).
  await writeTicketFields(ctx, source, changedTicketFields(source, { status: 'closed' }), at, {
    mergedIntoId: target.id,
    solvedAt: source.solvedAt ?? at,
  });
  if (at > target.updatedAt) await tx.saveTicket({ ...target, updatedAt: at });
  const note: Message = {
    id: args.messageId,
    ticketId: target.id,
    kind: 'note',
    authorType: 'system',
    authorId: null,
    authorName: SYSTEM_AUTHOR_NAME,
    channel: target.channel,
    bodyFormat: 'markdown',
    body: mergeNoteBody(source),
    attachments: [],
    createdAt: at,
  };
  await tx.addMessage(note);
};
