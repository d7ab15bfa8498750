import { AppError } from '../../../shared/contract/errors';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { applyTicketFields } from '../../../shared/domain/ticket-field-change';
import type { Db } from '../../store/db';
import { agentExists, groupExists } from '../../store/queries/team';
import { getTicket, updateTicket } from '../../store/queries/tickets';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';

/** The ticket, or `not-found` on `field`. */
export function requireTicket(db: Db, ticketId: string, field = 'ticketId'): Ticket {
  const ticket = getTicket(db, ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${ticketId}`, field);
  return ticket;
}

/**
 * Refuses a patch naming an agent or group that does not exist (or was deleted). Only what
 * changes is checked: repeating a ticket's current assignee (say, one who has left since)
 * alongside another change is not an error.
 */
export function checkReferences(db: Db, changed: TicketFieldsPatch, fieldPrefix: string | null = 'patch'): void {
  const field = (name: string) => (fieldPrefix === null ? name : `${fieldPrefix}.${name}`);
  if (changed.assigneeId && !agentExists(db, changed.assigneeId)) {
    throw new AppError('validation', 'There is no such agent', field('assigneeId'));
  }
  if (changed.groupId && !groupExists(db, changed.groupId)) {
    throw new AppError('validation', 'There is no such group', field('groupId'));
  }
}

/** What a field change replaced: the changed fields' old values, updatedAt and solvedAt. */
export function fieldsBefore(ticket: Ticket, changed: TicketFieldsPatch): Record<string, unknown> {
  const before = Object.fromEntries(Object.keys(changed).map((key) => [key, ticket[key as keyof Ticket]]));
  return { ...before, updatedAt: ticket.updatedAt, solvedAt: ticket.solvedAt };
}

/**
 * Writes a field change that differs from the ticket (see changedTicketFields) and records it
 * as a `ticket/update-fields` mutation with its before-image. Runs inside the caller's transaction.
 */
export function writeFieldChange(ctx: ChangeContext, ticket: Ticket, changed: TicketFieldsPatch, at: number): Ticket {
  const next = applyTicketFields(ticket, changed, at);
  updateTicket(ctx.db, ticket, next);
  recordChange(ctx, {
    name: 'ticket/update-fields',
    args: { ticketId: ticket.id, patch: changed, updatedAt: at },
    before: fieldsBefore(ticket, changed),
    entity: 'ticket',
    entityId: ticket.id,
    action: 'fields-updated',
    at,
  });
  return next;
}
