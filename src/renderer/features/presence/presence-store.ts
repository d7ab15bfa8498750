import { create } from 'zustand';
import type { PresenceViewer } from '../../../shared/contract/presence-methods';
import type { PresenceActivity } from '../../../shared/contract/presence-protocol';
import { api } from '../../api/client';
import { toApiError } from '../../api/api-error';
import { draftOf, useTicketStore } from '../ticket/ticket-store';

interface PresenceState {
  /** The ticket whose viewers are kept: the open one. */
  ticketId: string | null;
  /** Who else is on it (never the agent), replying first; empty while offline. */
  viewers: PresenceViewer[];
}

/** Who else is viewing or replying to the open ticket, live. */
export const usePresenceStore = create<PresenceState>()(() => ({ ticketId: null, viewers: [] }));

/** What the agent is doing, as presence tells it: the open ticket, and whether a public reply is being written there. */
export function currentPresence(): { ticketId: string | null; activity: PresenceActivity } {
  const state = useTicketStore.getState();
  const draft = draftOf(state, state.ticketId);
  const replying = draft.kind === 'reply' && (draft.body.trim() !== '' || (draft.macroId ?? null) !== null);
  return { ticketId: state.ticketId, activity: replying ? 'replying' : 'viewing' };
}

/**
 * Follows the open ticket: tells the core what the agent does there (`presence/set`) whenever the
 * ticket or the activity changes (not on every keystroke), and keeps who else is on it from the
 * answer and from `presence/changed`. Answers the function that stops, which reports no ticket.
 */
export function followPresence(): () => void {
  let reported = '';
  // An answer computed before a later event must not overwrite what that event said.
  let eventsSeen = 0;

  const report = () => {
    const now = currentPresence();
    const key = JSON.stringify(now);
    if (key === reported) return;
    reported = key;
    if (usePresenceStore.getState().ticketId !== now.ticketId) usePresenceStore.setState({ ticketId: now.ticketId, viewers: [] });
    const seenAtCall = eventsSeen;
    api
      .call('presence/set', now)
      .then(({ viewers }) => {
        if (eventsSeen === seenAtCall && usePresenceStore.getState().ticketId === now.ticketId && now.ticketId !== null) {
          usePresenceStore.setState({ viewers });
        }
      })
      .catch((error: unknown) => toApiError(error));
  };

  const stopTicket = useTicketStore.subscribe(report);
  const stopEvents = api.on('presence/changed', ({ ticketId, viewers }) => {
    eventsSeen += 1;
    if (usePresenceStore.getState().ticketId === ticketId) usePresenceStore.setState({ viewers });
  });
  report();
  return () => {
    stopTicket();
    stopEvents();
    usePresenceStore.setState({ ticketId: null, viewers: [] });
    api.call('presence/set', { ticketId: null, activity: 'viewing' }).catch((error: unknown) => toApiError(error));
  };
}
