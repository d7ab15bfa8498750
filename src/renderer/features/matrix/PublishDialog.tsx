import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { ChangeList } from './ChangeList';
import { blockingCount, useMatrixStore, type MatrixChange, type MatrixConflict, type PublishRefusal } from './matrix-store';

/** The change summary a publish is prefilled with: one line per change (at most 20, then how many more). */
export function summaryOf(changes: readonly MatrixChange[], more: (count: number) => string): string {
  const lines = changes.slice(0, 20).map((change) => change.summary);
  if (changes.length > 20) lines.push(more(changes.length - 20));
  return lines.join('\n');
}

/**
 * Publishing the draft: what changed since the version in force (prefilled as the change
 * summary), then publish. A refusal says why: problems to fix, no right to publish, or another
 * lead published first (what their version changed, and "rebase my draft" with its conflicts).
 */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const format = useFormat();
  const draftChanges = useMatrixStore((s) => s.draftChanges);
  const publish = useMatrixStore((s) => s.publish);
  const rebase = useMatrixStore((s) => s.rebase);
  const problems = useMatrixStore((s) => s.problems);
  const unreadable = useMatrixStore((s) => s.unreadable);
  const published = useMatrixStore((s) => s.published);
  const [changes, setChanges] = useState<MatrixChange[] | null>(null);
  const [summary, setSummary] = useState('');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [refusal, setRefusal] = useState<PublishRefusal | null>(null);
  const [conflicts, setConflicts] = useState<MatrixConflict[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const errorCount = blockingCount(problems, unreadable);
  const blocked = errorCount > 0;

  const prefill = async () => {
    try {
      const found = await draftChanges();
      setChanges(found);
      setSummary(summaryOf(found, (count) => t('matrix.publish.more', { count })));
      setLoadError(null);
    } catch (error) {
      setChanges([]);
      setLoadError(toApiError(error));
    }
  };

  useEffect(() => {
    void prefill();
    // Once, when the dialog opens; a rebase prefills again itself.
  }, []);

  const onPublish = async () => {
    if (summary.trim() === '' || blocked) return;
    setBusy(true);
    setRefusal(null);
    const result = await publish(summary.trim());
    setBusy(false);
    if (result.ok) setDone(result.version.version);
    else setRefusal(result.refusal);
  };

  const onRebase = async () => {
    setBusy(true);
    try {
      setConflicts(await rebase());
      setRefusal(null);
      await prefill();
    } catch (error) {
      setRefusal({ kind: 'other', error: toApiError(error) });
    } finally {
      setBusy(false);
    }
  };

  if (done !== null) {
    return (
      <Dialog title={t('matrix.publish.title')} onClose={onClose} closeLabel={t('common.close')} className="publish-dialog">
        <p role="status">{t('matrix.publish.done', { version: done })}</p>
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button primary" data-autofocus="" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('matrix.publish.title')}
      onClose={onClose}
      closeLabel={t('common.close')}
      className="publish-dialog"
      description={published ? t('matrix.publish.description', { version: published.version }) : t('matrix.publish.first')}
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void onPublish();
        }}
      >
        {blocked && (
          <p className="alert inline" role="alert">
            {t('matrix.publish.blocked', { count: errorCount })}
          </p>
        )}
        {conflicts !== null && (
          <div className={conflicts.length > 0 ? 'alert warning inline' : 'alert inline info'} role="status">
            <p className="alert-title">{conflicts.length > 0 ? t('matrix.publish.rebasedWithConflicts', { count: conflicts.length }) : t('matrix.publish.rebased')}</p>
            {conflicts.length > 0 && (
              <ul aria-label={t('matrix.publish.conflicts')}>
                {conflicts.map((conflict, i) => (
                  <li key={`${conflict.path}-${i}`}>{conflict.summary}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p className="form-section" id={`${id}-changes`}>
          {t('matrix.publish.changes')}
        </p>
        {changes === null ? (
          <p className="muted" role="status">
            {t('matrix.publish.loading')}
          </p>
        ) : (
          <div className="publish-changes">
            <ChangeList changes={changes} label={t('matrix.publish.changes')} />
          </div>
        )}
        {loadError && <ErrorAlert error={loadError} />}
        <div className="form-field">
          <label htmlFor={`${id}-summary`}>{t('matrix.publish.summary')}</label>
          <textarea
            id={`${id}-summary`}
            rows={6}
            data-autofocus=""
            value={summary}
            maxLength={5000}
            aria-describedby={`${id}-summary-hint`}
            onChange={(event) => setSummary(event.target.value)}
          />
          <span id={`${id}-summary-hint`} className="muted field-hint">
            {t('matrix.publish.summaryHint')}
          </span>
        </div>
        {refusal && <Refusal refusal={refusal} busy={busy} onRebase={() => void onRebase()} formatDate={format.dateTime} />}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || blocked || summary.trim() === '' || changes === null}>
            {busy ? t('matrix.publish.publishing') : t('matrix.publish.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Refusal({ refusal, busy, onRebase, formatDate }: { refusal: PublishRefusal; busy: boolean; onRebase: () => void; formatDate: (ms: number) => string }) {
  const { t } = useTranslation();
  switch (refusal.kind) {
    case 'validation':
      return (
        <p className="alert inline" role="alert">
          {t('matrix.publish.refusedValidation')}
        </p>
      );
    case 'forbidden':
      return (
        <p className="alert inline" role="alert">
          {t('matrix.publish.refusedForbidden')}
        </p>
      );
    case 'conflict':
      return (
        <div className="alert warning inline conflict" role="alert">
          <p className="alert-title">
            {refusal.current
              ? t('matrix.publish.conflict', {
                  version: refusal.current.version,
                  author: refusal.current.author.name,
                  date: formatDate(refusal.current.publishedAt ?? refusal.current.savedAt),
                })
              : t('matrix.publish.conflictUnknown')}
          </p>
          {refusal.changes.length > 0 && (
            <>
              <p>{t('matrix.publish.theirChanges')}</p>
              <ChangeList changes={refusal.changes} label={t('matrix.publish.theirChanges')} />
            </>
          )}
          <p>{t('matrix.publish.rebaseHint')}</p>
          <button type="button" className="button small" onClick={onRebase} disabled={busy}>
            {t('matrix.publish.rebase')}
          </button>
        </div>
      );
    case 'other':
      return <ErrorAlert error={refusal.error} />;
  }
}
