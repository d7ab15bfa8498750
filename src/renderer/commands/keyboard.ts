import type { Screen } from '../features/workspace/screen-store';
import { appliesOn, getCommands, shortcutParts, type Command, type CommandArea } from './registry';

/** How long the first chord of a sequence (`g` of `g v`) waits for the second. */
const SEQUENCE_TIMEOUT_MS = 1_000;

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The chord of a key event in the registry's notation: `Mod+Shift+k`, `ArrowDown`, `j`. */
export function chordOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  // Shift is part of a printable key (`?` is Shift+/ on many layouts), so only named keys and
  // letters carry it: `Shift+s` is its own chord, `?` stays `?`.
  if (event.shiftKey && (event.key.length > 1 || /^\p{L}$/u.test(event.key))) parts.push('Shift');
  parts.push(event.key.length === 1 ? event.key.toLowerCase() : event.key);
  return parts.join('+');
}

/** Whether the element takes typed text (or, for a select, arrow keys), so bare letters must reach it. */
function isTypingTarget(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(element.type);
  }
  return false;
}

/** Whether a chord may fire while the agent types: one with Mod or Alt, a function key, or Escape (leaving the field). */
function firesWhileTyping(chord: string): boolean {
  return chord.startsWith('Mod+') || chord.startsWith('Alt+') || chord === 'Escape' || /^F\d{1,2}$/.test(chord);
}

/** Whether a modal dialog is open: it owns the keyboard then (its own keys, Tab, Escape). */
function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/** A shortcut that may fire now and the command it runs. */
export interface Binding {
  keys: string;
  command: Command;
}

/**
 * The shortcuts that apply on `screen` with focus where `focusIn` says: a command of another
 * screen binds nothing (its list or ticket is not on screen), nor does a disabled one, nor a
 * shortcut limited to an area focus is not in.
 */
export function activeBindings(commands: readonly Command[], screen: Screen, focusIn: (area: CommandArea) => boolean): Binding[] {
  const bindings: Binding[] = [];
  for (const command of commands) {
    if (!appliesOn(command, screen) || (command.enabled && !command.enabled())) continue;
    for (const shortcut of command.shortcuts) {
      const { keys, area } = shortcutParts(command, shortcut);
      if (area === undefined || focusIn(area)) bindings.push({ keys, command });
    }
  }
  return bindings;
}

/**
 * Listens for the registry's shortcuts on `root`, offering only those of the commands that apply
 * on the screen `currentScreen` answers. Bare keys never fire while the agent types in a field;
 * chords with Mod or Alt, and Escape, do. Returns the function that stops listening.
 */
export function installShortcuts(currentScreen: () => Screen, root: Document | HTMLElement = document): () => void {
  let pending: string | null = null;
  let pendingTimer: ReturnType<typeof setTimeout> | undefined;

  const clearPending = () => {
    pending = null;
    clearTimeout(pendingTimer);
  };

  const onKeyDown = (event: Event) => {
    if (!(event instanceof KeyboardEvent) || event.isComposing || event.defaultPrevented) return;
    if (['Control', 'Meta', 'Alt', 'Shift'].includes(event.key)) return;
    if (modalOpen()) return;
    const target = event.target instanceof Element ? event.target : null;
    const chord = chordOf(event);
    const typing = isTypingTarget(target);
    const bindings = activeBindings(getCommands(), currentScreen(), (area) => target?.closest(`[data-command-area="${area}"]`) != null);

    const keys = pending === null ? [chord] : [`${pending} ${chord}`, chord];
    clearPending();
    for (const key of keys) {
      if (typing && (key.includes(' ') || !firesWhileTyping(key))) continue;
      const binding = bindings.find((b) => b.keys === key);
      if (binding) {
        event.preventDefault();
        binding.command.run();
        return;
      }
    }
    if (!typing && bindings.some((b) => b.keys.startsWith(`${chord} `))) {
      event.preventDefault();
      pending = chord;
      pendingTimer = setTimeout(clearPending, SEQUENCE_TIMEOUT_MS);
    }
  };

  root.addEventListener('keydown', onKeyDown);
  return () => {
    clearPending();
    root.removeEventListener('keydown', onKeyDown);
  };
}

/**
 * A shortcut as people read it: `Mod+Enter` → `Ctrl+Enter` (`Strg+Enter` on a German keyboard,
 * `⌘+Enter` on a Mac); `ctrlName` is the Ctrl key's name in the UI's language.
 */
export function displayShortcut(shortcut: string, ctrlName: string): string {
  return shortcut
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((part) => (part === 'Mod' ? (isMac ? '⌘' : ctrlName) : part.length === 1 && /^\p{Ll}$/u.test(part) && chord.includes('+') ? part.toUpperCase() : part))
        .join('+'),
    )
    .join(' ');
}
