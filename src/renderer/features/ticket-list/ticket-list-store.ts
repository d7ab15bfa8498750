import { create } from 'zustand';
import type { TicketRow } from '../../../shared/domain/ticket';
import type { PageCursor } from '../../../shared/domain/view';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** Rows asked for per page; a screenful is ~30, so one page covers several scrolls. */
export const PAGE_SIZE = 100;

interface TicketListState {
  viewId: string | null;
  rows: TicketRow[];
  /** The cursor of the next page; null when the last page is loaded. */
  next: PageCursor | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: ApiError | null;
  /** The row the keyboard is on (aria-selected), -1 for none; opening it is a separate step. */
  selectedIndex: number;
  /** Loads the first page of a view, replacing the list. */
  load(viewId: string): Promise<void>;
  /** Loads the next page, if there is one and none is loading. */
  loadMore(): Promise<void>;
  select(index: number): void;
  /** Moves the selection by `delta` rows, clamped to the loaded rows. */
  move(delta: number): void;
  /** Selects the row of a ticket, if it is loaded. */
  selectTicket(ticketId: string): void;
  /** Replaces the fields of a loaded row (a live change, or the agent's own). */
  patchRow(ticketId: string, patch: Partial<TicketRow>): void;
  /** Re-reads a loaded row from the store after it changed elsewhere. */
  refreshRow(ticketId: string, assigneeName: (agentId: string | null) => string | null): Promise<void>;
}

// Every load bumps the generation; an answer for an older one (the agent switched views in
// between) is dropped instead of mixing two views' rows.
let generation = 0;

/** The ticket list of the active view: keyset pages, appended as the agent scrolls. */
export const useTicketListStore = create<TicketListState>()((set, get) => ({
  viewId: null,
  rows: [],
  next: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  selectedIndex: -1,

  async load(viewId) {
    const mine = ++generation;
    set({ viewId, rows: [], next: null, status: 'loading', loadingMore: false, error: null, selectedIndex: -1 });
    try {
      const page = await api.call('ticket/list', { viewId, limit: PAGE_SIZE });
      if (mine !== generation) return;
      set({ rows: page.rows, next: page.next, status: 'ready' });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  async loadMore() {
    const { viewId, next, loadingMore, status } = get();
    if (viewId === null || next === null || loadingMore || status !== 'ready') return;
    const mine = generation;
    set({ loadingMore: true });
    try {
      const page = await api.call('ticket/list', { viewId, after: next, limit: PAGE_SIZE });
      if (mine !== generation) return;
      // A live change can bump a loaded ticket onto a later page; keep the row we already show.
      const seen = new Set(get().rows.map((row) => row.id));
      set((state) => ({
        rows: [...state.rows, ...page.rows.filter((row) => !seen.has(row.id))],
        next: page.next,
        loadingMore: false,
      }));
    } catch (error) {
      if (mine !== generation) return;
      set({ loadingMore: false, error: toApiError(error) });
    }
  },

  select(index) {
    const { rows } = get();
    if (rows.length === 0) return;
    set({ selectedIndex: Math.max(0, Math.min(rows.length - 1, index)) });
  },

  move(delta) {
    const { selectedIndex } = get();
    get().select(selectedIndex < 0 ? 0 : selectedIndex + delta);
  },

  selectTicket(ticketId) {
    const index = get().rows.findIndex((row) => row.id === ticketId);
    if (index >= 0) set({ selectedIndex: index });
  },

  patchRow(ticketId, patch) {
    const index = get().rows.findIndex((row) => row.id === ticketId);
    if (index < 0) return;
    set((state) => {
      const rows = state.rows.slice();
      rows[index] = { ...rows[index]!, ...patch };
      return { rows };
    });
  },

  async refreshRow(ticketId, assigneeName) {
    if (!get().rows.some((row) => row.id === ticketId)) return;
    try {
      const { ticket, requester } = await api.call('ticket/get', { ticketId });
      const name = assigneeName(ticket.assigneeId);
      // An assignee the team list does not know (yet) keeps the name the row already shows.
      const known = ticket.assigneeId === null || name !== null;
      get().patchRow(ticketId, { ...ticket, requesterName: requester.name, ...(known ? { assigneeName: name } : {}) });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
}));
