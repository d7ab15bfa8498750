import { AppError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import type { Ticket } from '../../../shared/domain/ticket';
import { clampToNow, type Applier } from '../apply-context';
import { checkTicketReferences } from './ticket-field-writes';

/**
 * `ticket/create`: a ticket made on a desktop, offline too, with its client-made id. The backend
 * gives it the next human number (the desktop's row gets it with the next pull), its status from
 * the assignee (`open` with one, `new` without) and its organisation from the requester. The
 * first message is the requester's words, authored by the requester. An id that exists already is
 * a conflict: another mutation made that ticket (the same mutation is never applied twice).
 */
export const applyTicketCreate: Applier<'ticket/create'> = async (ctx, args) => {
  const { tx } = ctx;
  if (await tx.lockTicket(args.ticketId)) throw new AppError('conflict', 'Another ticket already has this id', 'args.ticketId');
  if (await tx.getMessage(args.message.messageId)) throw new AppError('conflict', 'Another message already has this id', 'args.message.messageId');
  const requester = await tx.getCustomer(args.requesterId);
  if (!requester) throw new AppError('validation', 'There is no such customer', 'args.requesterId');
  await checkTicketReferences(ctx, { assigneeId: args.assigneeId, groupId: args.groupId }, 'args');
  const at = clampToNow(ctx, args.createdAt);
  const ticket: Ticket = {
    id: args.ticketId,
    number: await tx.allocateTicketNumber(),
    subject: args.subject,
    status: args.assigneeId ? 'open' : 'new',
    priority: args.priority,
    channel: args.channel,
    category: args.category || null,
    tags: [...new Set(args.tags)],
    requesterId: requester.id,
    organisationId: requester.organisationId,
    assigneeId: args.assigneeId,
    groupId: args.groupId,
    level: args.level,
    createdAt: at,
    updatedAt: at,
    solvedAt: null,
    // Deadlines are the SLA clock's to set.
    dueAt: null,
    mergedIntoId: null,
  };
  const message: Message = {
    id: args.message.messageId,
    ticketId: ticket.id,
    kind: 'reply',
    authorType: 'customer',
    authorId: requester.id,
    authorName: requester.name,
    channel: ticket.channel,
    bodyFormat: 'markdown',
    body: args.message.body,
    attachments: [],
    createdAt: at,
  };
  await tx.saveTicket(ticket);
  await tx.addMessage(message);
};
