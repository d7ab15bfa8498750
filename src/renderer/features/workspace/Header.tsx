import { useTranslation } from 'react-i18next';
import { displayShortcut } from '../../commands/keyboard';
import { runCommand } from '../../commands/registry';
import { useDialogStore } from '../../components/dialog-store';
import { SearchBox } from '../search/SearchBox';
import { useTeamStore } from '../team/team-store';
import { LanguageSelect } from './LanguageSelect';
import { ScreenNav } from './ScreenNav';
import { useScreenStore } from './screen-store';

/** The top bar: the app's name, the search box, new ticket, the palette and the settings, who is signed in, the language. */
export function Header() {
  const { t } = useTranslation();
  const agent = useTeamStore((s) => s.info?.currentAgent ?? null);
  const loaded = useTeamStore((s) => s.info !== null);
  const openDialog = useDialogStore((s) => s.openDialog);
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <ScreenNav />
      <SearchBox />
      <div className="app-header-end">
        <button type="button" className="button small primary" aria-keyshortcuts="c" onClick={() => runCommand('ticket.new', useScreenStore.getState().screen)}>
          {t('newTicket.button')}
        </button>
        <button
          type="button"
          className="button small subtle"
          aria-keyshortcuts="Control+K F1"
          title={displayShortcut('Mod+k', t('keys.mod'))}
          onClick={() => openDialog('palette')}
        >
          {t('palette.button')}
        </button>
        <button
          type="button"
          className="button small subtle"
          aria-keyshortcuts="Control+,"
          title={displayShortcut('Mod+,', t('keys.mod'))}
          onClick={() => openDialog('settings')}
        >
          {t('settings.button')}
        </button>
        {loaded && (
          <span className="signed-in">
            {agent ? t('app.signedInAs', { name: agent.name }) : t('app.notSignedIn')}
          </span>
        )}
        <LanguageSelect />
      </div>
    </header>
  );
}
