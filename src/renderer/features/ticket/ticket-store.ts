import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/app-contract';
import type { Message, MessageKind } from '../../../shared/domain/message';
import type { Ticket, TicketFieldsPatch } from '../../../shared/domain/ticket';
import { api } from '../../api/client';
import { ApiError, toApiError } from '../../api/api-error';

/** What `ticket/get` answers: the ticket, its thread, requester, organisation and calls. */
export type TicketDetail = MethodOutput<'ticket/get'>;

/** What the agent is writing on one ticket. */
export interface Draft {
  kind: MessageKind;
  body: string;
}

/** Why the composer refused or failed to send: nothing written yet, or an answer from the backend. */
export type ComposerError = { type: 'empty' } | { type: 'api'; error: ApiError };

const EMPTY_DRAFT: Draft = { kind: 'reply', body: '' };

interface TicketState {
  ticketId: string | null;
  detail: TicketDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the ticket could not be loaded. */
  error: ApiError | null;
  /** Why the last field change was refused (the change is rolled back). */
  fieldsError: ApiError | null;
  /** Drafts per ticket, so switching tickets loses nothing. */
  drafts: Record<string, Draft>;
  sending: boolean;
  composerError: ComposerError | null;
  /** Bumped after each message the agent sent, for the "sent" announcement. */
  sentCount: number;
  lastSentKind: MessageKind | null;

  open(ticketId: string): Promise<void>;
  close(): void;
  /** Re-reads the open ticket (after a live change), keeping what is shown until the answer comes. */
  refresh(): Promise<void>;
  /** Changes fields at once on screen, then in the store; rolled back if refused. */
  updateFields(patch: TicketFieldsPatch): Promise<void>;
  setDraft(patch: Partial<Draft>): void;
  /** Sends the draft of the open ticket as a reply or note. */
  send(): Promise<void>;
}

/** The draft of a ticket, or an empty reply. */
export function draftOf(state: Pick<TicketState, 'drafts'>, ticketId: string | null): Draft {
  return (ticketId !== null && state.drafts[ticketId]) || EMPTY_DRAFT;
}

// Like the list: a newer open() wins over an older one still in flight.
let generation = 0;

/** The open ticket: its detail, the field changes and the composer. */
export const useTicketStore = create<TicketState>()((set, get) => ({
  ticketId: null,
  detail: null,
  status: 'idle',
  error: null,
  fieldsError: null,
  drafts: {},
  sending: false,
  composerError: null,
  sentCount: 0,
  lastSentKind: null,

  async open(ticketId) {
    if (get().ticketId === ticketId && get().status === 'ready') return;
    const mine = ++generation;
    set({ ticketId, detail: null, status: 'loading', error: null, fieldsError: null, composerError: null, sending: false });
    try {
      const detail = await api.call('ticket/get', { ticketId });
      if (mine !== generation) return;
      set({ detail, status: 'ready' });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  close() {
    generation++;
    set({ ticketId: null, detail: null, status: 'idle', error: null, fieldsError: null, composerError: null });
  },

  async refresh() {
    const { ticketId } = get();
    if (ticketId === null) return;
    const mine = generation;
    try {
      const detail = await api.call('ticket/get', { ticketId });
      if (mine !== generation) return;
      set({ detail, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  async updateFields(patch) {
    const { detail } = get();
    if (!detail) return;
    const ticketId = detail.ticket.id;
    const before = detail.ticket;
    const setTicket = (ticket: Ticket) => {
      const current = get().detail;
      if (current && current.ticket.id === ticketId) set({ detail: { ...current, ticket } });
    };
    setTicket({ ...before, ...patch } as Ticket);
    set({ fieldsError: null });
    try {
      setTicket(await api.call('ticket/update-fields', { ticketId, patch }));
    } catch (error) {
      // Roll back only the fields this change touched; a live refresh may have moved others on.
      const current = get().detail;
      if (current && current.ticket.id === ticketId) {
        const restored = Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof Ticket]]));
        setTicket({ ...current.ticket, ...restored });
      }
      set({ fieldsError: toApiError(error) });
    }
  },

  setDraft(patch) {
    const { ticketId } = get();
    if (ticketId === null) return;
    set((state) => ({
      drafts: { ...state.drafts, [ticketId]: { ...draftOf(state, ticketId), ...patch } },
      // Typing after a refusal clears it; switching kind alone does not.
      composerError: patch.body !== undefined ? null : state.composerError,
    }));
  },

  async send() {
    const { ticketId, sending } = get();
    if (ticketId === null || sending) return;
    const draft = draftOf(get(), ticketId);
    if (draft.body.trim() === '') {
      set({ composerError: { type: 'empty' } });
      return;
    }
    set({ sending: true, composerError: null });
    try {
      const message = await api.call('ticket/add-message', { ticketId, kind: draft.kind, body: draft.body });
      set((state) => ({
        sending: false,
        sentCount: state.sentCount + 1,
        lastSentKind: message.kind,
        // Keep the kind: an agent writing notes usually writes another.
        drafts: { ...state.drafts, [ticketId]: { kind: draft.kind, body: '' } },
        detail: appendMessage(state.detail, message),
      }));
    } catch (error) {
      set({ sending: false, composerError: { type: 'api', error: toApiError(error) } });
    }
  },
}));

/** The detail with the message appended, unless a refresh already brought it in. */
function appendMessage(detail: TicketDetail | null, message: Message): TicketDetail | null {
  if (!detail || detail.ticket.id !== message.ticketId) return detail;
  if (detail.messages.some((m) => m.id === message.id)) return detail;
  return { ...detail, messages: [...detail.messages, message] };
}
