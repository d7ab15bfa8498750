import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_LINK_KINDS, type TicketLinkKind } from '../../../shared/domain/ticket';
import type { SearchHit } from '../../../shared/search/search-schemas';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PickerCombobox } from '../../components/PickerCombobox';
import { useDialogStore } from '../../components/dialog-store';
import { useFormat } from '../../i18n/format';
import { useSearchStore } from '../search/search-store';
import { openTicket } from '../workspace/workspace-actions';
import { useTicketStore } from './ticket-store';

/** "#123 Subject", or "New ticket · Subject" before the backend numbered it. */
export function useTicketLabel(): (ticket: { number: number | null; subject: string }) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (ticket) =>
    `${ticket.number === null ? t('ticket.newNumber') : t('ticket.number', { number: format.ticketNumber(ticket.number) })} ${ticket.subject}`;
}

/** Escalate: the agent says why; the ticket goes to the next level's group. */
export function EscalateDialog() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const escalate = useTicketStore((s) => s.escalate);
  const level = useTicketStore((s) => s.detail?.ticket.level);
  const actionError = useTicketStore((s) => s.actionError);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const next = level === 'L1' ? 'L2' : level === 'L2' ? 'L3' : level === 'L3' ? 'L4' : null;

  return (
    <Dialog
      title={t('escalate.title')}
      description={next ? t('escalate.description', { from: level ?? '', to: next }) : t('escalate.top')}
      onClose={close}
      closeLabel={t('common.close')}
    >
      <form
        className="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (reason.trim() === '') {
            setMissing(true);
            return;
          }
          setBusy(true);
          const done = await escalate(reason.trim());
          setBusy(false);
          if (done) close();
        }}
      >
        <label htmlFor={`${id}-reason`}>{t('escalate.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={4}
          maxLength={1000}
          data-autofocus=""
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-missing` : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
          onKeyDown={(event) => {
            // As in the composer, Ctrl+Enter sends.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        {missing && (
          <p id={`${id}-missing`} role="alert" className="alert inline">
            {t('escalate.reasonMissing')}
          </p>
        )}
        {actionError && <ErrorAlert error={actionError} />}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || next === null}>
            {t('escalate.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function TicketPicker({ label, onPick, excludeId }: { label: string; onPick: (hit: SearchHit) => void; excludeId: string | undefined }) {
  const { t } = useTranslation();
  const findTickets = useSearchStore((s) => s.findTickets);
  const ticketLabel = useTicketLabel();
  return (
    <PickerCombobox<SearchHit>
      label={label}
      hint={t('pickTicket.hint')}
      autoFocus
      search={async (text) => (await findTickets(text)).filter((hit) => hit.ticket.id !== excludeId)}
      optionKey={(hit) => hit.ticket.id}
      optionLabel={(hit) => ticketLabel(hit.ticket)}
      optionDetail={(hit) => (
        <>
          <span>{ticketLabel(hit.ticket)}</span>
          <span className="muted"> · {hit.ticket.requesterName} · {t(`status.${hit.ticket.status}`)}</span>
        </>
      )}
      onPick={onPick}
    />
  );
}

/** Merge into…: pick the ticket that carries on, confirm, and the open one closes into it. */
export function MergeDialog() {
  const { t } = useTranslation();
  const close = useDialogStore((s) => s.close);
  const merge = useTicketStore((s) => s.merge);
  const ticket = useTicketStore((s) => s.detail?.ticket);
  const actionError = useTicketStore((s) => s.actionError);
  const ticketLabel = useTicketLabel();
  const [target, setTarget] = useState<SearchHit | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Dialog title={t('merge.title')} description={t('merge.description')} onClose={close} closeLabel={t('common.close')}>
      {target === null ? (
        <TicketPicker label={t('merge.pick')} excludeId={ticket?.id} onPick={setTarget} />
      ) : (
        <div className="confirm">
          <p>
            {t('merge.confirm', {
              source: ticket ? ticketLabel(ticket) : '',
              target: ticketLabel(target.ticket),
            })}
          </p>
          {actionError && <ErrorAlert error={actionError} />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setTarget(null)}>
              {t('merge.pickAnother')}
            </button>
            <span className="spacer" />
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              data-autofocus=""
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const result = await merge(target.ticket.id);
                setBusy(false);
                if (result) {
                  close();
                  openTicket(result.id);
                }
              }}
            >
              {t('merge.submit')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** Link ticket: pick how the tickets relate and which one. */
export function LinkDialog() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const link = useTicketStore((s) => s.link);
  const ticket = useTicketStore((s) => s.detail?.ticket);
  const actionError = useTicketStore((s) => s.actionError);
  const [kind, setKind] = useState<TicketLinkKind>('related');

  return (
    <Dialog title={t('link.title')} onClose={close} closeLabel={t('common.close')}>
      <div className="form">
        <fieldset className="radio-group">
          <legend>{t('link.kind')}</legend>
          {TICKET_LINK_KINDS.map((value) => (
            <label key={value} className="check">
              <input type="radio" name={`${id}-kind`} checked={kind === value} onChange={() => setKind(value)} />
              {t(`link.kinds.${value}`)}
            </label>
          ))}
        </fieldset>
        <TicketPicker
          label={t('link.pick')}
          excludeId={ticket?.id}
          onPick={async (hit) => {
            if (await link(hit.ticket.id, kind)) close();
          }}
        />
        {actionError && <ErrorAlert error={actionError} />}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
