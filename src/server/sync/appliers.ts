import type { MutationName } from '../../shared/contract/mutations';
import type { Applier } from './apply-context';
import { applyCustomerUpdate } from './appliers/customer-update';
import { applyMatrixPublish } from './appliers/matrix-publish';
import { applyTicketAddMessage } from './appliers/ticket-add-message';
import { applyTicketCreate } from './appliers/ticket-create';
import { applyTicketEscalate } from './appliers/ticket-escalate';
import { applyTicketLink } from './appliers/ticket-link';
import { applyTicketMerge } from './appliers/ticket-merge';
import { applyTicketUnlink } from './appliers/ticket-unlink';
import { applyTicketUpdateFields } from './appliers/ticket-update-fields';
import { applyViewDelete } from './appliers/view-delete';
import { applyViewSave } from './appliers/view-save';

/**
 * The backend's side of the mutation table: one applier per mutation name. A mapped type, so a
 * mutation added to `src/shared/contract/mutations.ts` without its applier fails to compile.
 */
export const appliers: { [N in MutationName]: Applier<N> } = {
  'ticket/update-fields': applyTicketUpdateFields,
  'ticket/add-message': applyTicketAddMessage,
  'ticket/create': applyTicketCreate,
  'ticket/escalate': applyTicketEscalate,
  'ticket/merge': applyTicketMerge,
  'ticket/link': applyTicketLink,
  'ticket/unlink': applyTicketUnlink,
  'view/save': applyViewSave,
  'view/delete': applyViewDelete,
  'customer/update': applyCustomerUpdate,
  'matrix/publish': applyMatrixPublish,
};
