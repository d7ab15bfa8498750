import { create } from 'zustand';
import type { View } from '../../../shared/domain/view';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

interface ViewsState {
  views: View[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  activeViewId: string | null;
  load(): Promise<void>;
  setActive(viewId: string): void;
}

/** The views the agent can pick, and which one the list shows. */
export const useViewsStore = create<ViewsState>()((set) => ({
  views: [],
  status: 'idle',
  error: null,
  activeViewId: null,
  async load() {
    set({ status: 'loading', error: null });
    try {
      set({ views: await api.call('view/list', {}), status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: toApiError(error) });
    }
  },
  setActive(viewId) {
    set({ activeViewId: viewId });
  },
}));
