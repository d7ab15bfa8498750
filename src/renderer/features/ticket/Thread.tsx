import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain/message';
import { useFormat } from '../../i18n/format';
import { MessageBody } from './MessageBody';
import { useTicketStore } from './ticket-store';

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
 * The thread, oldest first: the newest page, with older pages on request. Bodies are rendered
 * from markdown or email HTML through the sanitiser; each message is laid out only when near the
 * viewport (content-visibility), so long threads stay fast.
 */
export function Thread({ messages, ticketId, olderMessages }: { messages: Message[]; ticketId: string; olderMessages: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const loadOlder = useTicketStore((s) => s.loadOlder);
  const loadingOlder = useTicketStore((s) => s.loadingOlder);
  const imagesAllowed = useTicketStore((s) => s.imagesAllowed);
  const scrollRef = useRef<HTMLDivElement | null>(null);

  // Whether the agent is reading the newest message; only then do we keep the view pinned to it.
  const atBottom = useRef(true);
  const newestId = messages.at(-1)?.id;

  // Open at the newest message, and follow new ones (older pages prepended keep the position).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
  }, [ticketId, newestId]);

  // Prepending older messages keeps what the agent was reading in place.
  const heightBefore = useRef(0);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || heightBefore.current === 0) return;
    element.scrollTop += element.scrollHeight - heightBefore.current;
    heightBefore.current = 0;
  }, [messages.length]);

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
      {olderMessages > 0 && (
        <div className="thread-older">
          <button
            type="button"
            className="button small"
            disabled={loadingOlder}
            onClick={() => {
              heightBefore.current = scrollRef.current?.scrollHeight ?? 0;
              void loadOlder();
            }}
          >
            {loadingOlder ? t('thread.loadingOlder') : t('thread.showOlder', { count: olderMessages, formatted: format.count(olderMessages) })}
          </button>
        </div>
      )}
      {messages.length === 0 && <p className="muted pane-note">{t('ticket.noMessages')}</p>}
      <ol className="thread-list">
        {messages.map((message) => (
          <ThreadEntry key={message.id} message={message} allowImages={imagesAllowed.has(message.id)} />
        ))}
      </ol>
    </div>
  );
}

const ThreadEntry = memo(function ThreadEntry({ message, allowImages }: { message: Message; allowImages: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const allow = useTicketStore((s) => s.allowImages);
  const kind = entryKind(message);
  const kindName = t(`ticket.kind.${kind}`);
  return (
    <li className="thread-entry">
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
          {kind === 'customer' && <span className="message-channel muted">{t(`channel.${message.channel}`)}</span>}
          <time className="message-time muted" dateTime={new Date(message.createdAt).toISOString()}>
            {format.dateTime(message.createdAt)}
          </time>
        </header>
        <MessageBody body={message.body} format={message.bodyFormat} allowRemoteImages={allowImages}>
          {(blocked) =>
            blocked > 0 && (
              <p className="images-blocked">
                <span>{t('thread.imagesBlocked', { count: blocked })}</span>
                <button type="button" className="button small" onClick={() => allow(message.id)}>
                  {t('thread.showImages')}
                </button>
              </p>
            )
          }
        </MessageBody>
        {message.attachments.length > 0 && (
          <ul className="attachments" aria-label={t('thread.attachments')}>
            {message.attachments.map((attachment, index) => (
              <li key={`${attachment.name}-${index}`} className="attachment">
                <span className="attachment-name">{attachment.name}</span>
                <span className="muted">
                  {format.bytes(attachment.sizeBytes)}
                  {attachment.contentType ? ` · ${attachment.contentType}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </article>
    </li>
  );
});
