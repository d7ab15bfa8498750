import { useTranslation } from 'react-i18next';
import { closeMatrix, openMatrix } from '../matrix/matrix-navigation';
import { useScreenStore } from './screen-store';

/** The header's navigation between the ticket panes and the escalation matrix. */
export function ScreenNav() {
  const { t } = useTranslation();
  const screen = useScreenStore((s) => s.screen);
  return (
    <nav className="screen-nav" aria-label={t('screens.label')}>
      <button type="button" className="screen-link" aria-current={screen === 'tickets' ? 'page' : undefined} aria-keyshortcuts="G L" onClick={() => screen !== 'tickets' && closeMatrix()}>
        {t('screens.tickets')}
      </button>
      <button type="button" className="screen-link" aria-current={screen === 'matrix' ? 'page' : undefined} aria-keyshortcuts="G M" onClick={() => openMatrix()}>
        {t('screens.matrix')}
      </button>
    </nav>
  );
}
