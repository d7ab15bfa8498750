import { create } from 'zustand';
import type { MethodParams } from '../../../shared/contract/app-contract';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** What the rejections panel says about a ticket a rejected change names. */
export type TicketLabel = { kind: 'found'; number: number | null; subject: string } | { kind: 'missing' };

interface SyncState {
  /** The desktop's sync status, as `sync/get-status` answered or `sync/status-changed` carried it last. */
  status: SyncStatus | null;
  /** Why the status could not be read. */
  error: ApiError | null;
  signingIn: boolean;
  /** Why the last sign-in was refused (wrong password, unreachable backend, rate limited …). */
  signInError: ApiError | null;
  /** The e-mail of the last sign-in from this window, shown until the team knows the agent's name. */
  signedInEmail: string | null;
  /** Why the last sign-out, switch, retry or discard failed. */
  actionError: ApiError | null;
  /** Rejected changes whose retry or discard is on its way, by mutation id. */
  busy: ReadonlySet<string>;
  /** The tickets rejected changes name, for the rejections panel. */
  ticketLabels: Readonly<Record<string, TicketLabel>>;

  load(): Promise<void>;
  /** Takes in a status from an event or an answer. */
  apply(status: SyncStatus): void;
  /** Signs in; answers whether it went through. */
  signIn(input: MethodParams<'sync/sign-in'>): Promise<boolean>;
  signOut(): Promise<void>;
  /** The "work offline" switch: `online: false` stops all traffic. */
  setOnline(online: boolean): Promise<void>;
  retry(mutationId: string): Promise<void>;
  discard(mutationId: string): Promise<void>;
  /** Looks up the tickets the listed rejections name (once each). */
  loadTicketLabels(): Promise<void>;
  clearSignInError(): void;
}

/** The desktop's sync: status, sign-in, the "work offline" switch and the refused changes. */
export const useSyncStore = create<SyncState>()((set, get) => {
  /** Runs an action on one rejection, marking it busy meanwhile. */
  const onRejection = async (mutationId: string, run: () => Promise<SyncStatus>) => {
    set((state) => ({ busy: new Set(state.busy).add(mutationId), actionError: null }));
    try {
      get().apply(await run());
    } catch (error) {
      set({ actionError: toApiError(error) });
    } finally {
      set((state) => {
        const busy = new Set(state.busy);
        busy.delete(mutationId);
        return { busy };
      });
    }
  };

  return {
    status: null,
    error: null,
    signingIn: false,
    signInError: null,
    signedInEmail: null,
    actionError: null,
    busy: new Set(),
    ticketLabels: {},

    async load() {
      try {
        get().apply(await api.call('sync/get-status', {}));
        set({ error: null });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },

    apply(status) {
      set({ status });
    },

    async signIn(input) {
      set({ signingIn: true, signInError: null });
      try {
        const status = await api.call('sync/sign-in', input);
        set({ signingIn: false, signedInEmail: input.email.trim() });
        get().apply(status);
        return true;
      } catch (error) {
        set({ signingIn: false, signInError: toApiError(error) });
        return false;
      }
    },

    async signOut() {
      set({ actionError: null });
      try {
        get().apply(await api.call('sync/sign-out', {}));
        set({ signedInEmail: null });
      } catch (error) {
        set({ actionError: toApiError(error) });
      }
    },

    async setOnline(online) {
      const before = get().status;
      // The switch moves at once; the answer (or the event) brings the state that goes with it.
      set({ actionError: null, status: before ? { ...before, workOffline: !online } : before });
      try {
        get().apply(await api.call('sync/set-online', { online }));
      } catch (error) {
        const current = get().status;
        set({ actionError: toApiError(error), status: current && before ? { ...current, workOffline: before.workOffline } : current });
      }
    },

    retry(mutationId) {
      return onRejection(mutationId, () => api.call('sync/retry-rejected', { mutationId }));
    },

    discard(mutationId) {
      return onRejection(mutationId, () => api.call('sync/discard-rejected', { mutationId }));
    },

    async loadTicketLabels() {
      const known = get().ticketLabels;
      const ids = new Set<string>();
      for (const rejection of get().status?.rejections ?? []) {
        const ticketId = (rejection.args as { ticketId?: unknown } | null)?.ticketId;
        if (typeof ticketId === 'string' && !(ticketId in known)) ids.add(ticketId);
      }
      const found = await Promise.all(
        [...ids].map(async (ticketId): Promise<[string, TicketLabel]> => {
          try {
            const { ticket } = await api.call('ticket/get', { ticketId });
            return [ticketId, { kind: 'found', number: ticket.number, subject: ticket.subject }];
          } catch (error) {
            // A rejected change may name a ticket this desktop no longer holds; anything else is worth a log line.
            if (toApiError(error).code !== 'not-found') console.error('could not read a ticket of a rejected change', error);
            return [ticketId, { kind: 'missing' }];
          }
        }),
      );
      if (found.length > 0) set((state) => ({ ticketLabels: { ...state.ticketLabels, ...Object.fromEntries(found) } }));
    },

    clearSignInError() {
      set({ signInError: null });
    },
  };
});

/** Whether the desktop holds a session with a backend (syncing, offline or paused alike). */
export function isSignedIn(status: SyncStatus | null): boolean {
  return status !== null && status.accountId !== null && status.state !== 'signed-out';
}
