import { useTranslation } from 'react-i18next';
import { VIEW_COUNT_CAP, type View } from '../../../shared/domain/view';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { useFocusTarget } from '../../components/focus-targets';
import { useFormat } from '../../i18n/format';
import { useTicketListStore } from '../ticket-list/ticket-list-store';
import { selectView } from '../workspace/workspace-actions';
import { useViewsStore } from './views-store';
import { useViewName } from './use-view-name';

/** The views pane: built-in views with counts, then the agent's own and the team's shared views. */
export function ViewsPane() {
  const { t } = useTranslation();
  const views = useViewsStore((s) => s.views);
  const status = useViewsStore((s) => s.status);
  const error = useViewsStore((s) => s.error);
  const activeViewId = useViewsStore((s) => s.activeViewId);
  const searching = useTicketListStore((s) => s.source?.kind === 'search');
  const focusRef = useFocusTarget<HTMLButtonElement>('views');
  const openDialog = useDialogStore((s) => s.openDialog);
  const focusedId = activeViewId ?? views[0]?.id;

  const sections: { key: string; titleKey: 'views.builtIn' | 'views.personal' | 'views.shared'; views: View[] }[] = [
    { key: 'built-in', titleKey: 'views.builtIn', views: views.filter((v) => v.scope === 'built-in') },
    { key: 'personal', titleKey: 'views.personal', views: views.filter((v) => v.scope === 'personal') },
    { key: 'shared', titleKey: 'views.shared', views: views.filter((v) => v.scope === 'shared') },
  ];

  return (
    <nav className="pane views-pane" aria-labelledby="views-heading">
      <h2 id="views-heading" className="pane-title">
        {t('panes.views')}
      </h2>
      {status === 'loading' && <p role="status" className="muted pane-note">{t('views.loading')}</p>}
      {error && <ErrorAlert error={error} />}
      <div className="view-sections">
        {sections.map((section) =>
          section.views.length === 0 && section.key !== 'personal' ? null : (
            <section key={section.key} className="view-section" aria-labelledby={`views-section-${section.key}`}>
              {section.key !== 'built-in' && (
                <h3 id={`views-section-${section.key}`} className="view-section-title">
                  {t(section.titleKey)}
                </h3>
              )}
              {section.key === 'built-in' && (
                <h3 id={`views-section-${section.key}`} className="visually-hidden">
                  {t(section.titleKey)}
                </h3>
              )}
              {section.key === 'personal' && (
                <button type="button" className="button small subtle new-view" onClick={() => openDialog('view-editor')}>
                  <span aria-hidden="true">+ </span>
                  {t('views.new')}
                </button>
              )}
              {section.views.length === 0 ? (
                <p className="muted view-empty">{t('views.noneSaved')}</p>
              ) : (
                <ul className="view-list">
                  {section.views.map((view) => (
                    <ViewItem
                      key={view.id}
                      view={view}
                      active={view.id === activeViewId && !searching}
                      focusRef={view.id === focusedId ? focusRef : undefined}
                    />
                  ))}
                </ul>
              )}
            </section>
          ),
        )}
      </div>
    </nav>
  );
}

function ViewItem({ view, active, focusRef }: { view: View; active: boolean; focusRef?: (element: HTMLButtonElement | null) => void }) {
  const { t } = useTranslation();
  const viewName = useViewName();
  const format = useFormat();
  const count = useViewsStore((s) => s.counts[view.id]);
  const openDialog = useDialogStore((s) => s.openDialog);
  const name = viewName(view.id);
  const countText =
    count === undefined ? null : count > VIEW_COUNT_CAP ? t('views.countCapped', { count: format.count(VIEW_COUNT_CAP) }) : format.count(count);
  const countId = `view-count-${view.id}`;
  return (
    <li className="view-item">
      <button
        type="button"
        ref={focusRef}
        className="view-button"
        aria-current={active ? 'true' : undefined}
        aria-describedby={countText === null ? undefined : countId}
        onClick={() => selectView(view.id)}
      >
        <span className="view-name">{name}</span>
        {/* The count is read as the button's description, so its name stays the view's name. */}
        {countText !== null && (
          <span className="view-count" aria-hidden="true">
            {countText}
          </span>
        )}
      </button>
      {countText !== null && (
        <span id={countId} hidden>
          {t('views.countLabel')} {countText}
        </span>
      )}
      {view.scope !== 'built-in' && (
        <button
          type="button"
          className="icon-button view-edit"
          aria-label={t('views.editNamed', { name })}
          title={t('views.edit')}
          onClick={() => openDialog('view-editor', { editViewId: view.id })}
        >
          <span aria-hidden="true">✎</span>
        </button>
      )}
    </li>
  );
}
