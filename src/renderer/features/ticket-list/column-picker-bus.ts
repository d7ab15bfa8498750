/** Lets the "Choose columns" command open the column menu, which owns its open state. */
const listeners = new Set<() => void>();

export const columnPickerBus = {
  open(): void {
    for (const listener of listeners) listener();
  },
  listen(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
