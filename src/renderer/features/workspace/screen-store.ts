import { create } from 'zustand';

/** The screens of the workspace: the ticket panes, or the escalation matrix. */
export type Screen = 'tickets' | 'matrix';

interface ScreenState {
  screen: Screen;
  show(screen: Screen): void;
}

/** Which screen the workspace shows; the header's navigation and commands switch it. */
export const useScreenStore = create<ScreenState>()((set) => ({
  screen: 'tickets',
  show(screen) {
    set({ screen });
  },
}));
