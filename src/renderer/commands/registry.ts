import type { ParseKeys } from 'i18next';

/**
 * Where a command's shortcut applies: nowhere in particular (anywhere but while typing, unless
 * the shortcut has a modifier), or only while focus is inside an element marked
 * `data-command-area="<area>"`.
 */
export type CommandArea = 'list' | 'composer' | 'search' | 'fields';

/** A shortcut that applies only inside an area, though its command may run from anywhere. */
export interface ScopedShortcut {
  keys: string;
  area: CommandArea;
}

/** A key chord (or sequence) as a string, or one limited to an area. */
export type Shortcut = string | ScopedShortcut;

/**
 * An action of the workspace. The one registry of them feeds the keyboard shortcuts now and the
 * command palette later, so an action is declared once.
 */
export interface Command {
  /** Stable id, `area.verb`. */
  id: string;
  /** The i18n key of the command's title, as a palette or a help sheet shows it. */
  titleKey: ParseKeys;
  /**
   * Key chords that run it: `j`, `ArrowDown`, `Mod+Enter` (Mod is Ctrl, or ⌘ on a Mac),
   * `Shift+?`; a space separates the chords of a sequence (`g v`).
   */
  shortcuts: readonly Shortcut[];
  /** Limits every shortcut to focus inside this area; the palette ignores it. */
  area?: CommandArea;
  /** Whether the command can run now; a disabled command's shortcut falls through to the page. */
  enabled?: () => boolean;
  run: () => void;
}

const commands = new Map<string, Command>();
const listeners = new Set<() => void>();

/** Adds commands; returns the function that removes them again. An id registered twice is a bug. */
export function registerCommands(list: readonly Command[]): () => void {
  for (const command of list) {
    if (commands.has(command.id)) throw new Error(`command ${command.id} is registered twice`);
    commands.set(command.id, command);
  }
  notify();
  return () => {
    for (const command of list) {
      if (commands.get(command.id) === command) commands.delete(command.id);
    }
    notify();
  };
}

/** The keys of a shortcut and the area it is limited to, if any. */
export function shortcutParts(command: Command, shortcut: Shortcut): { keys: string; area: CommandArea | undefined } {
  return typeof shortcut === 'string' ? { keys: shortcut, area: command.area } : shortcut;
}

/** Every registered command, in registration order. */
export function getCommands(): Command[] {
  return [...commands.values()];
}

/** Runs a command by id when it is registered and enabled; answers whether it ran. */
export function runCommand(id: string): boolean {
  const command = commands.get(id);
  if (!command || (command.enabled && !command.enabled())) return false;
  command.run();
  return true;
}

/** Calls `listener` whenever commands are added or removed; returns the function that stops it. */
export function onCommandsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}
