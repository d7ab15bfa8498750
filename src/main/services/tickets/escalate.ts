import { AppError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import type { Ticket } from '../../../shared/domain/ticket';
import { escalationNoteBody, NEXT_LEVEL } from '../../../shared/domain/ticket-notes';
import { writeTransaction } from '../../store/db';
import { insertMessage } from '../../store/queries/messages';
import { firstGroupOfLevel } from '../../store/queries/team';
import { updateTicket } from '../../store/queries/tickets';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { agentAuthor } from './authors';
import { requireTicket } from './ticket-fields';

/**
 * Escalates a ticket one support level up, in one transaction: the level, the next level's first
 * group (by name; none when the level has no group), no assignee (the group picks it up), `new`
 * becomes `open`, and an internal note by the escalating agent that says where it went and why.
 * Recorded as one `ticket/escalate` mutation whose args name both levels and the group, so the
 * backend can tell an escalation that another agent already made (`from` no longer current) from
 * a new one; the status it derives (`new` → `open`) the backend derives again from its own data.
 */
export function escalateTicket(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/escalate'>): Ticket {
  const { db } = ctx;
  const escalated = writeTransaction(db, () => {
    const ticket = requireTicket(db, input.ticketId);
    const to = NEXT_LEVEL[ticket.level];
    if (!to) throw new AppError('validation', 'The ticket is already at the highest level', 'ticketId');
    const group = firstGroupOfLevel(db, to);
    const at = ctx.now();
    const next: Ticket = {
      ...ticket,
      level: to,
      groupId: group?.id ?? null,
      assigneeId: null,
      status: ticket.status === 'new' ? 'open' : ticket.status,
      updatedAt: Math.max(ticket.updatedAt, at),
    };
    const author = agentAuthor(db, ctx.agentId);
    const note: Message = {
      id: newId(),
      ticketId: ticket.id,
      kind: 'note',
      authorType: 'agent',
      authorId: author.id,
      authorName: author.name,
      channel: ticket.channel,
      bodyFormat: 'markdown',
      body: escalationNoteBody(ticket.level, to, group?.name ?? null, input.reason),
      attachments: [],
      createdAt: at,
    };
    updateTicket(db, ticket, next);
    insertMessage(db, note);
    recordChange(ctx, {
      name: 'ticket/escalate',
      args: {
        ticketId: ticket.id,
        from: ticket.level,
        to,
        groupId: next.groupId,
        messageId: note.id,
        reason: input.reason,
        escalatedAt: at,
      },
      before: { level: ticket.level, groupId: ticket.groupId, assigneeId: ticket.assigneeId, status: ticket.status, updatedAt: ticket.updatedAt },
      entity: 'ticket',
      entityId: ticket.id,
      action: 'escalated',
      at,
    });
    return next;
  });
  events.emit({ name: 'ticket/changed', payload: { ticketId: escalated.id } });
  return escalated;
}
