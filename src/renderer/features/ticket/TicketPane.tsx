import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useFormat } from '../../i18n/format';
import { Composer } from './Composer';
import { RequesterCard } from './RequesterCard';
import { Thread } from './Thread';
import { TicketFields } from './TicketFields';
import { useTicketStore } from './ticket-store';

/** The ticket pane: the open ticket's header, fields, thread and composer. */
export function TicketPane() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useTicketStore((s) => s.status);
  const error = useTicketStore((s) => s.error);
  const detail = useTicketStore((s) => s.detail);
  const focusRef = useFocusTarget<HTMLHeadingElement>('ticket');

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
              </p>
              <h2 className="ticket-subject" ref={focusRef} tabIndex={-1}>
                {detail.ticket.subject}
              </h2>
            </div>
            <RequesterCard requester={detail.requester} organisation={detail.organisation} />
          </header>
          <TicketFields ticket={detail.ticket} />
          <Thread messages={detail.messages} ticketId={detail.ticket.id} />
          <Composer />
        </>
      )}
    </section>
  );
}
