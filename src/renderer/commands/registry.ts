import type { ParseKeys } from 'i18next';
import type { Screen } from '../features/workspace/screen-store';

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
 * The screen a command belongs to, or `global` for one that applies on every screen. A command
 * of another screen acts on things that are not on screen (the list, the open ticket, the matrix
 * draft), so its shortcuts stay silent and the palette leaves it out.
 */
export type CommandScreen = Screen | 'global';

/**
 * An action of the workspace. The one registry of them feeds the keyboard shortcuts, the command
 * palette and the shortcuts sheet, so an action is declared once.
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
  /**
   * Where the command applies. Required, so that a new command says so: a global command that
   * needs another screen switches to it itself (`g l` from the matrix goes back to the list).
   */
  screen: CommandScreen;
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

/** Whether `command` applies while `screen` shows: it belongs to that screen or to every screen. */
export function appliesOn(command: Command, screen: Screen): boolean {
  return command.screen === 'global' || command.screen === screen;
}

/** The commands that apply while `screen` shows, in registration order: what its shortcuts, palette and help offer. */
export function commandsOn(list: readonly Command[], screen: Screen): Command[] {
  return list.filter((command) => appliesOn(command, screen));
}

/** Runs a command by id when it is registered, applies on `screen` and is enabled; answers whether it ran. */
export function runCommand(id: string, screen: Screen): boolean {
  const command = commands.get(id);
  if (!command || !appliesOn(command, screen) || (command.enabled && !command.enabled())) return false;
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
