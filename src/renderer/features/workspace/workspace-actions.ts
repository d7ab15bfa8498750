import type { Ticket, TicketRow } from '../../../shared/domain/ticket';
import { api } from '../../api/client';
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

/** Shows a view's tickets in the list. */
export function selectView(viewId: string): void {
  useViewsStore.getState().setActive(viewId);
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

/** Loads what the workspace needs first, in the view and ticket the address remembers. */
export async function startWorkspace(): Promise<void> {
  const location = readLocation();
  void useTeamStore.getState().load();
  if (location.ticketId) void useTicketStore.getState().open(location.ticketId);
  await useViewsStore.getState().load();
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

/** Mirrors the open ticket's fields into its list row, whoever changed them. */
function followOpenTicket(): () => void {
  return useTicketStore.subscribe((state, previous) => {
    const ticket = state.detail?.ticket;
    if (!ticket || ticket === previous.detail?.ticket) return;
    useTicketListStore.getState().patchRow(ticket.id, rowFields(ticket, state.detail!.requester.name));
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

/**
 * Keeps the workspace live: another agent's (or another window's) change re-reads the open
 * ticket and the list row it touches. Returns the function that stops it.
 */
export function startLiveUpdates(): () => void {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const openId = useTicketStore.getState().ticketId;
    for (const ticketId of pending) {
      // The open ticket's refresh updates its row too (followOpenTicket), so read it once.
      if (ticketId === openId) void useTicketStore.getState().refresh();
      else void useTicketListStore.getState().refreshRow(ticketId, agentName);
    }
    pending.clear();
  };

  const stopEvents = api.on('ticket/changed', ({ ticketId }) => {
    pending.add(ticketId);
    timer ??= setTimeout(flush, COALESCE_MS);
  });
  const stopFollowing = followOpenTicket();
  return () => {
    clearTimeout(timer);
    stopEvents();
    stopFollowing();
  };
}
