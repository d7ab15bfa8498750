import { IANAZone } from 'luxon';
import { AppError } from '../../../shared/contract/errors';
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { OPT_OUT_CHANNELS, type Customer } from '../../../shared/domain/customer';
import { DEFAULT_VIEW_SORT } from '../../../shared/domain/view';
import { writeTransaction } from '../../store/db';
import {
  findCustomersByEmailPrefix,
  findCustomersByNamePrefix,
  getCustomer,
  getOrganisation,
  updateCustomerDetails,
} from '../../store/queries/customers';
import { listTicketPage } from '../../store/queries/ticket-list';
import type { EventBus } from '../event-bus';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { defaultPhoneCountry, normalisePhoneNumbers } from './phone-numbers';

/** How many of a customer's tickets customer/get lists. */
export const CUSTOMER_TICKETS_SHOWN = 50;
/** How many customers customer/find answers when the caller does not say. */
export const DEFAULT_FIND_LIMIT = 20;

type CustomerDetails = Pick<Customer, 'proficiency' | 'language' | 'timeZone' | 'phones' | 'optOuts'>;

/** A language tag in its canonical BCP 47 form ("en-gb" → "en-GB"), or null when it is not one. */
function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** Customers: one with their organisation and tickets, finding them for pickers, and changing their details. */
export class CustomerService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
  ) {}

  /** The customer, their organisation and their tickets, most recently updated first (tickets_by_requester). */
  getCustomer(input: MethodInput<'customer/get'>): MethodOutput<'customer/get'> {
    const { db, agentId } = this.ctx;
    return db.transaction(() => {
      const customer = this.requireCustomer(input.customerId);
      const page = listTicketPage(
        db,
        { filter: { requesterId: customer.id }, sort: DEFAULT_VIEW_SORT, after: null, limit: CUSTOMER_TICKETS_SHOWN },
        { agentId, now: this.ctx.now() },
      );
      return {
        customer,
        organisation: (customer.organisationId && getOrganisation(db, customer.organisationId)) || null,
        tickets: page.rows,
      };
    })();
  }

  /**
   * Customers whose name or email starts with the text, in any letter case: those found by name
   * first (by name), then those found by email only (by email). Blank text finds nobody.
   */
  findCustomers(input: MethodInput<'customer/find'>): MethodOutput<'customer/find'> {
    const text = input.text.trim();
    if (text === '') return [];
    const limit = input.limit ?? DEFAULT_FIND_LIMIT;
    const byName = findCustomersByNamePrefix(this.ctx.db, text, limit);
    const found = new Set(byName.map((customer) => customer.id));
    const byEmail = findCustomersByEmailPrefix(this.ctx.db, text, limit).filter((customer) => !found.has(customer.id));
    return [...byName, ...byEmail].slice(0, limit);
  }

  /**
   * Changes a customer's details in one transaction with one `customer/update` mutation (the
   * normalised values that changed, and what they replaced). Time zones must be IANA zones,
   * languages BCP 47 tags (stored canonical), phone numbers are read as typed and stored in
   * E.164 (national forms in the customer's country), opt-outs are kept once each in a fixed order.
   */
  updateCustomer(input: MethodInput<'customer/update'>): Customer {
    const { db } = this.ctx;
    const result = writeTransaction(db, () => {
      const customer = this.requireCustomer(input.customerId);
      const wanted = this.normalise(customer, input.patch);
      const changed = Object.fromEntries(
        Object.entries(wanted).filter(([key, value]) => JSON.stringify(customer[key as keyof CustomerDetails]) !== JSON.stringify(value)),
      ) as Partial<CustomerDetails>;
      if (Object.keys(changed).length === 0) return { customer, changed: false };
      const at = this.ctx.now();
      const next: Customer = { ...customer, ...changed };
      updateCustomerDetails(db, next, at);
      recordChange(this.ctx, {
        name: 'customer/update',
        args: { customerId: customer.id, patch: changed, updatedAt: at },
        before: Object.fromEntries(Object.keys(changed).map((key) => [key, customer[key as keyof CustomerDetails]])),
        entity: 'customer',
        entityId: customer.id,
        action: 'customer-updated',
        at,
      });
      return { customer: next, changed: true };
    });
    if (result.changed) this.events.emit({ name: 'customer/changed', payload: { customerId: input.customerId } });
    return result.customer;
  }

  private normalise(customer: Customer, patch: MethodInput<'customer/update'>['patch']): Partial<CustomerDetails> {
    const wanted: Partial<CustomerDetails> = {};
    if (patch.proficiency !== undefined) wanted.proficiency = patch.proficiency;
    if (patch.language !== undefined) {
      const language = canonicalLanguage(patch.language);
      if (!language) throw new AppError('validation', `"${patch.language}" is not a language tag such as en or nl-BE`, 'patch.language');
      wanted.language = language;
    }
    if (patch.timeZone !== undefined) {
      if (!IANAZone.isValidZone(patch.timeZone)) throw new AppError('validation', `"${patch.timeZone}" is not a time zone such as Europe/Amsterdam`, 'patch.timeZone');
      wanted.timeZone = patch.timeZone;
    }
    if (patch.phones !== undefined) {
      const country = defaultPhoneCountry({
        knownNumbers: customer.phones,
        timeZone: wanted.timeZone ?? customer.timeZone,
        language: wanted.language ?? customer.language,
      });
      wanted.phones = normalisePhoneNumbers(patch.phones, country, 'patch.phones');
    }
    if (patch.optOuts !== undefined) wanted.optOuts = OPT_OUT_CHANNELS.filter((channel) => patch.optOuts!.includes(channel));
    return wanted;
  }

  private requireCustomer(customerId: string): Customer {
    const customer = getCustomer(this.ctx.db, customerId);
    if (!customer) throw new AppError('not-found', `There is no customer ${customerId}`, 'customerId');
    return customer;
  }
}
