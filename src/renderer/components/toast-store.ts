import type { ParseKeys } from 'i18next';
import { create } from 'zustand';

/** A short notice at the bottom of the workspace, with at most one action (e.g. Undo). */
export interface Toast {
  id: number;
  /** The i18n key of the text, and its parameters, so it follows a language switch. */
  textKey: ParseKeys;
  params?: Record<string, string | number>;
  action?: { labelKey: ParseKeys; run: () => void };
  tone?: 'info' | 'error';
}

/** How long a toast stays; one with an action stays longer, so there is time to reach it. */
const TOAST_MS = 6_000;
const ACTION_TOAST_MS = 15_000;

interface ToastState {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** The workspace's notices; any feature may show one. */
export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    // One notice at a time keeps it calm: a new one replaces the old.
    for (const old of get().toasts) get().dismiss(old.id);
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
    timers.set(
      id,
      setTimeout(() => get().dismiss(id), toast.action ? ACTION_TOAST_MS : TOAST_MS),
    );
    return id;
  },
  dismiss(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));
