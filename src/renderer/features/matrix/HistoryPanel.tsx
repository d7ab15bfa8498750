import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { ChangeList } from './ChangeList';
import { useMatrixStore, type MatrixChange, type MatrixVersionSummary } from './matrix-store';

type Ref = number | 'draft';

function refValue(ref: Ref): string {
  return String(ref);
}

function parseRef(value: string): Ref {
  return value === 'draft' ? 'draft' : Number(value);
}

/** The published versions (newest first) and the changes between any two of them (or the draft). */
export function HistoryPanel() {
  const { t } = useTranslation();
  const id = useId();
  const format = useFormat();
  const listVersions = useMatrixStore((s) => s.listVersions);
  const diff = useMatrixStore((s) => s.diff);
  const hasDraft = useMatrixStore((s) => s.hasDraft);
  const current = useMatrixStore((s) => s.published?.version ?? null);
  const [versions, setVersions] = useState<MatrixVersionSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [from, setFrom] = useState<Ref | null>(null);
  const [to, setTo] = useState<Ref | null>(null);
  const [changes, setChanges] = useState<{ from: Ref; to: Ref; list: MatrixChange[] } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    listVersions()
      .then((list) => {
        if (!live) return;
        setVersions(list);
        // With a draft, what it would change; else what the latest publish changed.
        const draft = useMatrixStore.getState().hasDraft;
        setTo(draft ? 'draft' : (list[0]?.version ?? null));
        setFrom(draft ? (list[0]?.version ?? null) : (list[1]?.version ?? list[0]?.version ?? null));
      })
      .catch((caught: unknown) => live && setError(toApiError(caught)));
    return () => {
      live = false;
    };
  }, [listVersions, current]);

  const compare = async () => {
    if (from === null || to === null) return;
    setBusy(true);
    try {
      setChanges({ from, to, list: await diff(from, to) });
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const refs: Ref[] = [...(hasDraft ? (['draft'] as const) : []), ...(versions ?? []).map((v) => v.version)];
  const refLabel = (ref: Ref) => (ref === 'draft' ? t('matrix.history.draft') : t('matrix.history.version', { version: ref }));

  return (
    <div className="matrix-panel">
      <h3 className="matrix-section-title" id={`${id}-title`}>
        {t('matrix.history.title')}
      </h3>
      {error && <ErrorAlert error={error} />}
      {versions === null && !error && (
        <p className="muted" role="status">
          {t('matrix.history.loading')}
        </p>
      )}
      {versions !== null && versions.length === 0 && <p className="muted">{t('matrix.history.empty')}</p>}
      {versions !== null && versions.length > 0 && (
        <table className="matrix-table history-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('matrix.history.versionColumn')}</th>
              <th scope="col">{t('matrix.history.published')}</th>
              <th scope="col">{t('matrix.history.author')}</th>
              <th scope="col">{t('matrix.history.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version}>
                <th scope="row">
                  {version.version}
                  {version.version === current && <span className="chip in-force">{t('matrix.history.inForce')}</span>}
                </th>
                <td>{version.publishedAt === null ? '—' : format.dateTime(version.publishedAt)}</td>
                <td>{version.author.name}</td>
                <td className="history-summary">{version.changeSummary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {refs.length > 0 && (
        <form
          className="inline-form compare-form"
          aria-label={t('matrix.history.compare')}
          onSubmit={(event) => {
            event.preventDefault();
            void compare();
          }}
        >
          <label htmlFor={`${id}-from`}>{t('matrix.history.from')}</label>
          <select id={`${id}-from`} value={from === null ? '' : refValue(from)} onChange={(event) => setFrom(parseRef(event.target.value))}>
            {refs.map((ref) => (
              <option key={ref} value={refValue(ref)}>
                {refLabel(ref)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-to`}>{t('matrix.history.to')}</label>
          <select id={`${id}-to`} value={to === null ? '' : refValue(to)} onChange={(event) => setTo(parseRef(event.target.value))}>
            {refs.map((ref) => (
              <option key={ref} value={refValue(ref)}>
                {refLabel(ref)}
              </option>
            ))}
          </select>
          <button type="submit" className="button small" disabled={busy || from === null || to === null}>
            {t('matrix.history.compare')}
          </button>
        </form>
      )}
      {changes && (
        <section className="diff" aria-labelledby={`${id}-diff`}>
          <h4 id={`${id}-diff`} className="matrix-subtitle">
            {t('matrix.history.diffTitle', { from: refLabel(changes.from), to: refLabel(changes.to) })}
          </h4>
          <ChangeList changes={changes.list} label={t('matrix.history.diffTitle', { from: refLabel(changes.from), to: refLabel(changes.to) })} />
        </section>
      )}
    </div>
  );
}
