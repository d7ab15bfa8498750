import { useTranslation } from 'react-i18next';
import { useTicketStore, type TicketDetail } from './ticket-store';
import { openTicket } from '../workspace/workspace-actions';
import { useTicketLabel } from './TicketActionDialogs';

/** The ticket's links (with unlink), the tickets merged into it, and where it was merged to. */
export function TicketLinks({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const unlink = useTicketStore((s) => s.unlink);
  const label = useTicketLabel();
  const { links, mergedFrom, ticket } = detail;
  if (links.length === 0 && mergedFrom.length === 0 && ticket.mergedIntoId === null) return null;
  return (
    <div className="ticket-links">
      {ticket.mergedIntoId !== null && (
        <p className="merged-into">
          {t('links.mergedInto')}{' '}
          <button type="button" className="link-button" onClick={() => openTicket(ticket.mergedIntoId!)}>
            {t('links.openMerged')}
          </button>
        </p>
      )}
      {links.length > 0 && (
        <section aria-labelledby="ticket-links-heading">
          <h3 id="ticket-links-heading" className="mini-heading">
            {t('links.title')}
          </h3>
          <ul className="link-list">
            {links.map((link) => {
              const name = label({ number: link.otherNumber, subject: link.otherSubject });
              return (
                <li key={link.otherId}>
                  <span className="link-kind">{t(`link.kinds.${link.kind}`)}</span>
                  <button type="button" className="link-button" onClick={() => openTicket(link.otherId)}>
                    {name}
                  </button>
                  <span className={`badge status-${link.otherStatus}`}>{t(`status.${link.otherStatus}`)}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('links.unlink', { ticket: name })}
                    onClick={() => void unlink(link.otherId)}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {mergedFrom.length > 0 && (
        <section aria-labelledby="ticket-merged-heading">
          <h3 id="ticket-merged-heading" className="mini-heading">
            {t('links.mergedFrom')}
          </h3>
          <ul className="link-list">
            {mergedFrom.map((source) => (
              <li key={source.id}>
                <button type="button" className="link-button" onClick={() => openTicket(source.id)}>
                  {label(source)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
