import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/app-contract';
import type { Customer, CustomerPatch } from '../../../shared/domain/customer';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** What `customer/get` answers: the customer, their organisation and their tickets. */
export type CustomerDetail = MethodOutput<'customer/get'>;

interface CustomerState {
  customerId: string | null;
  detail: CustomerDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  updateError: ApiError | null;
  /** Loads a customer for the context pane (the open ticket's requester). */
  load(customerId: string, options?: { force?: boolean }): Promise<void>;
  /** Changes the shown customer at once on screen, then in the store; rolled back if refused. */
  update(patch: CustomerPatch): Promise<boolean>;
  /** Customers whose name or email starts with `text`, for pickers. */
  find(text: string): Promise<Customer[]>;
}

let generation = 0;

/** The customer beside the open ticket, and customer look-ups for pickers. */
export const useCustomerStore = create<CustomerState>()((set, get) => ({
  customerId: null,
  detail: null,
  status: 'idle',
  error: null,
  updateError: null,
  async load(customerId, options = {}) {
    if (!options.force && get().customerId === customerId && get().status === 'ready') return;
    const mine = ++generation;
    const same = get().customerId === customerId;
    set({ customerId, status: same && get().detail ? 'ready' : 'loading', error: null, updateError: null, ...(same ? {} : { detail: null }) });
    try {
      const detail = await api.call('customer/get', { customerId });
      if (mine === generation) set({ detail, status: 'ready' });
    } catch (error) {
      if (mine === generation) set({ status: 'error', error: toApiError(error) });
    }
  },
  async update(patch) {
    const { detail } = get();
    if (!detail) return false;
    const before = detail.customer;
    const customerId = before.id;
    const setCustomer = (customer: Customer) => {
      const current = get().detail;
      if (current && current.customer.id === customerId) set({ detail: { ...current, customer } });
    };
    setCustomer({ ...before, ...patch });
    set({ updateError: null });
    try {
      setCustomer(await api.call('customer/update', { customerId, patch }));
      return true;
    } catch (error) {
      setCustomer(before);
      set({ updateError: toApiError(error) });
      return false;
    }
  },
  async find(text) {
    try {
      return await api.call('customer/find', { text: text.slice(0, 200), limit: 10 });
    } catch (error) {
      throw toApiError(error);
    }
  },
}));
