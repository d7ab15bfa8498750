import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_KINDS } from '../../../shared/domain/message';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { useFocusTarget } from '../../components/focus-targets';
import { displayShortcut } from '../../commands/keyboard';
import { useMacroStore } from '../macros/macro-store';
import { FieldChanges } from '../macros/FieldChanges';
import { MessageBody } from './MessageBody';
import { draftOf, useTicketStore } from './ticket-store';
import { UnseenMessagesDialog } from './UnseenMessagesDialog';

/** Writes a public reply or an internal note on the open ticket, in markdown, optionally from a macro. */
export function Composer() {
  const { t } = useTranslation();
  const id = useId();
  const ticketId = useTicketStore((s) => s.ticketId);
  const draft = useTicketStore((s) => draftOf(s, s.ticketId));
  const sending = useTicketStore((s) => s.sending);
  const composerError = useTicketStore((s) => s.composerError);
  const composerWarning = useTicketStore((s) => s.composerWarning);
  const sentCount = useTicketStore((s) => s.sentCount);
  const lastSentKind = useTicketStore((s) => s.lastSentKind);
  const setDraft = useTicketStore((s) => s.setDraft);
  const send = useTicketStore((s) => s.send);
  const macro = useMacroStore((s) => s.macros.find((m) => m.id === draft.macroId));
  const openDialog = useDialogStore((s) => s.openDialog);
  const focusRef = useFocusTarget<HTMLTextAreaElement>('composer');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const errorId = `${id}-error`;
  const isNote = draft.kind === 'note';
  const macroChanges = useMemo(() => (macro && Object.keys(macro.fields).length > 0 ? macro.fields : null), [macro]);

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
      <div className="composer-top">
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
        <div className="tabs" role="tablist" aria-label={t('composer.modes')}>
          {(['write', 'preview'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              role="tab"
              id={`${id}-tab-${mode}`}
              aria-selected={tab === mode}
              aria-controls={`${id}-panel-${mode}`}
              tabIndex={tab === mode ? 0 : -1}
              className={tab === mode ? 'tab is-selected' : 'tab'}
              onClick={() => setTab(mode)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  event.preventDefault();
                  const other = mode === 'write' ? 'preview' : 'write';
                  setTab(other);
                  document.getElementById(`${id}-tab-${other}`)?.focus();
                }
              }}
            >
              {t(mode === 'write' ? 'composer.write' : 'composer.preview')}
            </button>
          ))}
        </div>
        <button type="button" className="button small subtle" aria-keyshortcuts="m" onClick={() => openDialog('macros')}>
          {t('composer.macros')}
        </button>
      </div>
      {macro && (
        <div className="macro-chip" role="group" aria-label={t('composer.macroApplied', { name: macro.name })}>
          <span>
            {t('composer.macroApplied', { name: macro.name })}
            {macroChanges && (
              <>
                {' · '}
                <span className="muted">{t('composer.macroAlsoChanges')}</span> <FieldChanges fields={macroChanges} />
              </>
            )}
          </span>
          <button type="button" className="button small subtle" onClick={() => setDraft({ macroId: null })}>
            {t('composer.removeMacro')}
          </button>
        </div>
      )}
      <div id={`${id}-panel-write`} role="tabpanel" aria-labelledby={`${id}-tab-write`} hidden={tab !== 'write'}>
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
          aria-describedby={composerError ? errorId : `${id}-md`}
          onChange={(event) => setDraft({ body: event.target.value })}
        />
        <span id={`${id}-md`} className="visually-hidden">
          {t('composer.markdownHint')}
        </span>
      </div>
      <div
        id={`${id}-panel-preview`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-preview`}
        hidden={tab !== 'preview'}
        className="composer-preview"
        tabIndex={0}
      >
        {tab === 'preview' &&
          (draft.body.trim() === '' ? (
            <p className="muted">{t('composer.previewEmpty')}</p>
          ) : (
            <MessageBody body={draft.body} format="markdown" allowRemoteImages={false} />
          ))}
      </div>
      {composerError?.type === 'empty' && (
        <p role="alert" className="alert" id={errorId}>
          {t('composer.empty')}
        </p>
      )}
      {composerError?.type === 'api' && <ErrorAlert error={composerError.error} id={errorId} />}
      {composerWarning && <UnseenMessagesDialog newer={composerWarning.newer} />}
      <div className="composer-actions">
        <span className="muted composer-hint">{t('composer.hint', { shortcut: displayShortcut('Mod+Enter', t('keys.mod')) })}</span>
        <span role="status" className="visually-hidden">
          {sentCount > 0 && lastSentKind !== null && t(lastSentKind === 'note' ? 'composer.sentNote' : 'composer.sentReply')}
        </span>
        <button type="submit" className={isNote ? 'button primary note' : 'button primary'} disabled={sending}>
          {sending
            ? t('composer.sending')
            : macro
              ? t(isNote ? 'composer.addNoteMacro' : 'composer.sendReplyMacro')
              : t(isNote ? 'composer.addNote' : 'composer.sendReply')}
        </button>
      </div>
    </form>
  );
}
