import { AppError } from '../../../shared/contract/errors';
import { changedTicketFields } from '../../../shared/domain/ticket-field-change';
import { clampToNow, type Applier } from '../apply-context';
import { checkTicketReferences, writeTicketFields } from './ticket-field-writes';

/**
 * `ticket/update-fields`: per-field last-writer-wins in server order. Only fields whose value
 * differs are written; each one goes into the field history with the writer it replaced, so the
 * desktop whose change was overridden can say so.
 */
export const applyTicketUpdateFields: Applier<'ticket/update-fields'> = async (ctx, args) => {
  const ticket = await ctx.tx.lockTicket(args.ticketId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  const changed = changedTicketFields(ticket, args.patch);
  if (Object.keys(changed).length === 0) return;
  // Only what changes must name live agents and groups (as on the desktop).
  await checkTicketReferences(ctx, changed, 'args.patch');
  await writeTicketFields(ctx, ticket, changed, clampToNow(ctx, args.updatedAt));
};
