import { useSyncExternalStore } from 'react';
import { getCommands, onCommandsChanged, type Command } from './registry';

let snapshot: Command[] = getCommands();
onCommandsChanged(() => {
  snapshot = getCommands();
});

/** Every registered command, re-read when commands are added or removed. */
export function useCommands(): Command[] {
  return useSyncExternalStore(
    (listener) => onCommandsChanged(listener),
    () => snapshot,
  );
}
