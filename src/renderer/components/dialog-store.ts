import { create } from 'zustand';

/** The workspace's modal dialogs; at most one is open. */
export type DialogName =
  | 'palette'
  | 'shortcuts'
  | 'view-editor'
  | 'new-ticket'
  | 'escalate'
  | 'merge'
  | 'link'
  | 'macros'
  | 'settings'
  | 'rejections';

interface DialogState {
  open: DialogName | null;
  /** The saved view the view editor edits; null for a new view. */
  editViewId: string | null;
  openDialog(name: DialogName, options?: { editViewId?: string | null }): void;
  close(): void;
}

/** Which dialog is open; commands open them, the workspace renders the open one. */
export const useDialogStore = create<DialogState>()((set) => ({
  open: null,
  editViewId: null,
  openDialog(name, options) {
    set({ open: name, editViewId: options?.editViewId ?? null });
  },
  close() {
    set({ open: null, editViewId: null });
  },
}));
