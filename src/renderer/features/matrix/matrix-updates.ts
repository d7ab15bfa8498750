import { api } from '../../api/client';
import { useSlaStore } from '../ticket/sla-store';
import { reloadWorkspace } from '../workspace/workspace-actions';
import { useMatrixStore } from './matrix-store';

/**
 * Follows the escalation matrix as it changes under the workspace: another version in force
 * (published here, in another window, or pulled) refreshes the matrix screen; once the open
 * tickets are re-timed, the lists, the open ticket and its SLA explanation are read again.
 * Returns the function that stops it.
 */
export function startMatrixUpdates(): () => void {
  return api.on('matrix/changed', ({ retimed }) => {
    void useMatrixStore.getState().refreshPublished();
    if (!retimed) return;
    void reloadWorkspace();
    const ticketId = useSlaStore.getState().ticketId;
    if (ticketId !== null) void useSlaStore.getState().load(ticketId);
  });
}
