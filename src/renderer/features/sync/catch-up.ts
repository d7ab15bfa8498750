import type { SyncStatus } from '../../../shared/contract/sync-methods';

/**
 * Decides, from one status to the next, whether the account changed and whether the local data
 * just caught up after being replaced (a first sync, or the first full sync after another account
 * or backend). Ordinary pulls are left to the per-ticket change events.
 */
export class CatchUpTracker {
  private previous: SyncStatus | null = null;
  private awaiting = false;

  /** Takes in the next status; answers what happened with it. */
  next(status: SyncStatus): { accountChanged: boolean; caughtUp: boolean } {
    const previous = this.previous;
    this.previous = status;
    if (previous === null) {
      // The first status this window sees: a bootstrap may be under way.
      this.awaiting = status.lastSyncAt === null && status.state !== 'signed-out';
      return { accountChanged: false, caughtUp: false };
    }
    const accountChanged = previous.accountId !== status.accountId || previous.backendUrl !== status.backendUrl || (previous.state === 'signed-out') !== (status.state === 'signed-out');
    if (accountChanged && status.state !== 'signed-out') this.awaiting = true;
    // The first pull reached the backend's head, maybe while more work was queued: wait for "online".
    if (previous.lastSyncAt === null && status.lastSyncAt !== null) this.awaiting = true;
    const caughtUp = this.awaiting && status.state === 'online';
    if (caughtUp) this.awaiting = false;
    return { accountChanged, caughtUp };
  }
}
