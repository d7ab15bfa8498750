import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain/message';
import { Dialog } from '../../components/Dialog';
import { useFormat } from '../../i18n/format';
import { MessageBody } from './MessageBody';
import { useTicketStore } from './ticket-store';

/**
 * Before a public reply goes out: the customer wrote again, or someone else replied, while the
 * agent wrote. Shows those messages; Review (the default, and Escape) goes back to the thread with
 * the draft kept, Send anyway sends it. Either way the messages count as seen.
 */
export function UnseenMessagesDialog({ newer }: { newer: readonly Message[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const resolve = useTicketStore((s) => s.resolveUnseen);
  const sending = useTicketStore((s) => s.sending);
  const fromCustomer = newer.filter((message) => message.authorType === 'customer');
  const repliers = [...new Set(newer.filter((message) => message.authorType !== 'customer').map((message) => message.authorName))];
  const title =
    fromCustomer.length > 0
      ? t('composer.unseen.titleCustomer', { count: fromCustomer.length })
      : t('composer.unseen.titleOthers', { count: repliers.length, names: format.list(repliers) });

  return (
    <Dialog title={title} description={t('composer.unseen.description')} onClose={() => void resolve('review')} closeLabel={t('common.close')}>
      <ol className="unseen-messages" aria-label={t('composer.unseen.list')}>
        {newer.map((message) => {
          const kind = message.authorType === 'customer' ? 'customer' : 'reply';
          return (
            <li key={message.id}>
              <article
                className={`message message-${kind}`}
                aria-label={t('ticket.messageLabel', {
                  kind: t(`ticket.kind.${kind}`),
                  author: message.authorName,
                  date: format.dateTime(message.createdAt),
                })}
              >
                <header className="message-header">
                  <span className="message-author">{message.authorName}</span>
                  <time className="message-time muted" dateTime={new Date(message.createdAt).toISOString()}>
                    {format.dateTime(message.createdAt)}
                  </time>
                </header>
                {/* Remote images stay blocked here: the thread is where the agent allows them. */}
                <MessageBody body={message.body} format={message.bodyFormat} allowRemoteImages={false} />
              </article>
            </li>
          );
        })}
      </ol>
      <div className="dialog-actions">
        <button type="button" className="button" disabled={sending} onClick={() => void resolve('send')}>
          {t('composer.sendAnyway')}
        </button>
        <button type="button" className="button primary" data-autofocus="" onClick={() => void resolve('review')}>
          {t('composer.unseen.review')}
        </button>
      </div>
    </Dialog>
  );
}
