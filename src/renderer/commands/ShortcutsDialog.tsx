import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { useDialogStore } from '../components/dialog-store';
import type { Screen } from '../features/workspace/screen-store';
import { useShortcutText } from './CommandPalette';
import { commandsOn, type Command } from './registry';
import { useCommands } from './use-commands';

/** The group a command is listed under: the first part of its id (`list.next` → list). */
export function commandGroup(command: Command): string {
  return command.id.split('.')[0] ?? command.id;
}

/**
 * The keyboard shortcuts sheet (`?`), generated from the same registry as the shortcuts and the
 * palette: the shortcuts that work on `screen`, the one named under the title.
 */
export function ShortcutsDialog({ screen }: { screen: Screen }) {
  const { t, i18n } = useTranslation();
  const close = useDialogStore((s) => s.close);
  const commands = commandsOn(useCommands(), screen).filter((command) => command.shortcuts.length > 0);
  const shortcutText = useShortcutText();
  const groups = [...new Set(commands.map(commandGroup))];
  return (
    <Dialog title={t('shortcuts.title')} description={t(`screens.${screen}`)} onClose={close} closeLabel={t('common.close')} className="shortcuts">
      <div className="shortcut-groups">
        {groups.map((group) => {
          const key = `commandGroups.${group}`;
          return (
            <section key={group} aria-labelledby={`shortcuts-${group}`}>
              <h3 id={`shortcuts-${group}`} className="mini-heading">
                {i18n.exists(key) ? (t(key as 'commandGroups.list') as string) : group}
              </h3>
              <table className="shortcut-table">
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">{t('shortcuts.action')}</th>
                    <th scope="col">{t('shortcuts.keys')}</th>
                  </tr>
                </thead>
                <tbody>
                  {commands
                    .filter((command) => commandGroup(command) === group)
                    .map((command) => (
                      <tr key={command.id}>
                        <td>{t(command.titleKey) as string}</td>
                        <td className="shortcut-keys">
                          {shortcutText(command).map((keys, index) => (
                            <span key={keys}>
                              {index > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                              <kbd>{keys}</kbd>
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          );
        })}
      </div>
    </Dialog>
  );
}
