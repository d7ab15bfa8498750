import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/describe-error';
import { useFormat } from '../../i18n/format';
import { CalculatorPanel } from './CalculatorPanel';
import { CalendarsSection } from './CalendarsSection';
import { HistoryPanel } from './HistoryPanel';
import { LevelsSection } from './LevelsSection';
import { MATRIX_TABS, blockingCount, useMatrixStore, type MatrixTab } from './matrix-store';
import { PreviewPanel } from './PreviewPanel';
import { ProblemList } from './ProblemList';
import { PublishDialog } from './PublishDialog';
import { RoutingSection, TriggersSection } from './RulesSection';
import { TargetsSection } from './TargetsSection';
import { closeMatrix } from './matrix-navigation';
import { MATRIX_SECTIONS } from './problem-paths';
import '../../styles/matrix.css';

const TAB_KEYS = {
  editor: 'matrix.tabs.editor',
  preview: 'matrix.tabs.preview',
  history: 'matrix.tabs.history',
  calculator: 'matrix.tabs.calculator',
} as const satisfies Record<MatrixTab, string>;

const SECTION_KEYS = {
  levels: 'matrix.sections.levels',
  plans: 'matrix.sections.plans',
  calendars: 'matrix.sections.calendars',
  routing: 'matrix.sections.routing',
  triggers: 'matrix.sections.triggers',
} as const;

/**
 * The escalation matrix screen: the draft editor (levels, plans and targets, calendars, routing,
 * triggers) with its problems, the what-if preview, the version history and the SLA calculator.
 * Team leads edit and publish; everyone else reads the same screen with every control read-only.
 */
export function MatrixScreen() {
  const { t } = useTranslation();
  const id = useId();
  const load = useMatrixStore((s) => s.load);
  const status = useMatrixStore((s) => s.status);
  const loadError = useMatrixStore((s) => s.loadError);
  const document = useMatrixStore((s) => s.document);
  const canPublish = useMatrixStore((s) => s.canPublish);
  const tab = useMatrixStore((s) => s.tab);
  const setTab = useMatrixStore((s) => s.setTab);
  const publishOpen = useMatrixStore((s) => s.publishOpen);
  const setPublishOpen = useMatrixStore((s) => s.setPublishOpen);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => {
    void load();
    headingRef.current?.focus();
  }, [load]);

  return (
    <section className="matrix-screen" aria-labelledby={`${id}-title`}>
      <header className="matrix-header">
        <div className="matrix-heading">
          <h2 id={`${id}-title`} className="matrix-title" tabIndex={-1} ref={headingRef}>
            {t('matrix.title')}
          </h2>
          <VersionLine />
        </div>
        <div className="matrix-header-end">
          {canPublish && <DraftStatus />}
          <DraftActions />
          <button type="button" className="button small subtle" onClick={closeMatrix}>
            {t('matrix.back')}
          </button>
        </div>
      </header>
      {status === 'ready' && !canPublish && (
        <p className="matrix-readonly" role="note">
          <strong>{t('matrix.readOnlyTitle')}</strong> {t('matrix.readOnly')}
        </p>
      )}
      {loadError && <ErrorAlert error={loadError} />}
      <div className="matrix-tabs" role="tablist" aria-label={t('matrix.tabs.label')}>
        {MATRIX_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? 'tab is-selected' : 'tab'}
            onClick={() => setTab(name)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
              event.preventDefault();
              const at = MATRIX_TABS.indexOf(name);
              const next = MATRIX_TABS[(at + (event.key === 'ArrowRight' ? 1 : MATRIX_TABS.length - 1)) % MATRIX_TABS.length] as MatrixTab;
              setTab(next);
              window.document.getElementById(`${id}-tab-${next}`)?.focus();
            }}
          >
            {t(TAB_KEYS[name])}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${tab}`} className="matrix-body">
        {status === 'loading' && (
          <p className="muted pane-note" role="status">
            {t('matrix.loading')}
          </p>
        )}
        {document && tab === 'editor' && (
          <div className="matrix-editor" data-matrix-editor="">
            <nav className="matrix-toc" aria-label={t('matrix.sections.label')}>
              <ul>
                {MATRIX_SECTIONS.map((section) => (
                  <li key={section}>
                    <button type="button" className="link-button" onClick={() => useMatrixStore.getState().reveal(section)}>
                      {t(SECTION_KEYS[section])}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="matrix-sections">
              <LevelsSection doc={document} />
              <TargetsSection doc={document} />
              <CalendarsSection doc={document} />
              <RoutingSection doc={document} />
              <TriggersSection doc={document} />
            </div>
            <ProblemList />
          </div>
        )}
        {document && tab === 'preview' && <PreviewPanel />}
        {document && tab === 'history' && <HistoryPanel />}
        {document && tab === 'calculator' && <CalculatorPanel />}
      </div>
      {publishOpen && canPublish && <PublishDialog onClose={() => setPublishOpen(false)} />}
    </section>
  );
}

function VersionLine() {
  const { t } = useTranslation();
  const format = useFormat();
  const published = useMatrixStore((s) => s.published);
  const hasDraft = useMatrixStore((s) => s.hasDraft);
  const basedOn = useMatrixStore((s) => s.basedOnVersion);
  if (!published) return <p className="muted matrix-version">{t('matrix.noVersion')}</p>;
  return (
    <p className="muted matrix-version">
      {t('matrix.inForce', { version: published.version, author: published.author.name, date: format.dateTime(published.publishedAt ?? published.savedAt) })}
      {hasDraft && basedOn !== null && basedOn !== published.version && (
        <span className="chip stale"> {t('matrix.draftBasedOn', { version: basedOn })}</span>
      )}
    </p>
  );
}

function DraftStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const saveState = useMatrixStore((s) => s.saveState);
  const savedAt = useMatrixStore((s) => s.savedAt);
  const saveError = useMatrixStore((s) => s.saveError);
  const hasDraft = useMatrixStore((s) => s.hasDraft);
  let text: string;
  switch (saveState) {
    case 'clean':
      text = hasDraft ? t('matrix.save.saved', { time: savedAt === null ? '' : format.dateTime(savedAt) }) : t('matrix.save.clean');
      break;
    case 'pending':
      text = t('matrix.save.pending');
      break;
    case 'saving':
      text = t('matrix.save.saving');
      break;
    case 'saved':
      text = t('matrix.save.saved', { time: savedAt === null ? '' : format.dateTime(savedAt) });
      break;
    case 'error':
      text = t('matrix.save.failed');
      break;
  }
  return (
    <span className={saveState === 'error' ? 'draft-status is-error' : 'draft-status muted'} role="status">
      {text}
      {saveError && saveState === 'error' && <> {describeError(t, saveError)}</>}
    </span>
  );
}

function DraftActions() {
  const { t } = useTranslation();
  const canPublish = useMatrixStore((s) => s.canPublish);
  const hasDraft = useMatrixStore((s) => s.hasDraft);
  const problems = useMatrixStore((s) => s.problems);
  const unreadable = useMatrixStore((s) => s.unreadable);
  const discard = useMatrixStore((s) => s.discard);
  const setPublishOpen = useMatrixStore((s) => s.setPublishOpen);
  const [confirming, setConfirming] = useState(false);
  const errors = blockingCount(problems, unreadable);
  const blocked = errors > 0;

  if (!canPublish) {
    return (
      <button type="button" className="button small primary" disabled aria-describedby="matrix-publish-why">
        {t('matrix.publish.button')}
        <span id="matrix-publish-why" className="visually-hidden">
          {t('matrix.publish.leadsOnly')}
        </span>
      </button>
    );
  }
  return (
    <>
      {hasDraft &&
        (confirming ? (
          <span className="confirm-inline" role="group" aria-label={t('matrix.discard.confirm')}>
            <span>{t('matrix.discard.confirm')}</span>
            <button
              type="button"
              className="button small danger"
              onClick={() => {
                setConfirming(false);
                void discard();
              }}
            >
              {t('matrix.discard.yes')}
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(false)}>
              {t('matrix.discard.no')}
            </button>
          </span>
        ) : (
          <button type="button" className="button small subtle" onClick={() => setConfirming(true)}>
            {t('matrix.discard.button')}
          </button>
        ))}
      <button
        type="button"
        className="button small primary"
        disabled={!hasDraft}
        aria-describedby={blocked ? 'matrix-publish-blocked' : undefined}
        onClick={() => setPublishOpen(true)}
      >
        {t('matrix.publish.button')}
      </button>
      {blocked && (
        <span id="matrix-publish-blocked" className="visually-hidden">
          {t('matrix.publish.blocked', { count: errors })}
        </span>
      )}
    </>
  );
}
