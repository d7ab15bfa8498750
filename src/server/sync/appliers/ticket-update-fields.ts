import { AppError } from '../../../shared/contract/errors';
import { newId } from '../../../shared/domain/ids';
import { applyTicketFields, changedTicketFields, TICKET_PATCH_FIELDS } from '../../../shared/domain/ticket-field-change';
import { authorOf, clampToNow, type Applier } from '../apply-context';

/**
 * `ticket/update-fields`: per-field last-writer-wins in server order. Only fields whose value
 * differs are written; each one goes into the field history with the writer it replaced, so the
 * desktop whose change was overridden can say so.
 */
export const applyTicketUpdateFields: Applier<'ticket/update-fields'> = async (ctx, args) => {
  const { tx } = ctx;
  const ticket = await tx.lockTicket(args.ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  const changed = changedTicketFields(ticket, args.patch);
  if (Object.keys(changed).length === 0) return;
  // Only what changes must name live agents and groups (as on the desktop).
  if (changed.assigneeId && !(await tx.getAgent(changed.assigneeId))) {
    throw new AppError('validation', 'There is no such agent', 'args.patch.assigneeId');
  }
  if (changed.groupId && !(await tx.getGroup(changed.groupId))) {
    throw new AppError('validation', 'There is no such group', 'args.patch.groupId');
  }
  const at = clampToNow(ctx, args.updatedAt);
  await tx.saveTicket(applyTicketFields(ticket, changed, at));
  const author = authorOf(ctx, at);
  for (const field of TICKET_PATCH_FIELDS) {
    if (changed[field] === undefined) continue;
    await tx.recordFieldChange({
      id: newId(),
      ticketId: ticket.id,
      field,
      previousValue: ticket[field],
      value: changed[field],
      changedBy: author,
      overwritten: await tx.getFieldWriter(ticket.id, field),
      appliedAt: tx.now,
    });
  }
};
