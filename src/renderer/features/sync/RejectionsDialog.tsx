import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRejectionView } from '../../../shared/contract/sync-methods';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { agentName, useTeamStore } from '../team/team-store';
import { changeText, reasonText, ticketText, type Names } from './sync-text';
import { useSyncStore } from './sync-store';

function ticketIdOf(rejection: SyncRejectionView): string | null {
  const ticketId = (rejection.args as { ticketId?: unknown } | null)?.ticketId;
  return typeof ticketId === 'string' ? ticketId : null;
}

/** One refused change: what it was, why, when, and Retry / Discard. */
function RejectionRow({ rejection, names, now }: { rejection: SyncRejectionView; names: Names; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const busy = useSyncStore((s) => s.busy.has(rejection.mutationId));
  const retry = useSyncStore((s) => s.retry);
  const discard = useSyncStore((s) => s.discard);
  const ticketId = ticketIdOf(rejection);
  const label = useSyncStore((s) => (ticketId === null ? undefined : s.ticketLabels[ticketId]));
  const change = changeText(t, rejection, names, ticketText(t, format, label));
  const { error } = rejection;
  return (
    <tr>
      <td>{change}</td>
      <td>
        <p className="rejection-reason">{reasonText(t, error)}</p>
        <p className="muted rejection-details">
          {t('rejections.code', { code: error.code })}
          {error.field !== undefined && <> · {t('rejections.field', { field: error.field })}</>}
          <> · {t('rejections.backendSays', { message: error.message })}</>
        </p>
      </td>
      <td>
        <time dateTime={new Date(rejection.at).toISOString()} title={format.dateTime(rejection.at)}>
          {format.relative(rejection.at, Math.max(now, rejection.at))}
        </time>
      </td>
      <td>
        {rejection.final ? (
          <div className="rejection-actions">
            <button type="button" className="button small" disabled={busy} aria-label={t('rejections.retryLabel', { change })} onClick={() => void retry(rejection.mutationId)}>
              {t('rejections.retry')}
            </button>
            <button type="button" className="button small danger-subtle" disabled={busy} aria-label={t('rejections.discardLabel', { change })} onClick={() => void discard(rejection.mutationId)}>
              {t('rejections.discard')}
            </button>
          </div>
        ) : (
          <span className="muted">{t('rejections.provisional')}</span>
        )}
      </td>
    </tr>
  );
}

/** The changes the backend refused, newest first, each with its reason and Retry / Discard. */
export function RejectionsDialog() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(30_000);
  const close = useDialogStore((s) => s.close);
  const status = useSyncStore((s) => s.status);
  const actionError = useSyncStore((s) => s.actionError);
  const loadTicketLabels = useSyncStore((s) => s.loadTicketLabels);
  const groups = useTeamStore((s) => s.groups);
  const rejections = status?.rejections ?? [];
  const names: Names = { agent: agentName, group: (groupId) => groups.get(groupId)?.name ?? null };
  const bodyRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    void loadTicketLabels();
  }, [rejections, loadTicketLabels]);

  // A retried or discarded row leaves with the button that had focus: keep focus in the dialog.
  useEffect(() => {
    const body = bodyRef.current;
    const dialog = body?.closest('dialog');
    if (!body || !dialog || dialog.contains(document.activeElement)) return;
    (body.querySelector<HTMLButtonElement>('button:not([disabled])') ?? dialog.querySelector<HTMLButtonElement>('button'))?.focus();
  }, [rejections]);

  return (
    <Dialog title={t('rejections.title')} description={t('rejections.description')} onClose={close} closeLabel={t('common.close')} className="rejections">
      <div ref={bodyRef}>
      {actionError && <ErrorAlert error={actionError} />}
      {rejections.length === 0 ? (
        <p className="muted">{t('rejections.none')}</p>
      ) : (
        <>
          <table className="rejections-table">
            <caption className="visually-hidden">{t('rejections.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rejections.change')}</th>
                <th scope="col">{t('rejections.reasonColumn')}</th>
                <th scope="col">{t('rejections.when')}</th>
                <th scope="col">{t('rejections.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((rejection) => (
                <RejectionRow key={rejection.mutationId} rejection={rejection} names={names} now={now} />
              ))}
            </tbody>
          </table>
          {status && status.rejectionCount > rejections.length && (
            <p className="muted">{t('rejections.showing', { shown: format.count(rejections.length), total: format.count(status.rejectionCount) })}</p>
          )}
        </>
      )}
      </div>
    </Dialog>
  );
}
