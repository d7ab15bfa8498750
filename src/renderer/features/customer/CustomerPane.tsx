import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { OPT_OUT_CHANNELS, PROFICIENCIES, type Customer } from '../../../shared/domain/customer';
import { EnumSelect } from '../../components/EnumSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusTarget } from '../../components/focus-targets';
import { useMinuteClock, useNow } from '../../components/use-now';
import { useFormat } from '../../i18n/format';
import { useTicketStore } from '../ticket/ticket-store';
import { openTicket } from '../workspace/workspace-actions';
import { useCustomerStore } from './customer-store';

/** An E.164 number as people read it ("+31 20 123 4567"); the number itself when it cannot be parsed. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The customer context pane: who the requester is, their plan, local time, proficiency, phones, opt-outs and other tickets. */
export function CustomerPane() {
  const { t } = useTranslation();
  const status = useCustomerStore((s) => s.status);
  const detail = useCustomerStore((s) => s.detail);
  const error = useCustomerStore((s) => s.error);
  const updateError = useCustomerStore((s) => s.updateError);
  const hasTicket = useTicketStore((s) => s.detail !== null);
  const focusRef = useFocusTarget<HTMLHeadingElement>('customer');

  return (
    <aside className="pane customer-pane" aria-labelledby="customer-heading">
      <h2 id="customer-heading" className="pane-title customer-title" ref={focusRef} tabIndex={-1}>
        {t('customer.title')}
      </h2>
      {!hasTicket && <p className="muted pane-note">{t('customer.none')}</p>}
      {hasTicket && status === 'loading' && <p className="muted pane-note">{t('customer.loading')}</p>}
      {error && <ErrorAlert error={error} />}
      {hasTicket && detail && (
        <div className="customer-body">
          <CustomerFacts customer={detail.customer} organisationName={detail.organisation?.name ?? null} />
          {updateError && <ErrorAlert error={updateError} />}
          <Phones customer={detail.customer} />
          <OptOuts customer={detail.customer} />
          <OtherTickets />
        </div>
      )}
    </aside>
  );
}

function CustomerFacts({ customer, organisationName }: { customer: Customer; organisationName: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useMinuteClock();
  const update = useCustomerStore((s) => s.update);
  return (
    <>
      <p className="customer-name">{customer.name}</p>
      {customer.email && <p className="muted customer-email">{customer.email}</p>}
      <dl className="facts">
        <div>
          <dt>{t('ticket.requester.organisation')}</dt>
          <dd>{organisationName ?? <span className="muted">{t('ticket.requester.noOrganisation')}</span>}</dd>
        </div>
        <div>
          <dt>{t('ticket.requester.plan')}</dt>
          <dd>
            <span className={`badge plan-${customer.plan}`}>{t(`plan.${customer.plan}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('customer.localTime')}</dt>
          <dd>
            <time>{format.timeIn(now, customer.timeZone)}</time>
            <span className="muted time-zone">{customer.timeZone}</span>
          </dd>
        </div>
        <div>
          <dt>{t('customer.language')}</dt>
          <dd>{format.languageName(customer.language)}</dd>
        </div>
      </dl>
      <EnumSelect
        className="form-field"
        labelKey="customer.proficiency"
        values={PROFICIENCIES}
        optionKey={(value) => `proficiency.${value}`}
        value={customer.proficiency}
        onChange={(proficiency) => void update({ proficiency })}
      />
    </>
  );
}

function Phones({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useCustomerStore((s) => s.update);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const add = async () => {
    const parsed = parsePhoneNumberFromString(text.trim());
    if (!parsed || !parsed.isValid()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const number = parsed.number;
    if (!customer.phones.includes(number) && (await update({ phones: [...customer.phones, number] }))) setText('');
    else if (customer.phones.includes(number)) setText('');
  };
  return (
    <section className="customer-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="mini-heading">
        {t('customer.phones')}
      </h3>
      {customer.phones.length === 0 && <p className="muted">{t('customer.noPhones')}</p>}
      <ul className="phone-list">
        {customer.phones.map((phone) => (
          <li key={phone}>
            <a href={`tel:${phone}`}>{displayPhone(phone)}</a>
            <button
              type="button"
              className="icon-button"
              aria-label={t('customer.removePhone', { phone: displayPhone(phone) })}
              onClick={() => void update({ phones: customer.phones.filter((p) => p !== phone) })}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${id}-phone`} className="visually-hidden">
          {t('customer.addPhone')}
        </label>
        <input
          id={`${id}-phone`}
          type="tel"
          value={text}
          placeholder={t('customer.phonePlaceholder')}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-phone-error` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" className="button small">
          {t('customer.add')}
        </button>
      </form>
      {invalid && (
        <p id={`${id}-phone-error`} role="alert" className="alert inline">
          {t('customer.phoneInvalid')}
        </p>
      )}
    </section>
  );
}

function OptOuts({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const update = useCustomerStore((s) => s.update);
  return (
    <fieldset className="customer-section checkbox-group">
      <legend className="mini-heading">{t('customer.optOuts')}</legend>
      {OPT_OUT_CHANNELS.map((channel) => {
        const checked = customer.optOuts.includes(channel);
        return (
          <label key={channel} className="check">
            <input
              type="checkbox"
              checked={checked}
              onChange={() => {
                const current = customer.optOuts.filter((c): c is (typeof OPT_OUT_CHANNELS)[number] => (OPT_OUT_CHANNELS as readonly string[]).includes(c));
                void update({ optOuts: checked ? current.filter((c) => c !== channel) : [...current, channel] });
              }}
            />
            {t(`optOut.${channel}`)}
          </label>
        );
      })}
    </fieldset>
  );
}

function OtherTickets() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(60_000);
  const tickets = useCustomerStore((s) => s.detail?.tickets ?? []);
  const openId = useTicketStore((s) => s.ticketId);
  const others = tickets.filter((ticket) => ticket.id !== openId);
  return (
    <section className="customer-section" aria-labelledby="customer-tickets-heading">
      <h3 id="customer-tickets-heading" className="mini-heading">
        {t('customer.otherTickets')}
      </h3>
      {others.length === 0 && <p className="muted">{t('customer.noOtherTickets')}</p>}
      <ul className="other-tickets">
        {others.map((ticket) => (
          <li key={ticket.id}>
            <button type="button" className="other-ticket" onClick={() => openTicket(ticket.id)}>
              <span className="other-ticket-line">
                <span className="ticket-number">
                  {ticket.number === null ? t('list.newNumber') : t('ticket.number', { number: format.ticketNumber(ticket.number) })}
                </span>{' '}
                <span className="other-ticket-subject">{ticket.subject}</span>
              </span>
              <span className="other-ticket-meta">
                <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                <span className="muted">{format.relative(ticket.updatedAt, now)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
