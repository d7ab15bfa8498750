import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import type { Ticket } from '../../../shared/domain/ticket';
import { DEFAULT_VIEW_SORT } from '../../../shared/domain/view';
import { writeTransaction } from '../../store/db';
import { listCallsOfTicket } from '../../store/queries/calls';
import { getCustomer, getOrganisation } from '../../store/queries/customers';
import { insertMessage } from '../../store/queries/messages';
import { listTicketLinks } from '../../store/queries/ticket-links';
import { listTicketPage } from '../../store/queries/ticket-list';
import { listMergedInto, touchTicket } from '../../store/queries/tickets';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { findVisibleView } from '../views/view-service';
import { agentAuthor } from './authors';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { checkReferences, requireTicket, writeFieldChange } from './ticket-fields';
import { readThread, THREAD_TAIL } from './thread';
import { checkReplyIsCurrent } from './reply-check';

/** The default page size of the ticket list. */
export const DEFAULT_PAGE_SIZE = 100;

/** Tickets: pages of a view or an ad-hoc filter, the ticket with its thread, and replies and field changes. */
export class TicketService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
  ) {}

  /**
   * One keyset page of a view (its sort, or the one asked for) or of an ad-hoc filter. "me" is
   * the signed-in agent; SLA states are judged at this instant.
   */
  listTickets(input: MethodInput<'ticket/list'>): MethodOutput<'ticket/list'> {
    const { db, agentId } = this.ctx;
    let filter = input.filter;
    let sort = input.sort ?? DEFAULT_VIEW_SORT;
    if (input.viewId !== undefined) {
      if (input.filter !== undefined) throw new AppError('validation', 'Name a view or give a filter, not both', 'filter');
      const view = findVisibleView(db, input.viewId, agentId);
      if (!view) throw new AppError('not-found', `There is no view "${input.viewId}"`, 'viewId');
      filter = view.filter;
      sort = input.sort ?? view.sort;
    }
    if (!filter) throw new AppError('validation', 'Name a view or give a filter', 'viewId');
    return listTicketPage(
      db,
      { filter, sort, after: input.after ?? null, limit: input.limit ?? DEFAULT_PAGE_SIZE },
      { agentId, now: this.ctx.now() },
    );
  }

  /**
   * The ticket with the newest THREAD_TAIL messages of its thread (its own and those of the
   * tickets merged into it), how many older ones there are, its requester, calls and links.
   */
  getTicket(ticketId: string): MethodOutput<'ticket/get'> {
    const { db } = this.ctx;
    // One read transaction: every part comes from one snapshot.
    return db.transaction(() => {
      const ticket = requireTicket(db, ticketId);
      const requester = getCustomer(db, ticket.requesterId);
      if (!requester) throw new AppError('not-found', `The requester of ticket ${ticketId} is missing`);
      const mergedFrom = listMergedInto(db, ticket.id);
      const thread = readThread(db, [ticket.id, ...mergedFrom.map((merged) => merged.id)], null, THREAD_TAIL);
      return {
        ticket,
        messages: thread.messages,
        olderMessages: thread.olderMessages,
        requester,
        organisation: (ticket.organisationId && getOrganisation(db, ticket.organisationId)) || null,
        calls: listCallsOfTicket(db, ticketId),
        links: listTicketLinks(db, ticketId),
        mergedFrom,
      };
    })();
  }

  /** Older messages of a ticket's thread (merged tickets' included), oldest first, ending just before `before`. */
  listMessages(input: MethodInput<'ticket/list-messages'>): MethodOutput<'ticket/list-messages'> {
    const { db } = this.ctx;
    return db.transaction(() => {
      const ticket = requireTicket(db, input.ticketId);
      const ids = [ticket.id, ...listMergedInto(db, ticket.id).map((merged) => merged.id)];
      return readThread(db, ids, input.before, input.limit ?? THREAD_TAIL);
    })();
  }

  addMessage(input: MethodInput<'ticket/add-message'>): Message {
    const { db } = this.ctx;
    const message = writeTransaction(db, () => {
      const ticket = requireTicket(db, input.ticketId);
      if (input.kind === 'reply') checkReplyIsCurrent(db, ticket.id, input.seenUpTo, this.ctx.agentId);
      const author = agentAuthor(db, this.ctx.agentId);
      const at = this.ctx.now();
      const message: Message = {
        id: newId(),
        ticketId: ticket.id,
        kind: input.kind,
        authorType: 'agent',
        authorId: author.id,
        authorName: author.name,
        channel: ticket.channel,
        bodyFormat: 'markdown',
        body: input.body,
        attachments: [],
        createdAt: at,
      };
      insertMessage(db, message);
      touchTicket(db, ticket.id, at);
      recordChange(this.ctx, {
        name: 'ticket/add-message',
        args: { messageId: message.id, ticketId: ticket.id, kind: message.kind, body: message.body, createdAt: at },
        before: { updatedAt: ticket.updatedAt },
        entity: 'ticket',
        entityId: ticket.id,
        action: message.kind === 'reply' ? 'reply-added' : 'note-added',
        at,
      });
      return message;
    });
    this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return message;
  }

  updateFields(input: MethodInput<'ticket/update-fields'>): Ticket {
    const { db } = this.ctx;
    const result = writeTransaction(db, () => {
      const ticket = requireTicket(db, input.ticketId);
      const changed = changedTicketFields(ticket, input.patch);
      if (Object.keys(changed).length === 0) return { ticket, changed: false };
      checkReferences(db, changed);
      return { ticket: writeFieldChange(this.ctx, ticket, changed, this.ctx.now()), changed: true };
    });
    if (result.changed) this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return result.ticket;
  }
}
