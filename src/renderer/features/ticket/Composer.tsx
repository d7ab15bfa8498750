import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_KINDS } from '../../../shared/domain/message';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { displayShortcut } from '../../commands/keyboard';
import { draftOf, useTicketStore } from './ticket-store';

/** Writes a public reply or an internal note on the open ticket. */
export function Composer() {
  const { t } = useTranslation();
  const id = useId();
  const ticketId = useTicketStore((s) => s.ticketId);
  const draft = useTicketStore((s) => draftOf(s, s.ticketId));
  const sending = useTicketStore((s) => s.sending);
  const composerError = useTicketStore((s) => s.composerError);
  const sentCount = useTicketStore((s) => s.sentCount);
  const lastSentKind = useTicketStore((s) => s.lastSentKind);
  const setDraft = useTicketStore((s) => s.setDraft);
  const send = useTicketStore((s) => s.send);
  const focusRef = useFocusTarget<HTMLTextAreaElement>('composer');
  const errorId = `${id}-error`;
  const isNote = draft.kind === 'note';

  return (
    <form
      className={isNote ? 'composer is-note' : 'composer'}
      data-command-area="composer"
      aria-label={t('composer.label')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('composer.kindLegend')}</legend>
        {MESSAGE_KINDS.map((kind) => (
          <label key={kind} className={draft.kind === kind ? 'segment is-checked' : 'segment'}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={draft.kind === kind}
              onChange={() => setDraft({ kind })}
            />
            {t(kind === 'note' ? 'composer.note' : 'composer.reply')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={`${id}-body`}
        key={ticketId}
        ref={focusRef}
        className="composer-body"
        rows={4}
        value={draft.body}
        placeholder={t(isNote ? 'composer.placeholderNote' : 'composer.placeholderReply')}
        aria-invalid={composerError !== null || undefined}
        aria-describedby={composerError ? errorId : undefined}
        onChange={(event) => setDraft({ body: event.target.value })}
      />
      {composerError?.type === 'empty' && (
        <p role="alert" className="alert" id={errorId}>
          {t('composer.empty')}
        </p>
      )}
      {composerError?.type === 'api' && <ErrorAlert error={composerError.error} id={errorId} />}
      <div className="composer-actions">
        <span className="muted composer-hint">{t('composer.hint', { shortcut: displayShortcut('Mod+Enter', t('keys.mod')) })}</span>
        <span role="status" className="visually-hidden">
          {sentCount > 0 && lastSentKind !== null && t(lastSentKind === 'note' ? 'composer.sentNote' : 'composer.sentReply')}
        </span>
        <button type="submit" className={isNote ? 'button primary note' : 'button primary'} disabled={sending}>
          {sending ? t('composer.sending') : t(isNote ? 'composer.addNote' : 'composer.sendReply')}
        </button>
      </div>
    </form>
  );
}
