import { useTranslation } from 'react-i18next';
import { useTeamStore } from '../team/team-store';
import { LanguageSelect } from './LanguageSelect';

/** The top bar: the app's name, who is signed in, the language. */
export function Header() {
  const { t } = useTranslation();
  const agent = useTeamStore((s) => s.info?.currentAgent ?? null);
  const loaded = useTeamStore((s) => s.info !== null);
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="app-header-end">
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
