import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/app-contract';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';

/** A ticket's SLA as `ticket/get-sla` explains it: policy, matrix version, calendar and each clock. */
export type TicketSlaView = MethodOutput<'ticket/get-sla'>;
/** One clock of it. */
export type SlaClockView = TicketSlaView['clocks'][number];

interface SlaState {
  ticketId: string | null;
  view: TicketSlaView | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** Reads the ticket's SLA; a newer call for another ticket wins over one still in flight. */
  load(ticketId: string): Promise<void>;
  clear(): void;
}

let generation = 0;

/** The open ticket's SLA explanation (the panel and the header countdown read it). */
export const useSlaStore = create<SlaState>()((set, get) => ({
  ticketId: null,
  view: null,
  status: 'idle',
  error: null,

  async load(ticketId) {
    const mine = ++generation;
    // Keep what is shown while the same ticket is read again (a live change), so nothing flickers.
    if (get().ticketId !== ticketId) set({ ticketId, view: null, status: 'loading', error: null });
    try {
      const view = await api.call('ticket/get-sla', { ticketId });
      if (mine !== generation) return;
      set({ view, status: 'ready', error: null });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: 'error', error: toApiError(error) });
    }
  },

  clear() {
    generation++;
    set({ ticketId: null, view: null, status: 'idle', error: null });
  },
}));

/**
 * The clock the ticket's countdown shows: the next running deadline, else a breached clock (it
 * stays overdue until met), else a paused one; null when no clock owes anything.
 */
export function headlineClock(view: TicketSlaView | null): SlaClockView | null {
  if (!view) return null;
  if (view.next) return view.next;
  const byDue = (a: SlaClockView, b: SlaClockView) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity);
  const breached = view.clocks.filter((clock) => clock.state === 'breached').sort(byDue)[0];
  if (breached) return breached;
  return view.clocks.find((clock) => clock.state === 'paused') ?? null;
}
