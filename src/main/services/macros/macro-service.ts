import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import { firstName, renderMacroBody, type Macro, type MacroContext } from '../../../shared/domain/macro';
import type { Message } from '../../../shared/domain/message';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { applyTicketFields, changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { writeTransaction, type Db } from '../../store/db';
import { getCustomer, getOrganisation } from '../../store/queries/customers';
import { getMacro, listMacros } from '../../store/queries/macros';
import { insertMessage } from '../../store/queries/messages';
import { updateTicket } from '../../store/queries/tickets';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { agentAuthor } from '../tickets/authors';
import { checkReferences, fieldsBefore, requireTicket } from '../tickets/ticket-fields';

/** What a macro's placeholders stand for on one ticket, for the signed-in agent. */
export function macroContextFor(db: Db, ticket: Ticket, agentName: string | null): MacroContext {
  const requester = getCustomer(db, ticket.requesterId);
  const organisation = ticket.organisationId ? getOrganisation(db, ticket.organisationId) : undefined;
  return {
    'requester.name': requester?.name ?? '',
    'requester.firstName': requester ? firstName(requester.name) : '',
    'requester.email': requester?.email ?? '',
    'organisation.name': organisation?.name ?? '',
    'ticket.number': ticket.number === null ? '' : String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': agentName ?? '',
    'agent.firstName': agentName ? firstName(agentName) : '',
  };
}

/** Macros: the list, and applying one to a ticket as one action. */
export class MacroService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
  ) {}

  listMacros(): Macro[] {
    return listMacros(this.ctx.db);
  }

  /**
   * Applies a macro in one transaction: its message (placeholders filled for this ticket; the
   * agent's edited `body` instead when given) and its field changes. Recorded as one
   * `macro/apply` mutation carrying the rendered body and the fields that changed, so the
   * backend applies exactly what the agent saw, all or nothing, without rendering anything.
   */
  applyMacro(input: MethodInput<'macro/apply'>): MethodOutput<'macro/apply'> {
    const { db } = this.ctx;
    const result = writeTransaction(db, () => {
      const ticket = requireTicket(db, input.ticketId);
      const macro = getMacro(db, input.macroId);
      if (!macro) throw new AppError('not-found', `There is no macro ${input.macroId}`, 'macroId');
      const author = agentAuthor(db, this.ctx.agentId);
      const at = this.ctx.now();
      const body = renderMacroBody(input.body ?? macro.body, macroContextFor(db, ticket, this.ctx.agentId ? author.name : null));
      const changed = changedTicketFields(ticket, macro.fields as TicketFieldsPatch);
      try {
        checkReferences(db, changed);
      } catch (error) {
        if (error instanceof AppError) throw new AppError('validation', `The macro names something that no longer exists: ${error.message}`, 'macroId');
        throw error;
      }
      const hasMessage = body.trim().length > 0;
      if (!hasMessage && Object.keys(changed).length === 0) return { ticket, message: null, changed: false };
      const message: Message | null = hasMessage
        ? {
            id: newId(),
            ticketId: ticket.id,
            kind: macro.kind,
            authorType: 'agent',
            authorId: author.id,
            authorName: author.name,
            channel: ticket.channel,
            bodyFormat: 'markdown',
            body,
            attachments: [],
            createdAt: at,
          }
        : null;
      const next = applyTicketFields(ticket, changed, at);
      updateTicket(db, ticket, next);
      if (message) insertMessage(db, message);
      recordChange(this.ctx, {
        name: 'macro/apply',
        args: {
          ticketId: ticket.id,
          macroId: macro.id,
          message: message && { messageId: message.id, kind: message.kind, body: message.body },
          patch: changed,
          appliedAt: at,
        },
        before: fieldsBefore(ticket, changed),
        entity: 'ticket',
        entityId: ticket.id,
        action: 'macro-applied',
        at,
      });
      return { ticket: next, message, changed: true };
    });
    if (result.changed) this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return { ticket: result.ticket, message: result.message };
  }
}
