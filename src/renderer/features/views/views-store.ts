import { create } from 'zustand';
import type { MethodParams } from '../../../shared/contract/app-contract';
import type { View } from '../../../shared/domain/view';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** What saving a view sends: a new one without `id`, an edited one with it. */
export type ViewDraft = MethodParams<'view/save'>;

interface ViewsState {
  views: View[];
  /** Tickets per view id, capped at VIEW_COUNT_CAP by the backend. */
  counts: Readonly<Record<string, number>>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  activeViewId: string | null;
  load(): Promise<void>;
  /** Re-counts every view; called at start and (debounced) after ticket changes. */
  loadCounts(): Promise<void>;
  setActive(viewId: string): void;
  /** Saves a personal or shared view and answers it; throws an ApiError when refused. */
  save(draft: ViewDraft): Promise<View>;
  /** Deletes a saved view; throws an ApiError when refused. */
  remove(viewId: string): Promise<void>;
}

let countGeneration = 0;

/** The views the agent can pick, their counts, and which one the list shows. */
export const useViewsStore = create<ViewsState>()((set, get) => ({
  views: [],
  counts: {},
  status: 'idle',
  error: null,
  activeViewId: null,
  async load() {
    set({ status: get().views.length > 0 ? get().status : 'loading', error: null });
    try {
      set({ views: await api.call('view/list', {}), status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: toApiError(error) });
    }
  },
  async loadCounts() {
    const viewIds = get().views.map((view) => view.id).slice(0, 100);
    if (viewIds.length === 0) return;
    const mine = ++countGeneration;
    try {
      const counts = await api.call('view/count', { viewIds });
      if (mine === countGeneration) set({ counts });
    } catch (error) {
      // Counts are a convenience; a failure is logged, the views still work.
      toApiError(error);
    }
  },
  setActive(viewId) {
    set({ activeViewId: viewId });
  },
  async save(draft) {
    const saved = await api.call('view/save', draft);
    set((state) => {
      const exists = state.views.some((view) => view.id === saved.id);
      return { views: exists ? state.views.map((view) => (view.id === saved.id ? saved : view)) : [...state.views, saved] };
    });
    void get().loadCounts();
    return saved;
  },
  async remove(viewId) {
    await api.call('view/delete', { viewId });
    set((state) => ({ views: state.views.filter((view) => view.id !== viewId) }));
  },
}));
