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
import { checkReplyIsCurrent } from '../tickets/reply-check';

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
   * Applies a macro in one transaction: its field changes and its message (placeholders filled
   * for this ticket; the agent's edited `body` instead when given). Recorded as what it amounts
   * to on the backend, a `ticket/update-fields` of the fields that changed and a
   * `ticket/add-message` of the rendered body, in that order: the backend holds no macros and
   * renders nothing, so it applies exactly what the agent saw, each half under its own rules
   * (last-writer-wins fields with their history; an append-only message). The audit event names
   * the macro.
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
      if (hasMessage && macro.kind === 'reply') checkReplyIsCurrent(db, ticket.id, input.seenUpTo, this.ctx.agentId);
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
      const audit = { entity: 'ticket', entityId: ticket.id, action: 'macro-applied', at, auditData: { macroId: macro.id } } as const;
      const fieldsChanged = Object.keys(changed).length > 0;
      if (fieldsChanged) {
        recordChange(this.ctx, {
          name: 'ticket/update-fields',
          args: { ticketId: ticket.id, patch: changed, updatedAt: at },
          before: fieldsBefore(ticket, changed),
          ...audit,
        });
      }
      if (message) {
        insertMessage(db, message);
        recordChange(this.ctx, {
          name: 'ticket/add-message',
          args: { messageId: message.id, ticketId: ticket.id, kind: message.kind, body: message.body, createdAt: at },
          // Each row's before-image is the state just before it: after the field changes.
          before: { updatedAt: fieldsChanged ? next.updatedAt : ticket.updatedAt },
          ...audit,
        });
      }
      return { ticket: next, message, changed: true };
    });
    if (result.changed) this.events.emit({ name: 'ticket/changed', payload: { ticketId: input.ticketId } });
    return { ticket: result.ticket, message: result.message };
  }
}
