import { create } from 'zustand';
import type { Macro } from '../../../shared/domain/macro';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

interface MacroState {
  macros: Macro[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** Loads the macros once; later calls reuse them unless `force`. */
  load(force?: boolean): Promise<void>;
}

/** The macros the agent can apply. */
export const useMacroStore = create<MacroState>()((set, get) => ({
  macros: [],
  status: 'idle',
  error: null,
  async load(force = false) {
    if (!force && (get().status === 'ready' || get().status === 'loading')) return;
    set({ status: 'loading', error: null });
    try {
      const macros = await api.call('macro/list', {});
      set({ macros: [...macros].sort((a, b) => a.name.localeCompare(b.name)), status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: toApiError(error) });
    }
  },
}));
