import { create } from 'zustand';
import type { SearchHit, SearchSort } from '../../../shared/search/search-schemas';
import { MAX_QUERY_CHARS } from '../../../shared/search/query-ast';
import { api } from '../../api/client';
import { toApiError } from '../../api/api-error';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 200;

interface SearchState {
  /** What is in the search box. */
  text: string;
  sort: SearchSort;
  setText(text: string): void;
  setSort(sort: SearchSort): void;
  /** Tickets matching what the agent typed into a ticket picker (merge, link): `123` finds ticket #123. */
  findTickets(text: string): Promise<SearchHit[]>;
}

/** The header's search box. Running the search and leaving search mode are workspace actions. */
export const useSearchStore = create<SearchState>()((set) => ({
  text: '',
  sort: 'newest',
  setText(text) {
    set({ text: text.slice(0, MAX_QUERY_CHARS) });
  },
  setSort(sort) {
    set({ sort });
  },
  async findTickets(text) {
    const trimmed = text.trim();
    if (trimmed === '') return [];
    const query = /^#?\d+$/.test(trimmed) ? `#${trimmed.replace('#', '')}` : trimmed.slice(0, MAX_QUERY_CHARS);
    try {
      return (await api.call('search/tickets', { query, sort: 'ranked', limit: 10 })).hits;
    } catch (error) {
      throw toApiError(error);
    }
  },
}));
