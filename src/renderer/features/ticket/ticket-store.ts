import { create } from 'zustand';
import type { MethodOutput, MethodParams } from '../../../shared/contract/app-contract';
import type { Message, MessageKind } from '../../../shared/domain/message';
import { SEEN_UP_TO_FIELD, staleReplyDetailsSchema, type SeenUpTo } from '../../../shared/domain/reply-check';
import type { Ticket, TicketFieldsPatch, TicketLinkKind } from '../../../shared/domain/ticket';
import { api } from '../../api/client';
import { ApiError, toApiError } from '../../api/api-error';

/** What `ticket/get` answers: the ticket, its thread, requester, organisation, calls and links. */
export type TicketDetail = MethodOutput<'ticket/get'>;

/** What the agent is writing on one ticket, and the macro it came from, if any. */
export interface Draft {
  kind: MessageKind;
  body: string;
  /** The macro picked for this reply: sending applies it (message and field changes) in one action. */
  macroId?: string | null;
  /**
   * The newest message shown when the agent started this draft: a public reply is held back while
   * newer customer messages or others' replies arrived since (the core checks, see `ticket/add-message`).
   */
  seenUpTo?: SeenUpTo | null;
}

/** Why the composer refused or failed to send: nothing written yet, or an answer from the backend. */
export type ComposerError = { type: 'empty' } | { type: 'api'; error: ApiError };

/** Why the composer paused before sending: the customer wrote again, or someone else replied, while the agent wrote. */
export type ComposerWarning = { type: 'unseen-messages'; newer: Message[] };

const EMPTY_DRAFT: Draft = { kind: 'reply', body: '', macroId: null };
/** How long typing pauses before the draft is saved to the local store. */
export const DRAFT_SAVE_MS = 500;
/** Older messages fetched per "Show older" click. */
export const OLDER_PAGE = 100;

interface TicketState {
  ticketId: string | null;
  detail: TicketDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the ticket could not be loaded. */
  error: ApiError | null;
  /** Why the last field change was refused (the change is rolled back). */
  fieldsError: ApiError | null;
  /** Why the last ticket action (escalate, merge, link) was refused. */
  actionError: ApiError | null;
  /** Drafts per ticket, so switching tickets loses nothing. */
  drafts: Record<string, Draft>;
  sending: boolean;
  composerError: ComposerError | null;
  composerWarning: ComposerWarning | null;
  /** Bumped after each message the agent sent, for the "sent" announcement. */
  sentCount: number;
  lastSentKind: MessageKind | null;
  loadingOlder: boolean;
  /** Messages whose remote images the agent allowed (per message id). */
  imagesAllowed: ReadonlySet<string>;

  open(ticketId: string): Promise<void>;
  close(): void;
  /** Re-reads the open ticket (after a live change), keeping what is shown until the answer comes. */
  refresh(): Promise<void>;
  /** Changes fields at once on screen, then in the store; rolled back if refused. */
  updateFields(patch: TicketFieldsPatch): Promise<void>;
  setDraft(patch: Partial<Draft>): void;
  /** Sends the draft of the open ticket as a reply or note (applying its macro, if any). */
  send(): Promise<void>;
  /**
   * Answers the warning about messages that arrived while the agent wrote: they count as seen now;
   * `send` sends the reply anyway, `review` goes back to the thread with the draft kept.
   */
  resolveUnseen(choice: 'send' | 'review'): Promise<void>;
  /** Loads the next older page of the thread. */
  loadOlder(): Promise<void>;
  allowImages(messageId: string): void;
  /** Escalates the open ticket to the next level; answers whether it went through. */
  escalate(reason: string): Promise<boolean>;
  /** Merges the open ticket into another; answers the ticket that carries on, or null when refused. */
  merge(targetId: string): Promise<Ticket | null>;
  link(otherId: string, kind: TicketLinkKind): Promise<boolean>;
  unlink(otherId: string): Promise<boolean>;
  /** Creates a ticket; answers it, or throws an ApiError when refused. */
  create(input: MethodParams<'ticket/create'>): Promise<Ticket>;
}

/** The draft of a ticket, or an empty reply. */
export function draftOf(state: Pick<TicketState, 'drafts'>, ticketId: string | null): Draft {
  return (ticketId !== null && state.drafts[ticketId]) || EMPTY_DRAFT;
}

// Like the list: a newer open() wins over an older one still in flight.
let generation = 0;
const draftTimers = new Map<string, ReturnType<typeof setTimeout>>();

function saveDraftSoon(ticketId: string, draft: Draft): void {
  clearTimeout(draftTimers.get(ticketId));
  draftTimers.set(
    ticketId,
    setTimeout(() => {
      draftTimers.delete(ticketId);
      api.call('draft/save', { ticketId, kind: draft.kind, body: draft.body }).catch((error: unknown) => toApiError(error));
    }, DRAFT_SAVE_MS),
  );
}

/** The newest message a detail shows, as the place a new draft starts from. */
function newestShown(detail: TicketDetail | null, ticketId: string): SeenUpTo | null {
  const newest = detail?.ticket.id === ticketId ? detail.messages.at(-1) : undefined;
  return newest ? { createdAt: newest.createdAt, id: newest.id } : null;
}

function isEmptyDraft(draft: Draft): boolean {
  return draft.body.trim() === '' && (draft.macroId ?? null) === null;
}

/** The detail with the message appended, unless a refresh already brought it in. */
function appendMessage(detail: TicketDetail | null, message: Message | null): TicketDetail | null {
  if (!detail || !message || detail.ticket.id !== message.ticketId) return detail;
  if (detail.messages.some((m) => m.id === message.id)) return detail;
  return { ...detail, messages: [...detail.messages, message] };
}

/**
 * A fresh read of the ticket keeps the older messages the agent already paged in: the answer
 * holds the newest page only.
 */
function mergeFresh(shown: TicketDetail | null, fresh: TicketDetail): TicketDetail {
  if (!shown || shown.ticket.id !== fresh.ticket.id || shown.messages.length <= fresh.messages.length) return fresh;
  const freshIds = new Set(fresh.messages.map((m) => m.id));
  const firstFresh = fresh.messages[0];
  const older = shown.messages.filter(
    (m) => !freshIds.has(m.id) && (!firstFresh || m.createdAt < firstFresh.createdAt || (m.createdAt === firstFresh.createdAt && m.id < firstFresh.id)),
  );
  return { ...fresh, messages: [...older, ...fresh.messages], olderMessages: Math.max(0, fresh.olderMessages - older.length) };
}

/** The open ticket: its detail, the field changes, the actions and the composer. */
export const useTicketStore = create<TicketState>()((set, get) => ({
  ticketId: null,
  detail: null,
  status: 'idle',
  error: null,
  fieldsError: null,
  actionError: null,
  drafts: {},
  sending: false,
  composerError: null,
  composerWarning: null,
  sentCount: 0,
  lastSentKind: null,
  loadingOlder: false,
  imagesAllowed: new Set(),

  async open(ticketId) {
    if (get().ticketId === ticketId && get().status === 'ready') return;
    const mine = ++generation;
    set({
      ticketId,
      detail: null,
      status: 'loading',
      error: null,
      fieldsError: null,
      actionError: null,
      composerError: null,
      composerWarning: null,
      sending: false,
    });
    try {
      const [detail, saved] = await Promise.all([
        api.call('ticket/get', { ticketId }),
        // A draft from an earlier session (or before a restart); a failure only loses the draft.
        api.call('draft/get', { ticketId }).catch((error: unknown) => {
          toApiError(error);
          return null;
        }),
      ]);
      if (mine !== generation) return;
      const current = get().drafts[ticketId];
      const restore = saved && saved.body !== '' && (!current || current.body === '');
      set((state) => ({
        detail,
        status: 'ready',
        // A draft from before is read against the thread as it shows now.
        drafts: restore
          ? { ...state.drafts, [ticketId]: { kind: saved.kind, body: saved.body, macroId: null, seenUpTo: newestShown(detail, ticketId) } }
          : state.drafts,
      }));
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  close() {
    generation++;
    set({ ticketId: null, detail: null, status: 'idle', error: null, fieldsError: null, composerError: null, composerWarning: null });
  },

  async refresh() {
    const { ticketId } = get();
    if (ticketId === null) return;
    const mine = generation;
    try {
      const detail = await api.call('ticket/get', { ticketId });
      if (mine !== generation) return;
      set((state) => ({ detail: mergeFresh(state.detail, detail), status: 'ready', error: null }));
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
    const previous = draftOf(get(), ticketId);
    const draft: Draft = { ...previous, ...patch };
    // The agent starts writing: remember the newest message they had in front of them then.
    if (isEmptyDraft(draft)) draft.seenUpTo = null;
    else if (isEmptyDraft(previous) || (draft.seenUpTo ?? null) === null) draft.seenUpTo = newestShown(get().detail, ticketId);
    set((state) => ({
      drafts: { ...state.drafts, [ticketId]: draft },
      // Typing after a refusal clears it; switching kind alone does not.
      composerError: patch.body !== undefined ? null : state.composerError,
    }));
    if (patch.body !== undefined || patch.kind !== undefined) saveDraftSoon(ticketId, draft);
  },

  async send() {
    const { ticketId, sending, detail } = get();
    if (ticketId === null || sending || !detail) return;
    const draft = draftOf(get(), ticketId);
    const macroId = draft.macroId ?? null;
    if (draft.body.trim() === '' && macroId === null) {
      set({ composerError: { type: 'empty' } });
      return;
    }
    set({ sending: true, composerError: null, composerWarning: null });
    // The core holds a public reply back while messages the agent has not seen arrived since.
    const seen = draft.seenUpTo ? { seenUpTo: draft.seenUpTo } : {};
    try {
      let message: Message | null;
      let ticket: Ticket | null = null;
      if (macroId !== null) {
        const body = draft.body.trim() === '' ? undefined : draft.body;
        const applied = await api.call('macro/apply', { ticketId, macroId, ...(body === undefined ? {} : { body }), ...seen });
        message = applied.message;
        ticket = applied.ticket;
      } else {
        message = await api.call('ticket/add-message', { ticketId, kind: draft.kind, body: draft.body, ...(draft.kind === 'reply' ? seen : {}) });
      }
      clearTimeout(draftTimers.get(ticketId));
      draftTimers.delete(ticketId);
      api.call('draft/save', { ticketId, kind: draft.kind, body: '' }).catch((error: unknown) => toApiError(error));
      set((state) => {
        let next = appendMessage(state.detail, message);
        if (next && ticket && next.ticket.id === ticket.id) next = { ...next, ticket };
        return {
          sending: false,
          sentCount: state.sentCount + 1,
          lastSentKind: message?.kind ?? draft.kind,
          // Keep the kind: an agent writing notes usually writes another.
          drafts: { ...state.drafts, [ticketId]: { kind: draft.kind, body: '', macroId: null } },
          detail: next,
        };
      });
    } catch (error) {
      const failure = toApiError(error);
      const unseen = failure.code === 'conflict' && failure.field === SEEN_UP_TO_FIELD ? staleReplyDetailsSchema.safeParse(failure.details) : null;
      if (unseen?.success) {
        set({ sending: false, composerWarning: { type: 'unseen-messages', newer: unseen.data.newer } });
        // The thread shows them too, where they belong.
        void get().refresh();
        return;
      }
      set({ sending: false, composerError: { type: 'api', error: failure } });
    }
  },

  async resolveUnseen(choice) {
    const { ticketId, composerWarning } = get();
    if (ticketId === null || composerWarning === null) return;
    const newest = composerWarning.newer.at(-1);
    set((state) => {
      const draft = draftOf(state, ticketId);
      const seenUpTo = newest ? { createdAt: newest.createdAt, id: newest.id } : (draft.seenUpTo ?? null);
      return { composerWarning: null, drafts: { ...state.drafts, [ticketId]: { ...draft, seenUpTo } } };
    });
    if (choice === 'send') await get().send();
  },

  async loadOlder() {
    const { detail, loadingOlder } = get();
    if (!detail || loadingOlder || detail.olderMessages === 0) return;
    const oldest = detail.messages[0];
    if (!oldest) return;
    const ticketId = detail.ticket.id;
    set({ loadingOlder: true });
    try {
      const page = await api.call('ticket/list-messages', {
        ticketId,
        before: { createdAt: oldest.createdAt, id: oldest.id },
        limit: OLDER_PAGE,
      });
      set((state) => {
        if (!state.detail || state.detail.ticket.id !== ticketId) return { loadingOlder: false };
        const shown = new Set(state.detail.messages.map((m) => m.id));
        const older = page.messages.filter((m) => !shown.has(m.id));
        return {
          loadingOlder: false,
          detail: { ...state.detail, messages: [...older, ...state.detail.messages], olderMessages: page.olderMessages },
        };
      });
    } catch (error) {
      set({ loadingOlder: false, actionError: toApiError(error) });
    }
  },

  allowImages(messageId) {
    set((state) => ({ imagesAllowed: new Set([...state.imagesAllowed, messageId]) }));
  },

  async escalate(reason) {
    const { detail } = get();
    if (!detail) return false;
    set({ actionError: null });
    try {
      const ticket = await api.call('ticket/escalate', { ticketId: detail.ticket.id, reason });
      set((state) => (state.detail?.ticket.id === ticket.id ? { detail: { ...state.detail, ticket } } : {}));
      void get().refresh();
      return true;
    } catch (error) {
      set({ actionError: toApiError(error) });
      return false;
    }
  },

  async merge(targetId) {
    const { detail } = get();
    if (!detail) return null;
    set({ actionError: null });
    try {
      return await api.call('ticket/merge', { sourceId: detail.ticket.id, targetId });
    } catch (error) {
      set({ actionError: toApiError(error) });
      return null;
    }
  },

  async link(otherId, kind) {
    const { detail } = get();
    if (!detail) return false;
    set({ actionError: null });
    try {
      const links = await api.call('ticket/link', { ticketId: detail.ticket.id, otherId, kind });
      set((state) => (state.detail?.ticket.id === detail.ticket.id ? { detail: { ...state.detail, links } } : {}));
      return true;
    } catch (error) {
      set({ actionError: toApiError(error) });
      return false;
    }
  },

  async unlink(otherId) {
    const { detail } = get();
    if (!detail) return false;
    set({ actionError: null });
    try {
      const links = await api.call('ticket/unlink', { ticketId: detail.ticket.id, otherId });
      set((state) => (state.detail?.ticket.id === detail.ticket.id ? { detail: { ...state.detail, links } } : {}));
      return true;
    } catch (error) {
      set({ actionError: toApiError(error) });
      return false;
    }
  },

  async create(input) {
    try {
      return await api.call('ticket/create', input);
    } catch (error) {
      throw toApiError(error);
    }
  },
}));
