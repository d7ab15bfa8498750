import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { useFocusTarget } from '../../components/focus-targets';
import { useFormat } from '../../i18n/format';
import { PresenceLine, useFollowPresence } from '../presence/PresenceLine';
import { OverriddenNotes } from '../sync/OverriddenNotes';
import { Composer } from './Composer';
import { RequesterCard } from './RequesterCard';
import { TicketSlaCountdown } from './SlaCountdown';
import { SlaPanel } from './SlaPanel';
import { Thread } from './Thread';
import { TicketFields } from './TicketFields';
import { TicketLinks } from './TicketLinks';
import { useTicketStore } from './ticket-store';

/** The ticket pane: the open ticket's header (with SLA countdown and actions), fields, links, thread and composer. */
export function TicketPane() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useTicketStore((s) => s.status);
  const error = useTicketStore((s) => s.error);
  const actionError = useTicketStore((s) => s.actionError);
  const detail = useTicketStore((s) => s.detail);
  const openDialog = useDialogStore((s) => s.openDialog);
  const focusRef = useFocusTarget<HTMLHeadingElement>('ticket');
  useFollowPresence();

  return (
    <section className="pane ticket-pane" aria-label={t('panes.ticket')}>
      {status === 'idle' && <p className="muted pane-note empty-ticket">{t('ticket.none')}</p>}
      {status === 'loading' && (
        <p role="status" className="muted pane-note">
          {t('ticket.loading')}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
      {detail && (
        <>
          <header className="ticket-header">
            <div className="ticket-heading">
              <p className="ticket-meta">
                <span className="ticket-number">
                  {detail.ticket.number === null
                    ? t('ticket.newNumber')
                    : t('ticket.number', { number: format.ticketNumber(detail.ticket.number) })}
                </span>
                <span aria-hidden="true"> · </span>
                <span>{t(`channel.${detail.ticket.channel}`)}</span>
                <span aria-hidden="true"> · </span>
                <span>
                  {t('ticket.fields.created')} {format.dateTime(detail.ticket.createdAt)}
                </span>
                <span aria-hidden="true"> · </span>
                <span className="sla-line">
                  <span className="visually-hidden">{t('sla.label')}: </span>
                  <TicketSlaCountdown ticketId={detail.ticket.id} dueAt={detail.ticket.dueAt} />
                </span>
              </p>
              <h2 className="ticket-subject" ref={focusRef} tabIndex={-1}>
                {detail.ticket.subject}
              </h2>
              <PresenceLine ticketId={detail.ticket.id} />
            </div>
            <div className="ticket-header-row">
              <RequesterCard requester={detail.requester} organisation={detail.organisation} />
              <div className="ticket-actions" role="toolbar" aria-label={t('ticket.actions')}>
                <button type="button" className="button small" aria-keyshortcuts="e" onClick={() => openDialog('escalate')} disabled={detail.ticket.level === 'L4'}>
                  {t('ticket.escalate')}
                </button>
                <button type="button" className="button small" aria-keyshortcuts="Shift+M" onClick={() => openDialog('merge')} disabled={detail.ticket.mergedIntoId !== null}>
                  {t('ticket.merge')}
                </button>
                <button type="button" className="button small" aria-keyshortcuts="Shift+N" onClick={() => openDialog('link')}>
                  {t('ticket.link')}
                </button>
              </div>
            </div>
          </header>
          <OverriddenNotes ticket={detail.ticket} />
          <TicketFields ticket={detail.ticket} />
          <SlaPanel ticket={detail.ticket} />
          {actionError && <ErrorAlert error={actionError} />}
          <TicketLinks detail={detail} />
          <Thread messages={detail.messages} ticketId={detail.ticket.id} olderMessages={detail.olderMessages} />
          <Composer />
        </>
      )}
    </section>
  );
}
