import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain/message';
import { useFormat } from '../../i18n/format';

/** Within this many px of the end counts as "at the newest message". */
const BOTTOM_SLACK_PX = 24;

/** The kind of a thread entry as the agent reads it: a customer's message, a reply, a note. */
function entryKind(message: Message): 'customer' | 'reply' | 'note' | 'system' {
  if (message.kind === 'note') return 'note';
  if (message.authorType === 'customer') return 'customer';
  if (message.authorType === 'system') return 'system';
  return 'reply';
}

/**
 * The thread, oldest first. Bodies are shown as plain text (React escapes them); markdown and
 * email HTML wait for a sanitising renderer, so nothing here is ever injected as HTML.
 */
export function Thread({ messages, ticketId }: { messages: Message[]; ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const scrollRef = useRef<HTMLDivElement | null>(null);

  // Whether the agent is reading the newest message; only then do we keep the view pinned to it.
  const atBottom = useRef(true);

  // Open at the newest message, and follow new ones.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
  }, [ticketId, messages.length]);

  // The thread shrinks when the composer grows (a longer draft, an alert): stay at the bottom.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      className="thread"
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={t('ticket.thread')}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX;
      }}
    >
      {messages.length === 0 && <p className="muted pane-note">{t('ticket.noMessages')}</p>}
      <ol className="thread-list">
        {messages.map((message) => {
          const kind = entryKind(message);
          const kindName = t(`ticket.kind.${kind}`);
          return (
            <li key={message.id}>
              <article
                className={`message message-${kind}`}
                aria-label={t('ticket.messageLabel', {
                  kind: kindName,
                  author: message.authorName,
                  date: format.dateTime(message.createdAt),
                })}
              >
                <header className="message-header">
                  <span className="message-author">{message.authorName}</span>
                  {kind !== 'customer' && <span className={`message-kind kind-${kind}`}>{kindName}</span>}
                  <time className="message-time muted" dateTime={new Date(message.createdAt).toISOString()}>
                    {format.dateTime(message.createdAt)}
                  </time>
                </header>
                <div className="message-body">{message.body}</div>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
