import { getCommands, shortcutParts, type CommandArea } from './registry';

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

function inArea(area: CommandArea | undefined, target: Element | null): boolean {
  return area === undefined || target?.closest(`[data-command-area="${area}"]`) != null;
}

/** The shortcuts that apply with focus on `target`, each with the command it runs. */
function activeBindings(target: Element | null): { keys: string; run: () => void }[] {
  const bindings: { keys: string; run: () => void }[] = [];
  for (const command of getCommands()) {
    if (command.enabled && !command.enabled()) continue;
    for (const shortcut of command.shortcuts) {
      const { keys, area } = shortcutParts(command, shortcut);
      if (inArea(area, target)) bindings.push({ keys, run: command.run });
    }
  }
  return bindings;
}

/**
 * Listens for the registry's shortcuts on `root`. Bare keys never fire while the agent types in a
 * field; chords with Mod or Alt, and Escape, do. Returns the function that stops listening.
 */
export function installShortcuts(root: Document | HTMLElement = document): () => void {
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
    const bindings = activeBindings(target);

    const keys = pending === null ? [chord] : [`${pending} ${chord}`, chord];
    clearPending();
    for (const key of keys) {
      if (typing && (key.includes(' ') || !firesWhileTyping(key))) continue;
      const binding = bindings.find((b) => b.keys === key);
      if (binding) {
        event.preventDefault();
        binding.run();
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
