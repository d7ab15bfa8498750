import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { useDialogStore } from '../components/dialog-store';
import type { Screen } from '../features/workspace/screen-store';
import { displayShortcut } from './keyboard';
import { commandsOn, runCommand, shortcutParts, type Command } from './registry';
import { useCommands } from './use-commands';

/** Whether every word typed occurs in the title (in any order), ignoring case and accents. */
function matches(title: string, query: string): boolean {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const haystack = fold(title);
  return fold(query)
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

/** The shortcuts of a command as the agent reads them. */
export function useShortcutText(): (command: Command) => string[] {
  const { t } = useTranslation();
  return (command) => command.shortcuts.map((shortcut) => displayShortcut(shortcutParts(command, shortcut).keys, t('keys.mod')));
}

/**
 * The command palette: the commands that apply on `screen` (the others act on what is not on
 * screen, so they are left out, as their shortcuts are), filtered as the agent types; Enter runs one.
 */
export function CommandPalette({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const commands = useCommands();
  const shortcutText = useShortcutText();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const listed = useMemo(
    () =>
      commandsOn(commands, screen)
        .map((command) => ({ command, title: t(command.titleKey) as string, enabled: !command.enabled || command.enabled() }))
        .filter((entry) => matches(entry.title, query))
        // Runnable commands first, then alphabetical within each.
        .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.title.localeCompare(b.title)),
    [commands, screen, query, t],
  );
  const current = listed[Math.min(active, listed.length - 1)];

  const run = (entry: (typeof listed)[number] | undefined) => {
    if (!entry || !entry.enabled) return;
    close();
    // After the dialog has closed and given focus back, so the command's own focus move wins.
    setTimeout(() => runCommand(entry.command.id, screen), 0);
  };

  const listId = `${id}-list`;
  const optionId = (commandId: string) => `${id}-cmd-${commandId.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <Dialog title={t('palette.title')} onClose={close} closeLabel={t('common.close')} className="palette">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('palette.label')}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        className="palette-input"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current.command.id) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('palette.placeholder')}
        data-autofocus=""
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((a) => Math.min(listed.length - 1, a + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (event.key === 'Home' && event.ctrlKey) {
            setActive(0);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(current);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('palette.commands')} className="palette-list">
        {listed.map((entry, index) => {
          const shortcuts = shortcutText(entry.command);
          return (
            <li
              key={entry.command.id}
              id={optionId(entry.command.id)}
              role="option"
              aria-selected={entry === current}
              aria-disabled={!entry.enabled || undefined}
              className={[entry === current ? 'is-active' : '', entry.enabled ? '' : 'is-disabled', 'palette-option'].join(' ')}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(index)}
              onClick={() => run(entry)}
            >
              <span className="palette-title">{entry.title}</span>
              {!entry.enabled && <span className="muted palette-note">{t('palette.unavailable')}</span>}
              {shortcuts.length > 0 && (
                <span className="palette-keys" aria-label={t('palette.shortcut', { keys: shortcuts.join(', ') })}>
                  {shortcuts.map((keys) => (
                    <kbd key={keys}>{keys}</kbd>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {listed.length === 0 && (
        <p className="muted" role="status">
          {t('palette.none')}
        </p>
      )}
    </Dialog>
  );
}
