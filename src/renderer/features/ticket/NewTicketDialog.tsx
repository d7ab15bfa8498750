import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../shared/domain/customer';
import { CHANNELS, TICKET_PRIORITIES, type Channel, type TicketPriority } from '../../../shared/domain/ticket';
import { toApiError, type ApiError } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PickerCombobox } from '../../components/PickerCombobox';
import { useDialogStore } from '../../components/dialog-store';
import { useCustomerStore } from '../customer/customer-store';
import { showCreatedTicket } from '../workspace/workspace-actions';
import { useTicketStore } from './ticket-store';

type Missing = 'requester' | 'subject' | 'body';

/** New ticket on behalf of a customer: requester, subject, channel, priority and the first message. Works offline. */
export function NewTicketDialog() {
  const { t } = useTranslation();
  const id = useId();
  const close = useDialogStore((s) => s.close);
  const find = useCustomerStore((s) => s.find);
  const create = useTicketStore((s) => s.create);
  const [requester, setRequester] = useState<Customer | null>(null);
  const [subject, setSubject] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<Missing[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const gaps: Missing[] = [];
    if (!requester) gaps.push('requester');
    if (subject.trim() === '') gaps.push('subject');
    if (body.trim() === '') gaps.push('body');
    setMissing(gaps);
    if (gaps.length > 0 || !requester) return;
    setBusy(true);
    setError(null);
    try {
      const ticket = await create({ requesterId: requester.id, subject: subject.trim(), body, channel, priority });
      close();
      showCreatedTicket(ticket);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('newTicket.title')} onClose={close} closeLabel={t('common.close')} className="new-ticket">
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {requester ? (
          <div className="form-field">
            <span className="field-label">{t('newTicket.requester')}</span>
            <span className="chip">
              {requester.email ? `${requester.name} <${requester.email}>` : requester.name}
              <button type="button" className="icon-button" aria-label={t('newTicket.changeRequester')} onClick={() => setRequester(null)}>
                <span aria-hidden="true">×</span>
              </button>
            </span>
          </div>
        ) : (
          <PickerCombobox<Customer>
            label={t('newTicket.requester')}
            hint={t('newTicket.requesterHint')}
            autoFocus
            search={find}
            optionKey={(c) => c.id}
            optionLabel={(c) => (c.email ? `${c.name} <${c.email}>` : c.name)}
            onPick={(customer) => {
              setRequester(customer);
              setMissing((m) => m.filter((x) => x !== 'requester'));
            }}
          />
        )}
        {missing.includes('requester') && (
          <p role="alert" className="alert inline">
            {t('newTicket.requesterMissing')}
          </p>
        )}
        <div className="form-field">
          <label htmlFor={`${id}-subject`}>{t('newTicket.subject')}</label>
          <input
            id={`${id}-subject`}
            type="text"
            maxLength={250}
            value={subject}
            aria-invalid={missing.includes('subject') || undefined}
            onChange={(event) => setSubject(event.target.value)}
          />
          {missing.includes('subject') && (
            <p role="alert" className="alert inline">
              {t('newTicket.subjectMissing')}
            </p>
          )}
        </div>
        <div className="form-row">
          <EnumSelect
            className="form-field"
            labelKey="ticket.fields.channel"
            values={CHANNELS}
            optionKey={(value) => `channel.${value}`}
            value={channel}
            onChange={setChannel}
          />
          <EnumSelect
            className="form-field"
            labelKey="ticket.fields.priority"
            values={TICKET_PRIORITIES}
            optionKey={(value) => `priority.${value}`}
            value={priority}
            onChange={setPriority}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-body`}>{t('newTicket.body')}</label>
          <textarea
            id={`${id}-body`}
            rows={6}
            value={body}
            aria-invalid={missing.includes('body') || undefined}
            onChange={(event) => setBody(event.target.value)}
          />
          {missing.includes('body') && (
            <p role="alert" className="alert inline">
              {t('newTicket.bodyMissing')}
            </p>
          )}
        </div>
        {error && <ErrorAlert error={error} />}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('newTicket.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
