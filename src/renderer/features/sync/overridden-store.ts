import { create } from 'zustand';
import type { OverriddenNoteView } from '../../../shared/contract/sync-methods';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

interface OverriddenState {
  /** The ticket whose notes are shown. */
  ticketId: string | null;
  /** Other agents' changes that overrode this desktop's values on that ticket, newest first. */
  notes: OverriddenNoteView[];
  error: ApiError | null;
  /** Reads the notes of a ticket (again, after it changed). */
  load(ticketId: string): Promise<void>;
  /** Hides a note once read. */
  dismiss(noteId: string): Promise<void>;
}

let generation = 0;

/** The "your change was overridden" notes of the open ticket. */
export const useOverriddenStore = create<OverriddenState>()((set, get) => ({
  ticketId: null,
  notes: [],
  error: null,

  async load(ticketId) {
    const mine = ++generation;
    if (get().ticketId !== ticketId) set({ ticketId, notes: [], error: null });
    try {
      const notes = await api.call('sync/list-overridden', { ticketId });
      if (mine === generation) set({ notes, error: null });
    } catch (error) {
      if (mine === generation) set({ error: toApiError(error) });
    }
  },

  async dismiss(noteId) {
    const before = get().notes;
    // Gone at once; back if the store refused.
    set({ notes: before.filter((note) => note.id !== noteId), error: null });
    try {
      await api.call('sync/dismiss-overridden', { noteId });
    } catch (error) {
      set({ notes: before, error: toApiError(error) });
    }
  },
}));
