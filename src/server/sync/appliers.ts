import type { MutationName } from '../../shared/contract/mutations';
import type { Applier } from './apply-context';
import { applyTicketAddMessage } from './appliers/ticket-add-message';
import { applyTicketUpdateFields } from './appliers/ticket-update-fields';

/**
 * The backend's side of the mutation table: one applier per mutation name. A mapped type, so a
 * mutation added to `src/shared/contract/mutations.ts` without its applier fails to compile.
 */
export const appliers: { [N in MutationName]: Applier<N> } = {
  'ticket/update-fields': applyTicketUpdateFields,
  'ticket/add-message': applyTicketAddMessage,
};
