import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/app-contract';
import { applyTagEdit, type TicketFieldsPatch, type TicketRow, type TicketTagEdit } from '../../../shared/domain/ticket';
import type { PageCursor } from '../../../shared/domain/view';
import type { SearchCursor, SearchSort } from '../../../shared/search/search-schemas';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** Rows asked for per page; a screenful is ~30, so one page covers several scrolls. */
export const PAGE_SIZE = 100;
/** Search results per page (the contract's default). */
export const SEARCH_PAGE_SIZE = 50;

/** What the list shows: a view's tickets, or the results of a search. */
export type ListSource = { kind: 'view'; viewId: string } | { kind: 'search'; query: string; sort: SearchSort };

type Next = { kind: 'view'; cursor: PageCursor } | { kind: 'search'; cursor: SearchCursor } | null;

/** Where a search result matched, and its snippet (plain text with match markers). */
export interface HitInfo {
  snippet: string | null;
  matchedIn: 'subject' | 'message' | 'customer' | null;
}

export type SearchProblems = MethodOutput<'search/tickets'>['problems'];

interface TicketListState {
  source: ListSource | null;
  rows: TicketRow[];
  next: Next;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: ApiError | null;
  /** Search mode: where each hit matched. */
  hits: Readonly<Record<string, HitInfo>>;
  /** Search mode: what to tell the agent about the query. */
  problems: SearchProblems;
  /** The row the keyboard is on (the active descendant), -1 for none; opening it is a separate step. */
  selectedIndex: number;
  /** Tickets picked for a bulk edit (x, Ctrl+click, Shift+click, Ctrl+A); empty when none. */
  picked: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchorIndex: number;
  bulkBusy: boolean;
  bulkError: ApiError | null;

  /** Loads the first page of a view, replacing the list. */
  load(viewId: string): Promise<void>;
  /** Runs a search and shows its first page, replacing the list. */
  search(query: string, sort: SearchSort): Promise<void>;
  /** Loads the next page, if there is one and none is loading. */
  loadMore(): Promise<void>;
  /** Moves the keyboard to a row (clamped); picked rows stay picked. */
  select(index: number): void;
  /** Moves the keyboard by `delta` rows, clamped to the loaded rows. */
  move(delta: number): void;
  /** Moves by `delta` and picks the range from the anchor to the new row (Shift+arrows). */
  extend(delta: number): void;
  /** Picks or unpicks one row (x, Ctrl+click) and makes it the anchor. */
  toggle(index: number): void;
  /** Picks the range from the anchor to `index` (Shift+click). */
  pickRange(index: number): void;
  /** Picks every loaded row (Ctrl+A). */
  pickAll(): void;
  clearPicked(): void;
  /** Selects the row of a ticket, if it is loaded. */
  selectTicket(ticketId: string): void;
  /** Replaces the fields of a loaded row (a live change, or the agent's own). */
  patchRow(ticketId: string, patch: Partial<TicketRow>): void;
  /** Re-reads a loaded row from the store after it changed elsewhere. */
  refreshRow(ticketId: string, assigneeName: (agentId: string | null) => string | null): Promise<void>;
  /**
   * Changes the picked tickets as one undoable action: the patch's fields, and the tag edit on each
   * ticket's own tags (null: tags stay). Answers the id that undoes it (null when nothing changed)
   * and how many tickets changed, or null when it failed (see bulkError).
   */
  bulkUpdate(
    patch: Omit<TicketFieldsPatch, 'tags'>,
    tags: TicketTagEdit | null,
    names: { assigneeName: (agentId: string | null) => string | null },
  ): Promise<{ undoId: string | null; changed: number } | null>;
  /** Reverts a bulk edit; answers how many tickets went back, or null when it failed (undoing again finishes it). */
  undoBulk(undoId: string): Promise<number | null>;
}

// Every load bumps the generation; an answer for an older one (the agent switched views in
// between) is dropped instead of mixing two lists' rows.
let generation = 0;

const EMPTY: Pick<TicketListState, 'rows' | 'next' | 'hits' | 'problems' | 'selectedIndex' | 'picked' | 'anchorIndex' | 'loadingMore' | 'error' | 'bulkError'> = {
  rows: [],
  next: null,
  hits: {},
  problems: [],
  selectedIndex: -1,
  picked: new Set(),
  anchorIndex: -1,
  loadingMore: false,
  error: null,
  bulkError: null,
};

function clamp(index: number, length: number): number {
  return Math.max(0, Math.min(length - 1, index));
}

function range(rows: TicketRow[], from: number, to: number): Set<string> {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return new Set(rows.slice(Math.max(0, start), end + 1).map((row) => row.id));
}

/** The list of the active view or search: keyset pages, appended as the agent scrolls, and the bulk selection. */
export const useTicketListStore = create<TicketListState>()((set, get) => ({
  source: null,
  status: 'idle',
  bulkBusy: false,
  ...EMPTY,

  async load(viewId) {
    const mine = ++generation;
    set({ source: { kind: 'view', viewId }, status: 'loading', ...EMPTY, picked: new Set() });
    try {
      const page = await api.call('ticket/list', { viewId, limit: PAGE_SIZE });
      if (mine !== generation) return;
      set({ rows: page.rows, next: page.next ? { kind: 'view', cursor: page.next } : null, status: 'ready' });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  async search(query, sort) {
    const mine = ++generation;
    set({ source: { kind: 'search', query, sort }, status: 'loading', ...EMPTY, picked: new Set() });
    try {
      const page = await api.call('search/tickets', { query, sort, limit: SEARCH_PAGE_SIZE });
      if (mine !== generation) return;
      set({
        rows: page.hits.map((hit) => hit.ticket),
        hits: Object.fromEntries(page.hits.map((hit) => [hit.ticket.id, { snippet: hit.snippet, matchedIn: hit.matchedIn }])),
        problems: page.problems,
        next: page.next ? { kind: 'search', cursor: page.next } : null,
        status: 'ready',
      });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  async loadMore() {
    const { source, next, loadingMore, status } = get();
    if (source === null || next === null || loadingMore || status !== 'ready') return;
    const mine = generation;
    set({ loadingMore: true });
    try {
      let rows: TicketRow[];
      let hits: Record<string, HitInfo> = {};
      let following: Next;
      if (source.kind === 'view' && next.kind === 'view') {
        const page = await api.call('ticket/list', { viewId: source.viewId, after: next.cursor, limit: PAGE_SIZE });
        rows = page.rows;
        following = page.next ? { kind: 'view', cursor: page.next } : null;
      } else if (source.kind === 'search' && next.kind === 'search') {
        const page = await api.call('search/tickets', { query: source.query, sort: source.sort, after: next.cursor, limit: SEARCH_PAGE_SIZE });
        rows = page.hits.map((hit) => hit.ticket);
        hits = Object.fromEntries(page.hits.map((hit) => [hit.ticket.id, { snippet: hit.snippet, matchedIn: hit.matchedIn }]));
        following = page.next ? { kind: 'search', cursor: page.next } : null;
      } else {
        return;
      }
      if (mine !== generation) return;
      // A live change can bump a loaded ticket onto a later page; keep the row we already show.
      const seen = new Set(get().rows.map((row) => row.id));
      set((state) => ({
        rows: [...state.rows, ...rows.filter((row) => !seen.has(row.id))],
        hits: { ...hits, ...state.hits },
        next: following,
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
    const selectedIndex = clamp(index, rows.length);
    set({ selectedIndex, anchorIndex: get().picked.size === 0 ? selectedIndex : get().anchorIndex });
  },

  move(delta) {
    const { selectedIndex } = get();
    get().select(selectedIndex < 0 ? 0 : selectedIndex + delta);
  },

  extend(delta) {
    const { rows, selectedIndex, anchorIndex } = get();
    if (rows.length === 0) return;
    const from = selectedIndex < 0 ? 0 : selectedIndex;
    const anchor = anchorIndex < 0 ? from : anchorIndex;
    const to = clamp(from + delta, rows.length);
    set({ selectedIndex: to, anchorIndex: anchor, picked: range(rows, anchor, to) });
  },

  toggle(index) {
    const { rows, picked } = get();
    const row = rows[index];
    if (!row) return;
    const next = new Set(picked);
    if (next.has(row.id)) next.delete(row.id);
    else next.add(row.id);
    set({ picked: next, selectedIndex: index, anchorIndex: index });
  },

  pickRange(index) {
    const { rows, anchorIndex, selectedIndex } = get();
    if (!rows[index]) return;
    const anchor = anchorIndex >= 0 ? anchorIndex : Math.max(0, selectedIndex);
    set({ picked: range(rows, anchor, index), selectedIndex: index, anchorIndex: anchor });
  },

  pickAll() {
    const { rows } = get();
    set({ picked: new Set(rows.map((row) => row.id)) });
  },

  clearPicked() {
    set({ picked: new Set(), anchorIndex: get().selectedIndex });
  },

  selectTicket(ticketId) {
    const index = get().rows.findIndex((row) => row.id === ticketId);
    if (index >= 0) set({ selectedIndex: index, anchorIndex: get().picked.size === 0 ? index : get().anchorIndex });
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

  async bulkUpdate(patch, tags, names) {
    const { rows, picked, bulkBusy } = get();
    const hasFields = Object.keys(patch).length > 0;
    if (bulkBusy || picked.size === 0 || (!hasFields && tags === null)) return null;
    const ticketIds = rows.filter((row) => picked.has(row.id)).map((row) => row.id);
    set({ bulkBusy: true, bulkError: null });
    try {
      // One call, one undo: the main process works out each ticket's own resulting tags.
      const answer = await api.call('ticket/bulk-update', { ticketIds, ...(hasFields ? { patch } : {}), ...(tags ? { tags } : {}) });
      // Show the change at once; live events re-read the rows for anything else that moved.
      const rowPatch: Partial<TicketRow> = { ...patch };
      if ('assigneeId' in patch) rowPatch.assigneeName = names.assigneeName(patch.assigneeId ?? null);
      const edited = new Set(ticketIds);
      set((state) => ({
        bulkBusy: false,
        rows: state.rows.map((row) => (edited.has(row.id) ? { ...row, ...rowPatch, ...(tags ? { tags: applyTagEdit(row.tags, tags) } : {}) } : row)),
      }));
      return answer;
    } catch (error) {
      set({ bulkBusy: false, bulkError: toApiError(error) });
      return null;
    }
  },

  async undoBulk(undoId) {
    try {
      return (await api.call('ticket/undo-bulk-update', { undoId })).reverted;
    } catch (error) {
      set({ bulkError: toApiError(error) });
      return null;
    }
  },
}));

/** Whether a row counts as selected (aria-selected): the picked rows, or the keyboard's row when none is picked. */
export function isRowSelected(state: Pick<TicketListState, 'picked' | 'selectedIndex'>, ticketId: string, index: number): boolean {
  return state.picked.size > 0 ? state.picked.has(ticketId) : index === state.selectedIndex;
}
