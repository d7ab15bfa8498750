import { AppError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/app-contract';
import type { TicketLink } from '../../../shared/domain/ticket';
import { REVERSE_LINK_KIND } from '../../../shared/domain/ticket-link';
import { writeTransaction } from '../../store/db';
import { deleteTicketLink, getTicketLinkKind, listTicketLinks, ticketLinkToRow, upsertTicketLink } from '../../store/queries/ticket-links';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { requireTicket } from './ticket-fields';

function emitBoth(events: EventBus, a: string, b: string): void {
  events.emit({ name: 'ticket/changed', payload: { ticketId: a } });
  events.emit({ name: 'ticket/changed', payload: { ticketId: b } });
}

/**
 * Links two tickets so both show it (a row per direction, the reverse kind on the other ticket);
 * linking them again with another kind changes the kind. One `ticket/link` mutation, audited on
 * both tickets. Answers the first ticket's links.
 */
export function linkTickets(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/link'>): TicketLink[] {
  const { db } = ctx;
  if (input.ticketId === input.otherId) throw new AppError('validation', 'A ticket cannot be linked to itself', 'otherId');
  const changed = writeTransaction(db, () => {
    requireTicket(db, input.ticketId);
    requireTicket(db, input.otherId, 'otherId');
    const current = getTicketLinkKind(db, input.ticketId, input.otherId);
    if (current === input.kind) return false;
    const at = ctx.now();
    upsertTicketLink(db, ticketLinkToRow({ ticketId: input.ticketId, otherId: input.otherId, kind: input.kind, createdAt: at }, at));
    upsertTicketLink(db, ticketLinkToRow({ ticketId: input.otherId, otherId: input.ticketId, kind: REVERSE_LINK_KIND[input.kind], createdAt: at }, at));
    recordChange(ctx, {
      name: 'ticket/link',
      args: { ticketId: input.ticketId, otherId: input.otherId, kind: input.kind, linkedAt: at },
      before: { kind: current ?? null },
      entity: 'ticket',
      entityId: input.ticketId,
      action: 'linked',
      at,
      alsoAudits: [{ entity: 'ticket', entityId: input.otherId, action: 'linked' }],
    });
    return true;
  });
  if (changed) emitBoth(events, input.ticketId, input.otherId);
  return listTicketLinks(db, input.ticketId);
}

/** Removes the link between two tickets, both directions; unlinking tickets that are not linked changes nothing. */
export function unlinkTickets(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/unlink'>): TicketLink[] {
  const { db } = ctx;
  const changed = writeTransaction(db, () => {
    requireTicket(db, input.ticketId);
    const current = getTicketLinkKind(db, input.ticketId, input.otherId);
    if (current === undefined) return false;
    const at = ctx.now();
    deleteTicketLink(db, input.ticketId, input.otherId, at);
    deleteTicketLink(db, input.otherId, input.ticketId, at);
    recordChange(ctx, {
      name: 'ticket/unlink',
      args: { ticketId: input.ticketId, otherId: input.otherId, unlinkedAt: at },
      before: { kind: current },
      entity: 'ticket',
      entityId: input.ticketId,
      action: 'unlinked',
      at,
      alsoAudits: [{ entity: 'ticket', entityId: input.otherId, action: 'unlinked' }],
    });
    return true;
  });
  if (changed) emitBoth(events, input.ticketId, input.otherId);
  return listTicketLinks(db, input.ticketId);
}
