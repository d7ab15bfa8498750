import { api } from '../../api/client';
import { CatchUpTracker } from './catch-up';
import { useSyncStore } from './sync-store';

/** What the workspace does when sync replaces the local data wholesale. */
export interface SyncReactions {
  /** Another account or backend was signed in to (or out of): who is signed in changed. */
  onAccountChanged(): void;
  /** The local data caught up after a bootstrap, a sign-in or a rebuild: lists may hold rows they never saw events for. */
  onCaughtUp(): void;
}

/** Keeps the sync status live in this window and reacts to sync replacing the local data; returns the function that stops it. */
export function startSyncUpdates(reactions: SyncReactions): () => void {
  const tracker = new CatchUpTracker();
  const stopStore = useSyncStore.subscribe((state, previous) => {
    if (state.status === null || state.status === previous.status) return;
    const { accountChanged, caughtUp } = tracker.next(state.status);
    if (accountChanged) reactions.onAccountChanged();
    if (caughtUp) reactions.onCaughtUp();
  });
  const stopEvents = api.on('sync/status-changed', (status) => useSyncStore.getState().apply(status));
  void useSyncStore.getState().load();
  return () => {
    stopEvents();
    stopStore();
  };
}
