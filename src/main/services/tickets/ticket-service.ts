import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { BUILT_IN_VIEWS, type View } from '../../../shared/domain/view';
import { agentExists, getAgent, groupExists } from '../../store/queries/team';
import { getTicket, listTickets, touchTicket, updateTicket, type TicketListFilter } from '../../store/queries/tickets';
import { insertMessage, listMessages } from '../../store/queries/messages';
import { getCustomer, getOrganisation } from '../../store/queries/customers';
import { listCallsOfTicket } from '../../store/queries/calls';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';

/** The default page size of the ticket list. */
export const DEFAULT_PAGE_SIZE = 100;

/** Tickets: views, pages, the ticket with its thread, and the agent's changes to them. */
export class TicketService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
  ) {}

  listViews(): View[] {
    return [...BUILT_IN_VIEWS];
  }

  listTickets(input: MethodInput<'ticket/list'>): MethodOutput<'ticket/list'> {
    const view = BUILT_IN_VIEWS.find((v) => v.id === input.viewId);
    if (!view) throw new AppError('not-found', `There is no view "${input.viewId}"`, 'viewId');
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    const rows = listTickets(this.ctx.db, this.resolveFilter(view), input.after ?? null, limit);
    const last = rows.at(-1);
    return { rows, next: rows.length === limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
  }

  getTicket(ticketId: string): MethodOutput<'ticket/get'> {
    const { db } = this.ctx;
    // One read transaction: the ticket, its thread and its requester come from one snapshot.
    return db.transaction(() => {
      const ticket = this.requireTicket(ticketId);
      const requester = getCustomer(db, ticket.requesterId);
      if (!requester) throw new AppError('not-found', `The requester of ticket ${ticketId} is missing`);
      return {
        ticket,
        messages: listMessages(db, ticketId),
        requester,
        organisation: (ticket.organisationId && getOrganisation(db, ticket.organisationId)) || null,
        calls: listCallsOfTicket(db, ticketId),
      };
    })();
  }

  addMessage(input: MethodInput<'ticket/add-message'>): Message {
    const { db, agentId } = this.ctx;
    const message = db.transaction(() => {
      const ticket = this.requireTicket(input.ticketId);
      const author = agentId ? getAgent(db, agentId) : undefined;
      const at = this.ctx.now();
      const message: Message = {
        id: newId(),
        ticketId: ticket.id,
        kind: input.kind,
        authorType: 'agent',
        authorId: author?.id ?? null,
        authorName: author?.name ?? 'Agent',
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
    })();
    this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return message;
  }

  updateFields(input: MethodInput<'ticket/update-fields'>): Ticket {
    const { db } = this.ctx;
    const updated = db.transaction(() => {
      const ticket = this.requireTicket(input.ticketId);
      const at = this.ctx.now();
      const changed = changedFields(ticket, input.patch);
      if (Object.keys(changed).length === 0) return ticket;
      // Only what changes must name live agents and groups: repeating a ticket's current
      // assignee (say, one who has left since) alongside another change is not an error.
      this.checkReferences(changed);
      const next: Ticket = { ...ticket, ...changed, updatedAt: at };
      if (changed.status !== undefined) {
        next.solvedAt = changed.status === 'solved' || changed.status === 'closed' ? (ticket.solvedAt ?? at) : null;
      }
      updateTicket(db, next);
      const before = Object.fromEntries(Object.keys(changed).map((key) => [key, ticket[key as keyof Ticket]]));
      recordChange(this.ctx, {
        name: 'ticket/update-fields',
        args: { ticketId: ticket.id, patch: changed, updatedAt: at },
        before: { ...before, updatedAt: ticket.updatedAt, solvedAt: ticket.solvedAt },
        entity: 'ticket',
        entityId: ticket.id,
        action: 'fields-updated',
        at,
      });
      return next;
    })();
    this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return updated;
  }

  private resolveFilter(view: View): TicketListFilter {
    const { assignee, ...rest } = view.filter;
    if (assignee === undefined) return rest;
    if (assignee === 'none') return { ...rest, assigneeId: null };
    if (assignee === 'me') {
      // Nobody signed in: "my" tickets are none, not everyone's.
      return { ...rest, assigneeId: this.ctx.agentId ?? '' };
    }
    return { ...rest, assigneeId: assignee };
  }

  private requireTicket(ticketId: string): Ticket {
    const ticket = getTicket(this.ctx.db, ticketId);
    if (!ticket) throw new AppError('not-found', `There is no ticket ${ticketId}`, 'ticketId');
    return ticket;
  }

  private checkReferences(patch: TicketFieldsPatch): void {
    if (patch.assigneeId && !agentExists(this.ctx.db, patch.assigneeId)) {
      throw new AppError('validation', 'There is no such agent', 'patch.assigneeId');
    }
    if (patch.groupId && !groupExists(this.ctx.db, patch.groupId)) {
      throw new AppError('validation', 'There is no such group', 'patch.groupId');
    }
  }
}

/** The fields of a patch whose value differs from the ticket's. */
function changedFields(ticket: Ticket, patch: TicketFieldsPatch): Partial<Ticket> {
  const changed: Partial<Ticket> = {};
  for (const [key, value] of Object.entries(patch) as [keyof TicketFieldsPatch, unknown][]) {
    if (value === undefined) continue;
    if (JSON.stringify(ticket[key]) !== JSON.stringify(value)) Object.assign(changed, { [key]: value });
  }
  return changed;
}
