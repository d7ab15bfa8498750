import { AppError } from '../../../shared/contract/errors';
import type { Applier } from '../apply-context';
import { lockTicketPair } from './ticket-field-writes';

/**
 * `ticket/unlink`: removes the link of a pair (a tombstone in the change log), last writer wins in
 * server order. Unlinking tickets that are not linked (any more) changes nothing.
 */
export const applyTicketUnlink: Applier<'ticket/unlink'> = async (ctx, args) => {
  const [ticket] = await lockTicketPair(ctx, args.ticketId, args.otherId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  await ctx.tx.deleteTicketLink(args.ticketId, args.otherId);
};
