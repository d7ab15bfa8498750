import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { ticketLinkKindSchema, type TicketLinkKind } from './ticket';

/** How the other ticket shows a link: `caused-by` and `causes` swap, the rest read the same both ways. */
export const REVERSE_LINK_KIND: Record<TicketLinkKind, TicketLinkKind> = {
  related: 'related',
  duplicate: 'duplicate',
  'caused-by': 'causes',
  causes: 'caused-by',
};

/**
 * A link between two tickets as the backend keeps and syncs it (entity `ticket-link`): one value
 * per pair of tickets, oriented from the lower id (`ticketId < otherId`), `kind` as that ticket
 * reads it. Its key is {@link ticketLinkKey}; an unlinked pair is a tombstone of that key.
 */
export const syncedTicketLinkSchema = z.object({
  ticketId: idSchema,
  otherId: idSchema,
  kind: ticketLinkKindSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type SyncedTicketLink = z.infer<typeof syncedTicketLinkSchema>;

/** The key of the link between two tickets, the same whichever end names it: `<lower id>:<higher id>`. */
export function ticketLinkKey(ticketId: string, otherId: string): string {
  return ticketId < otherId ? `${ticketId}:${otherId}` : `${otherId}:${ticketId}`;
}

/** The two ticket ids of a link key, lower first; null when `key` is not one. */
export function ticketsOfLinkKey(key: string): [string, string] | null {
  const parts = key.split(':');
  return parts.length === 2 && parts[0]! < parts[1]! ? [parts[0]!, parts[1]!] : null;
}

/**
 * A link named from either end, turned to the pair's orientation (the lower id first): the ends
 * swap and the kind reverses when `ticketId` is the higher id.
 */
export function orientLink(ticketId: string, otherId: string, kind: TicketLinkKind): { ticketId: string; otherId: string; kind: TicketLinkKind } {
  return ticketId < otherId ? { ticketId, otherId, kind } : { ticketId: otherId, otherId: ticketId, kind: REVERSE_LINK_KIND[kind] };
}
