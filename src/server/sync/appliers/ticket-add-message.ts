import { AppError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import { clampToNow, type Applier } from '../apply-context';

/**
 * `ticket/add-message`: append-only, idempotent by message id. The author is the pushing
 * account (never what the desktop claims); the same id with other content is a conflict.
 */
export const applyTicketAddMessage: Applier<'ticket/add-message'> = async (ctx, args) => {
  const { tx, actor } = ctx;
  const ticket = await tx.lockTicket(args.ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  const existing = await tx.getMessage(args.messageId);
  if (existing) {
    const same = existing.ticketId === args.ticketId && existing.kind === args.kind && existing.body === args.body && existing.authorId === actor.accountId;
    if (same) return;
    throw new AppError('conflict', 'Another message already has this id', 'args.messageId');
  }
  const at = clampToNow(ctx, args.createdAt);
  const message: Message = {
    id: args.messageId,
    ticketId: ticket.id,
    kind: args.kind,
    authorType: 'agent',
    authorId: actor.accountId,
    authorName: actor.name,
    channel: ticket.channel,
    bodyFormat: 'markdown',
    body: args.body,
    attachments: [],
    createdAt: at,
  };
  await tx.addMessage(message);
  if (at > ticket.updatedAt) await tx.saveTicket({ ...ticket, updatedAt: at });
};
