import { AppError } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { escalationNoteBody, NEXT_LEVEL } from '../../../shared/domain/ticket-notes';
import { clampToNow, type Applier } from '../apply-context';
import { writeTicketFields } from './ticket-field-writes';

/**
 * `ticket/escalate`: one level up, to a group of that level (or none), no assignee (the group picks
 * it up), `new` becomes `open`, and an internal note by the agent with the reason. Applied only
 * while the ticket is still at `from`: when another agent escalated it (or moved its level) first,
 * this one is refused with `conflict`, so one problem is escalated once and the agent is told.
 * The fields it writes are ordinary field writes: last-writer-wins with the field history.
 */
export const applyTicketEscalate: Applier<'ticket/escalate'> = async (ctx, args) => {
  const { tx, actor } = ctx;
  if (NEXT_LEVEL[args.from] !== args.to) throw new AppError('validation', `An escalation from ${args.from} goes to ${NEXT_LEVEL[args.from] ?? 'no higher level'}`, 'args.to');
  const ticket = await tx.lockTicket(args.ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  if (ticket.mergedIntoId) throw new AppError('validation', 'This ticket was merged into another: escalate that one', 'args.ticketId');
  if (ticket.level !== args.from) {
    throw new AppError('conflict', `The ticket is at ${ticket.level} now, not ${args.from}: it was escalated or moved first`, 'args.from');
  }
  const group = args.groupId ? await tx.getGroup(args.groupId) : null;
  if (group === undefined) throw new AppError('validation', 'There is no such group', 'args.groupId');
  if (group && group.level !== args.to) throw new AppError('validation', `That group works at ${group.level}, not ${args.to}`, 'args.groupId');
  if (await tx.getMessage(args.messageId)) throw new AppError('conflict', 'Another message already has this id', 'args.messageId');
  const at = clampToNow(ctx, args.escalatedAt);
  const changed = changedTicketFields(ticket, {
    level: args.to,
    groupId: args.groupId,
    assigneeId: null,
    status: ticket.status === 'new' ? 'open' : ticket.status,
  });
  await writeTicketFields(ctx, ticket, changed, at);
  const note: Message = {
    id: args.messageId,
    ticketId: ticket.id,
    kind: 'note',
    authorType: 'agent',
    authorId: actor.accountId,
    authorName: actor.name,
    channel: ticket.channel,
    bodyFormat: 'markdown',
    body: escalationNoteBody(args.from, args.to, group?.name ?? null, args.reason),
    attachments: [],
    createdAt: at,
  };
  await tx.addMessage(note);
};
