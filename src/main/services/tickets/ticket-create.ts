import { AppError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import type { Ticket } from '../../../shared/domain/ticket';
import { writeTransaction } from '../../store/db';
import { getCustomer } from '../../store/queries/customers';
import { insertMessage } from '../../store/queries/messages';
import { insertTicket } from '../../store/queries/tickets';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { checkReferences } from './ticket-fields';

/**
 * Creates a ticket on behalf of a customer, offline as well as online: a UUIDv7 id made here,
 * no number until the backend assigns one on first sync, and the first message.
 *
 * The first message is the customer's request, so it is authored by the requester (authorType
 * `customer`, their id and name) on the ticket's channel, whichever channel it came through: on
 * the phone or at the desk the agent writes down what the customer asks, and the thread shows it
 * as the customer's words. Who typed it is the audit event's actor (the signed-in agent).
 * The ticket is `open` when created with an assignee and `new` otherwise. `dueAt` stays null:
 * deadlines are the SLA service's to set.
 */
export function createTicket(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/create'>): Ticket {
  const { db } = ctx;
  const ticket = writeTransaction(db, () => {
    const requester = getCustomer(db, input.requesterId);
    if (!requester) throw new AppError('validation', 'There is no such customer', 'requesterId');
    const assigneeId = input.assigneeId ?? null;
    const groupId = input.groupId ?? null;
    checkReferences(db, { assigneeId, groupId }, null);
    const at = ctx.now();
    const ticket: Ticket = {
      id: newId(),
      number: null,
      subject: input.subject,
      status: assigneeId ? 'open' : 'new',
      priority: input.priority ?? 'normal',
      channel: input.channel,
      category: input.category || null,
      tags: [...new Set(input.tags ?? [])],
      requesterId: requester.id,
      organisationId: requester.organisationId,
      assigneeId,
      groupId,
      level: input.level ?? 'L1',
      createdAt: at,
      updatedAt: at,
      solvedAt: null,
      dueAt: null,
      mergedIntoId: null,
    };
    const message: Message = {
      id: newId(),
      ticketId: ticket.id,
      kind: 'reply',
      authorType: 'customer',
      authorId: requester.id,
      authorName: requester.name,
      channel: ticket.channel,
      bodyFormat: 'markdown',
      body: input.body,
      attachments: [],
      createdAt: at,
    };
    insertTicket(db, ticket);
    insertMessage(db, message);
    recordChange(ctx, {
      name: 'ticket/create',
      args: {
        ticketId: ticket.id,
        requesterId: ticket.requesterId,
        subject: ticket.subject,
        priority: ticket.priority,
        channel: ticket.channel,
        category: ticket.category,
        tags: ticket.tags,
        assigneeId: ticket.assigneeId,
        groupId: ticket.groupId,
        level: ticket.level,
        createdAt: at,
        message: { messageId: message.id, body: message.body },
      },
      before: null,
      entity: 'ticket',
      entityId: ticket.id,
      action: 'created',
      at,
    });
    return ticket;
  });
  events.emit({ name: 'ticket/changed', payload: { ticketId: ticket.id } });
  return ticket;
}
