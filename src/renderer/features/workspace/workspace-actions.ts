import type { Ticket, TicketFieldsPatch, TicketRow, TicketTagEdit } from '../../../shared/domain/ticket';
import { api } from '../../api/client';
import { focusTarget } from '../../components/focus-targets';
import { useToastStore } from '../../components/toast-store';
import { useCustomerStore } from '../customer/customer-store';
import { useSearchStore, SEARCH_DEBOUNCE_MS } from '../search/search-store';
import { useTeamStore, agentName } from '../team/team-store';
import { useViewsStore } from '../views/views-store';
import { useTicketListStore } from '../ticket-list/ticket-list-store';
import { useTicketStore } from '../ticket/ticket-store';
import { readLocation, writeLocation } from './location';

/** The view shown when the address names none (or one that does not exist). */
export const DEFAULT_VIEW_ID = 'all-unsolved';

// The stores stay independent of each other; the actions that span features live here.

function remember(): void {
  writeLocation({ viewId: useViewsStore.getState().activeViewId, ticketId: useTicketStore.getState().ticketId });
}

/** Shows a view's tickets in the list (leaving search results). */
export function selectView(viewId: string): void {
  useViewsStore.getState().setActive(viewId);
  useSearchStore.getState().setText('');
  void useTicketListStore.getState().load(viewId);
  remember();
}

/** Opens a ticket in the ticket pane and selects its row. */
export function openTicket(ticketId: string): void {
  useTicketListStore.getState().selectTicket(ticketId);
  void useTicketStore.getState().open(ticketId);
  remember();
}

/** Opens the row the keyboard is on. */
export function openSelectedTicket(): void {
  const { rows, selectedIndex } = useTicketListStore.getState();
  const row = rows[selectedIndex];
  if (row) openTicket(row.id);
}

/** Opens the ticket `delta` rows from the open one (or from the keyboard's row): triage's "next ticket". */
export function openAdjacentTicket(delta: number): void {
  const list = useTicketListStore.getState();
  const openId = useTicketStore.getState().ticketId;
  const openIndex = openId === null ? -1 : list.rows.findIndex((row) => row.id === openId);
  const from = openIndex >= 0 ? openIndex : list.selectedIndex;
  const row = list.rows[Math.max(0, Math.min(list.rows.length - 1, from + delta))];
  if (!row) return;
  openTicket(row.id);
  focusTarget('list');
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

/** Runs the search box's query now (or leaves search mode when it is empty). */
export function runSearch(): void {
  clearTimeout(searchTimer);
  const { text, sort } = useSearchStore.getState();
  if (text.trim() === '') {
    leaveSearch();
    return;
  }
  void useTicketListStore.getState().search(text, sort);
}

/** What the search box calls as the agent types: the search runs once typing pauses. */
export function typeSearch(text: string): void {
  useSearchStore.getState().setText(text);
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, SEARCH_DEBOUNCE_MS);
}

/** Switches between newest-first and ranked results, re-running the search. */
export function setSearchSort(sort: 'newest' | 'ranked'): void {
  useSearchStore.getState().setSort(sort);
  if (useTicketListStore.getState().source?.kind === 'search') runSearch();
}

/** Clears the search box and shows the active view again. */
export function leaveSearch(): void {
  clearTimeout(searchTimer);
  useSearchStore.getState().setText('');
  const viewId = useViewsStore.getState().activeViewId;
  if (useTicketListStore.getState().source?.kind === 'search' && viewId) void useTicketListStore.getState().load(viewId);
}

/**
 * Applies a bulk edit to the picked tickets as one action and offers to undo it in a notice.
 * Answers whether anything changed.
 */
export async function applyBulkEdit(patch: Omit<TicketFieldsPatch, 'tags'>, tags: TicketTagEdit | null): Promise<boolean> {
  const list = useTicketListStore.getState();
  const ids = [...list.picked];
  const result = await list.bulkUpdate(patch, tags, { assigneeName: agentName });
  if (!result) return false;
  const openId = useTicketStore.getState().ticketId;
  if (openId !== null && ids.includes(openId)) void useTicketStore.getState().refresh();
  const { undoId } = result;
  useToastStore.getState().show({
    textKey: 'bulk.done',
    params: { count: result.changed },
    ...(undoId !== null ? { action: { labelKey: 'bulk.undo', run: () => void undoBulkEdit(undoId, ids) } } : {}),
  });
  lastUndo = undoId !== null ? { undoId, ticketIds: ids } : null;
  return true;
}

let lastUndo: { undoId: string; ticketIds: string[] } | null = null;

/** Whether a bulk edit can still be undone from the keyboard. */
export function canUndoBulkEdit(): boolean {
  return lastUndo !== null;
}

/** Undoes the last bulk edit (the `u` shortcut and the palette). */
export function undoLastBulkEdit(): void {
  if (lastUndo) void undoBulkEdit(lastUndo.undoId, lastUndo.ticketIds);
}

async function undoBulkEdit(undoId: string, ticketIds: string[]): Promise<void> {
  lastUndo = null;
  const reverted = await useTicketListStore.getState().undoBulk(undoId);
  if (reverted === null) {
    // What went back stays back; undoing again reverts the rest.
    lastUndo = { undoId, ticketIds };
    useToastStore.getState().show({
      textKey: 'bulk.undoFailed',
      tone: 'error',
      action: { labelKey: 'bulk.undo', run: () => void undoBulkEdit(undoId, ticketIds) },
    });
  }
  // Re-read what went back, so the rows show it at once rather than when the live events land.
  await Promise.all(ticketIds.map((id) => useTicketListStore.getState().refreshRow(id, agentName)));
  const openId = useTicketStore.getState().ticketId;
  if (openId !== null && ticketIds.includes(openId)) void useTicketStore.getState().refresh();
  if (reverted !== null) useToastStore.getState().show({ textKey: 'bulk.undone', params: { count: reverted } });
}

/** Shows a ticket just created: opens it, and re-counts the views. */
export function showCreatedTicket(ticket: Ticket): void {
  openTicket(ticket.id);
  void useViewsStore.getState().loadCounts();
  useToastStore.getState().show({ textKey: 'newTicket.created', params: { subject: ticket.subject } });
}

/** Loads what the workspace needs first, in the view and ticket the address remembers. */
export async function startWorkspace(): Promise<void> {
  const location = readLocation();
  void useTeamStore.getState().load();
  if (location.ticketId) void useTicketStore.getState().open(location.ticketId);
  await useViewsStore.getState().load();
  void useViewsStore.getState().loadCounts();
  const { views } = useViewsStore.getState();
  const viewId = views.some((v) => v.id === location.viewId)
    ? location.viewId!
    : (views.find((v) => v.id === DEFAULT_VIEW_ID) ?? views[0])?.id;
  if (viewId === undefined) return;
  useViewsStore.getState().setActive(viewId);
  remember();
  await useTicketListStore.getState().load(viewId);
  if (location.ticketId) useTicketListStore.getState().selectTicket(location.ticketId);
}

/**
 * Reads everything again after sync replaced the local data wholesale (a first sync, another
 * account or backend): the team, the views and their counts, the list and the open ticket.
 */
export async function reloadWorkspace(): Promise<void> {
  void useTeamStore.getState().load();
  await useViewsStore.getState().load();
  void useViewsStore.getState().loadCounts();
  const viewId = useViewsStore.getState().activeViewId;
  if (viewId && useTicketListStore.getState().source?.kind !== 'search') void useTicketListStore.getState().load(viewId);
  if (useTicketStore.getState().ticketId !== null) void useTicketStore.getState().refresh();
}

/**
 * Follows the address when it changes without a reload (a link to `#ticket=…`, the browser's
 * back button): opens the ticket and view it names. Returns the function that stops it.
 */
export function followLocation(): () => void {
  const onHashChange = () => {
    const location = readLocation();
    if (location.viewId && location.viewId !== useViewsStore.getState().activeViewId) selectView(location.viewId);
    if (location.ticketId && location.ticketId !== useTicketStore.getState().ticketId) openTicket(location.ticketId);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** Mirrors the open ticket's fields into its list row, whoever changed them; and loads its requester. */
function followOpenTicket(): () => void {
  return useTicketStore.subscribe((state, previous) => {
    const detail = state.detail;
    if (!detail || detail === previous.detail) return;
    if (detail.ticket !== previous.detail?.ticket) {
      useTicketListStore.getState().patchRow(detail.ticket.id, rowFields(detail.ticket, detail.requester.name));
    }
    if (detail.requester.id !== previous.detail?.requester.id || detail.ticket.id !== previous.detail?.ticket.id) {
      void useCustomerStore.getState().load(detail.requester.id, { force: true });
    }
  });
}

/** A row's fields from a ticket; the assignee's name only when the team is loaded enough to know it. */
function rowFields(ticket: Ticket, requesterName: string): Partial<TicketRow> {
  const assigneeName = agentName(ticket.assigneeId);
  if (ticket.assigneeId !== null && assigneeName === null) return { ...ticket, requesterName };
  return { ...ticket, requesterName, assigneeName };
}

/** How long change events for one ticket are gathered before it is re-read once. */
const COALESCE_MS = 50;
/** How long changes are gathered before the views are re-counted: counting is the costly part. */
const COUNT_DEBOUNCE_MS = 1_500;

/**
 * Keeps the workspace live: another agent's (or another window's) change re-reads the open
 * ticket and the list row it touches, and re-counts the views. Returns the function that stops it.
 */
export function startLiveUpdates(): () => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let countTimer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const openId = useTicketStore.getState().ticketId;
    for (const ticketId of pending) {
      // The open ticket's refresh updates its row too (followOpenTicket), so read it once.
      if (ticketId === openId) void useTicketStore.getState().refresh();
      else void useTicketListStore.getState().refreshRow(ticketId, agentName);
    }
    // The customer pane lists the requester's tickets; the open one changing is the likely case.
    const customerId = useCustomerStore.getState().customerId;
    if (customerId !== null && openId !== null && pending.has(openId)) void useCustomerStore.getState().load(customerId, { force: true });
    pending.clear();
  };

  const stopEvents = api.on('ticket/changed', ({ ticketId }) => {
    pending.add(ticketId);
    timer ??= setTimeout(flush, COALESCE_MS);
    clearTimeout(countTimer);
    countTimer = setTimeout(() => void useViewsStore.getState().loadCounts(), COUNT_DEBOUNCE_MS);
  });
  let viewsTimer: ReturnType<typeof setTimeout> | undefined;
  const stopViews = api.on('view/changed', () => {
    clearTimeout(viewsTimer);
    viewsTimer = setTimeout(() => {
      void useViewsStore
        .getState()
        .load()
        .then(() => useViewsStore.getState().loadCounts());
    }, COALESCE_MS);
  });
  const stopCustomers = api.on('customer/changed', ({ customerId }) => {
    if (useCustomerStore.getState().customerId === customerId) void useCustomerStore.getState().load(customerId, { force: true });
  });
  const stopFollowing = followOpenTicket();
  return () => {
    clearTimeout(timer);
    clearTimeout(countTimer);
    clearTimeout(viewsTimer);
    stopEvents();
    stopViews();
    stopCustomers();
    stopFollowing();
  };
}
