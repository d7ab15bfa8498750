import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstName, renderMacroBody, type Macro, type MacroContext } from '../../../shared/domain/macro';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDialogStore } from '../../components/dialog-store';
import { focusTarget } from '../../components/focus-targets';
import { useTeamStore } from '../team/team-store';
import { MessageBody } from '../ticket/MessageBody';
import { useTicketStore, type TicketDetail } from '../ticket/ticket-store';
import { FieldChanges } from './FieldChanges';
import { useMacroStore } from './macro-store';

/** The values a macro's placeholders take on the open ticket. */
export function macroContext(detail: TicketDetail, agentName: string | null): MacroContext {
  return {
    'requester.name': detail.requester.name,
    'requester.firstName': firstName(detail.requester.name),
    'requester.email': detail.requester.email ?? '',
    'organisation.name': detail.organisation?.name ?? '',
    'ticket.number': detail.ticket.number === null ? '' : String(detail.ticket.number),
    'ticket.subject': detail.ticket.subject,
    'agent.name': agentName ?? '',
    'agent.firstName': agentName ? firstName(agentName) : '',
  };
}

/** The macros dialog: find a macro by name, see what it writes and changes, and put it in the composer. */
export function MacroPicker() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const macros = useMacroStore((s) => s.macros);
  const status = useMacroStore((s) => s.status);
  const error = useMacroStore((s) => s.error);
  const detail = useTicketStore((s) => s.detail);
  const setDraft = useTicketStore((s) => s.setDraft);
  const agentName = useTeamStore((s) => s.info?.currentAgent?.name ?? null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    void useMacroStore.getState().load();
  }, []);

  const matches = useMemo(() => {
    const needle = text.trim().toLocaleLowerCase();
    return needle === '' ? macros : macros.filter((macro) => macro.name.toLocaleLowerCase().includes(needle) || macro.body.toLocaleLowerCase().includes(needle));
  }, [macros, text]);
  const current = matches[Math.min(active, matches.length - 1)];
  const context = useMemo(() => (detail ? macroContext(detail, agentName) : {}), [detail, agentName]);

  const choose = (macro: Macro | undefined) => {
    if (!macro || !detail) return;
    setDraft({ kind: macro.kind, body: renderMacroBody(macro.body, context), macroId: macro.id });
    close();
    // The dialog gives focus back where it was; the composer is where the agent goes on.
    setTimeout(() => focusTarget('composer'), 0);
  };

  const listId = `${id}-list`;
  return (
    <Dialog title={t('macros.title')} onClose={close} closeLabel={t('common.close')} className="macro-picker">
      <label htmlFor={`${id}-input`} className="field-label block-label">
        {t('macros.search')}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        className="wide-input"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? `${id}-macro-${current.id}` : undefined}
        autoComplete="off"
        data-autofocus=""
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            choose(current);
          }
        }}
      />
      {error && <ErrorAlert error={error} />}
      {status === 'loading' && <p className="muted">{t('macros.loading')}</p>}
      {status === 'ready' && matches.length === 0 && (
        <p className="muted" role="status">
          {t('macros.none')}
        </p>
      )}
      <div className="macro-layout">
        <ul id={listId} role="listbox" aria-label={t('macros.title')} className="picker-list static">
          {matches.map((macro, index) => (
            <li
              key={macro.id}
              id={`${id}-macro-${macro.id}`}
              role="option"
              aria-selected={macro === current}
              className={macro === current ? 'picker-option is-active' : 'picker-option'}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(macro)}
            >
              <span>{macro.name}</span>
              <span className={macro.kind === 'note' ? 'message-kind kind-note' : 'message-kind kind-reply'}>
                {t(macro.kind === 'note' ? 'composer.note' : 'composer.reply')}
              </span>
            </li>
          ))}
        </ul>
        {current && (
          <section className="macro-preview" aria-label={t('macros.preview')}>
            <h3 className="form-section">{current.name}</h3>
            {current.body.trim() !== '' ? (
              <MessageBody body={renderMacroBody(current.body, context)} format="markdown" allowRemoteImages={false} />
            ) : (
              <p className="muted">{t('macros.noMessage')}</p>
            )}
            {Object.keys(current.fields).length > 0 && (
              <p className="macro-fields">
                <span className="muted">{t('composer.macroAlsoChanges')}</span> <FieldChanges fields={current.fields} />
              </p>
            )}
          </section>
        )}
      </div>
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button" onClick={close}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={!current} onClick={() => choose(current)}>
          {t('macros.use')}
        </button>
      </div>
    </Dialog>
  );
}
