import { AppError } from '../../../shared/contract/errors';
import { orientLink } from '../../../shared/domain/ticket-link';
import { clampToNow, type Applier } from '../apply-context';
import { lockTicketPair } from './ticket-field-writes';

/**
 * `ticket/link`: one link per pair of tickets, last writer wins in server order (linking again with
 * another kind changes the kind; the same kind changes nothing). Both tickets must exist.
 */
export const applyTicketLink: Applier<'ticket/link'> = async (ctx, args) => {
  const { tx } = ctx;
  if (args.ticketId === args.otherId) throw new AppError('validation', 'A ticket cannot be linked to itself', 'args.otherId');
  // Locking both tickets puts pushes that link the same pair one after the other.
  const [ticket, other] = await lockTicketPair(ctx, args.ticketId, args.otherId);
  if (!ticket) throw new AppError('not-found', `There is no ticket ${args.ticketId}`, 'args.ticketId');
  if (!other) throw new AppError('not-found', `There is no ticket ${args.otherId}`, 'args.otherId');
  const link = orientLink(args.ticketId, args.otherId, args.kind);
  const current = await tx.getTicketLink(link.ticketId, link.otherId);
  if (current?.kind === link.kind) return;
  const at = clampToNow(ctx, args.linkedAt);
  await tx.saveTicketLink({ ...link, createdAt: current?.createdAt ?? at, updatedAt: at });
};
