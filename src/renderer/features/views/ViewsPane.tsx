import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { selectView } from '../workspace/workspace-actions';
import { useViewsStore } from './views-store';
import { useViewName } from './use-view-name';

/** The views pane: the built-in views; picking one fills the ticket list. */
export function ViewsPane() {
  const { t } = useTranslation();
  const viewName = useViewName();
  const views = useViewsStore((s) => s.views);
  const status = useViewsStore((s) => s.status);
  const error = useViewsStore((s) => s.error);
  const activeViewId = useViewsStore((s) => s.activeViewId);
  const focusRef = useFocusTarget<HTMLButtonElement>('views');

  return (
    <nav className="pane views-pane" aria-labelledby="views-heading">
      <h2 id="views-heading" className="pane-title">
        {t('panes.views')}
      </h2>
      {status === 'loading' && <p role="status" className="muted pane-note">{t('views.loading')}</p>}
      {error && <ErrorAlert error={error} />}
      <ul className="view-list">
        {views.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              ref={view.id === (activeViewId ?? views[0]?.id) ? focusRef : undefined}
              className="view-button"
              aria-current={view.id === activeViewId ? 'true' : undefined}
              onClick={() => selectView(view.id)}
            >
              {viewName(view.id)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
