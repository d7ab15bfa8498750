import { AppError } from '../../../shared/contract/errors';
import type { MethodInput } from '../../../shared/contract/app-contract';
import { newId } from '../../../shared/domain/ids';
import type { Message } from '../../../shared/domain/message';
import type { Ticket } from '../../../shared/domain/ticket';
import { mergeNoteBody, SYSTEM_AUTHOR_NAME } from '../../../shared/domain/ticket-notes';
import { writeTransaction } from '../../store/db';
import { insertMessage } from '../../store/queries/messages';
import { updateTicket } from '../../store/queries/tickets';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { requireTicket } from './ticket-fields';

/**
 * Merges one ticket into another in one transaction: the source closes and points at the target
 * (merged_into_id); the target gets a system note naming the source, and from then on shows the
 * source's messages in its thread (ticket/get reads both) and lists it in `mergedFrom`. A ticket
 * merged once cannot be merged again, nor receive a merge; one whose own merges point at it can
 * be merged on (its sources then show in the new target too).
 */
export function mergeTickets(ctx: ChangeContext, events: EventBus, input: MethodInput<'ticket/merge'>): Ticket {
  const { db } = ctx;
  if (input.sourceId === input.targetId) throw new AppError('validation', 'A ticket cannot be merged into itself', 'targetId');
  const target = writeTransaction(db, () => {
    const source = requireTicket(db, input.sourceId, 'sourceId');
    const target = requireTicket(db, input.targetId, 'targetId');
    if (source.mergedIntoId) throw new AppError('validation', 'This ticket was already merged into another', 'sourceId');
    if (target.mergedIntoId) throw new AppError('validation', 'That ticket was merged into another: merge into that one', 'targetId');
    const at = ctx.now();
    // updatedAt never moves back (a clock behind the ticket's last change), as on the backend.
    const closed: Ticket = { ...source, status: 'closed', solvedAt: source.solvedAt ?? at, mergedIntoId: target.id, updatedAt: Math.max(source.updatedAt, at) };
    const next: Ticket = { ...target, updatedAt: Math.max(target.updatedAt, at) };
    const note: Message = {
      id: newId(),
      ticketId: target.id,
      kind: 'note',
      authorType: 'system',
      authorId: null,
      authorName: SYSTEM_AUTHOR_NAME,
      channel: target.channel,
      bodyFormat: 'markdown',
      body: mergeNoteBody(source),
      attachments: [],
      createdAt: at,
    };
    updateTicket(db, source, closed);
    updateTicket(db, target, next);
    insertMessage(db, note);
    recordChange(ctx, {
      name: 'ticket/merge',
      // `ticketId` is the ticket merged away: its pending changes are rebased and undone with it.
      args: { ticketId: source.id, targetId: target.id, messageId: note.id, mergedAt: at },
      before: {
        source: { status: source.status, solvedAt: source.solvedAt, mergedIntoId: null, updatedAt: source.updatedAt },
        target: { updatedAt: target.updatedAt },
      },
      entity: 'ticket',
      entityId: target.id,
      action: 'merged',
      at,
      alsoAudits: [{ entity: 'ticket', entityId: source.id, action: 'merged-into' }],
    });
    return next;
  });
  events.emit({ name: 'ticket/changed', payload: { ticketId: input.sourceId } });
  events.emit({ name: 'ticket/changed', payload: { ticketId: input.targetId } });
  return target;
}
