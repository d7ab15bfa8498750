import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPriority } from '../../../shared/domain/ticket';
import type { ApiError } from '../../api/api-error';
import { toApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useMatrixStore, type MatrixPreview } from './matrix-store';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const DAY_CHOICES = [7, 30, 90] as const;
const PRIORITY_ORDER: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];

/** What-if: recent tickets replayed under the version in force and under the draft, breaches per plan × priority. */
export function PreviewPanel() {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const id = useId();
  const format = useFormat();
  const preview = useMatrixStore((s) => s.preview);
  const doc = useMatrixStore((s) => s.document);
  const hasDraft = useMatrixStore((s) => s.hasDraft);
  const [days, setDays] = useState<number>(30);
  const [result, setResult] = useState<MatrixPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      setResult(await preview(days));
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const rank = (plan: string) => Object.keys(doc?.plans ?? {}).indexOf(plan);
  const cells = [...(result?.cells ?? [])].sort(
    (a, b) => rank(a.plan) - rank(b.plan) || PRIORITY_ORDER.indexOf(a.priority as TicketPriority) - PRIORITY_ORDER.indexOf(b.priority as TicketPriority),
  );
  const totals = cells.reduce((sum, cell) => ({ published: sum.published + cell.breachedPublished, draft: sum.draft + cell.breachedDraft }), { published: 0, draft: 0 });

  return (
    <div className="matrix-panel">
      <h3 className="matrix-section-title" id={`${id}-title`}>
        {t('matrix.preview.title')}
      </h3>
      <p className="muted matrix-section-note">{hasDraft ? t('matrix.preview.note') : t('matrix.preview.noDraft')}</p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label htmlFor={`${id}-days`}>{t('matrix.preview.days')}</label>
        <select id={`${id}-days`} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {DAY_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t('matrix.preview.lastDays', { count: choice })}
            </option>
          ))}
        </select>
        <button type="submit" className="button small primary" disabled={busy}>
          {busy ? t('matrix.preview.running') : t('matrix.preview.run')}
        </button>
      </form>
      {error && <ErrorAlert error={error} />}
      <div role="status" className="preview-status">
        {result && t('matrix.preview.summary', { count: result.tickets, from: format.date(result.from), to: format.date(result.to) })}
      </div>
      {result && (
        <table className="matrix-table preview-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('matrix.targets.plan')}</th>
              <th scope="col">{t('matrix.targets.priority')}</th>
              <th scope="col" className="number">
                {t('matrix.preview.tickets')}
              </th>
              <th scope="col" className="number">
                {t('matrix.preview.breachedPublished')}
              </th>
              <th scope="col" className="number">
                {t('matrix.preview.breachedDraft')}
              </th>
              <th scope="col">{t('matrix.preview.change')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((cell) => {
              const delta = cell.breachedDraft - cell.breachedPublished;
              return (
                <tr key={`${cell.plan}-${cell.priority}`}>
                  <th scope="row">{doc?.plans[cell.plan]?.name ?? cell.plan}</th>
                  <td className={`priority-${cell.priority}`}>{tr(`priority.${cell.priority}`)}</td>
                  <td className="number">{format.count(cell.tickets)}</td>
                  <td className="number">{format.count(cell.breachedPublished)}</td>
                  <td className="number">{format.count(cell.breachedDraft)}</td>
                  <td>
                    <Delta delta={delta} />
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('matrix.preview.total')}
              </th>
              <td className="number">{format.count(cells.reduce((sum, cell) => sum + cell.tickets, 0))}</td>
              <td className="number">{format.count(totals.published)}</td>
              <td className="number">{format.count(totals.draft)}</td>
              <td>
                <Delta delta={totals.draft - totals.published} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}

/** A change in breaches in words and with a sign (never colour alone). */
function Delta({ delta }: { delta: number }) {
  const { t } = useTranslation();
  if (delta === 0) return <span className="delta delta-same">{t('matrix.preview.same')}</span>;
  return delta > 0 ? (
    <span className="delta delta-worse">
      <span aria-hidden="true">▲ </span>
      {t('matrix.preview.more', { count: delta })}
    </span>
  ) : (
    <span className="delta delta-better">
      <span aria-hidden="true">▼ </span>
      {t('matrix.preview.fewer', { count: -delta })}
    </span>
  );
}
