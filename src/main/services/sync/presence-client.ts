import type { MethodInput } from '../../../shared/contract/app-contract';
import type { PresenceViewer } from '../../../shared/contract/presence-methods';
import type { PresenceActivity, PresenceAgent, PresenceEntry, PresenceEvent } from '../../../shared/contract/presence-protocol';
import { describeError, logger } from '../../log';
import type { EventBus } from '../event-bus';
import { BackendError, type BackendClient } from './backend-client';

const log = logger('presence');

/** A report that gets no answer within this is abandoned; the next heartbeat tries again. */
const REPORT_TIMEOUT_MS = 10_000;
/** After a failed report, the next try waits this long (or a third of the ttl, if shorter). */
const RETRY_MS = 5_000;

/** What the sync client tells presence about its live stream. */
export interface PresenceLink {
  /** The live stream is open (`ready`): report what the agent is on; the stream tells who else is where. */
  connected(backend: BackendClient): void;
  /** A `presence` event of the live stream. */
  received(event: PresenceEvent): void;
  /**
   * The live stream is gone: forget everyone (nothing is shown offline) and report nothing until it
   * is back. `leaving`: sync stops (work offline, sign-out, quit), so tell the backend at once, best effort.
   */
  disconnected(leaving: boolean): void;
}

/**
 * The desktop's side of presence (docs/sync-client.md, "Presence"): reports the ticket the agent
 * has open, and whether they are replying, while the live stream is open, with a heartbeat at a
 * third of the backend's ttl; keeps who else is on which ticket from the stream's events and tells
 * the renderer (`presence/changed`). Live only: nothing is queued while offline, and going offline
 * forgets everyone. One report at a time; a change during one goes right after it.
 */
export class PresenceClient implements PresenceLink {
  private desired: PresenceEntry | null = null;
  private backend: BackendClient | null = null;
  /** Who is on each ticket as the stream last told it, the signed-in agent included. */
  private readonly agentsOn = new Map<string, PresenceAgent[]>();
  /** What the backend last acknowledged on this connection (JSON of the ticket list), or null. */
  private reported: string | null = null;
  private inFlight = false;
  private again = false;
  /** The backend refuses presence (an author, or a backend without it): quiet until the next connection. */
  private refused = false;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Bumped by every connect and disconnect: answers to an older connection's reports are ignored. */
  private connection = 0;

  constructor(
    private readonly events: EventBus,
    /** The signed-in agent, who is never shown as someone else. */
    private readonly agentId: () => string | null,
  ) {}

  /** What the agent does now (`ticketId` null: no ticket open); answers who else is on that ticket. */
  set(ticketId: string | null, activity: PresenceActivity): { viewers: PresenceViewer[] } {
    const desired = ticketId === null ? null : { ticketId, activity };
    if (JSON.stringify(desired) !== JSON.stringify(this.desired)) {
      this.desired = desired;
      this.report();
    }
    return { viewers: ticketId === null ? [] : this.viewersOf(ticketId) };
  }

  /** Who else is on a ticket now (nobody while offline). */
  list(ticketId: string): { viewers: PresenceViewer[] } {
    return { viewers: this.viewersOf(ticketId) };
  }

  connected(backend: BackendClient): void {
    this.forget();
    this.backend = backend;
    this.report();
  }

  received(event: PresenceEvent): void {
    const before = this.viewersOf(event.ticketId);
    if (event.agents.length === 0) this.agentsOn.delete(event.ticketId);
    else this.agentsOn.set(event.ticketId, event.agents);
    const after = this.viewersOf(event.ticketId);
    if (JSON.stringify(after) !== JSON.stringify(before)) this.tell(event.ticketId, after);
  }

  disconnected(leaving: boolean): void {
    const backend = this.backend;
    if (leaving && backend && this.reported !== null && this.reported !== '[]' && !this.refused) {
      backend
        .reportPresence({ tickets: [] }, AbortSignal.timeout(REPORT_TIMEOUT_MS))
        .catch((error: unknown) => log.info('could not tell the backend the agent left', { error: error instanceof Error ? error.message : String(error) }));
    }
    this.forget();
  }

  /** Who else is on a ticket: the stream's list without the signed-in agent. */
  private viewersOf(ticketId: string): PresenceViewer[] {
    const me = this.agentId();
    return (this.agentsOn.get(ticketId) ?? [])
      .filter((agent) => agent.agentId !== me)
      .map((agent) => ({ agentId: agent.agentId, name: agent.name, activity: agent.activity }));
  }

  private tell(ticketId: string, viewers: PresenceViewer[]): void {
    this.events.emit({ name: 'presence/changed', payload: { ticketId, viewers } });
  }

  /** Ends the connection's state: no backend, no heartbeat, nobody on any ticket (told to the renderer). */
  private forget(): void {
    this.connection += 1;
    this.backend = null;
    this.reported = null;
    this.refused = false;
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    const shown = [...this.agentsOn.keys()].filter((ticketId) => this.viewersOf(ticketId).length > 0);
    this.agentsOn.clear();
    for (const ticketId of shown) this.tell(ticketId, []);
  }

  /** Reports what the agent is on now (and schedules the heartbeat); the latest wins when one is in flight. */
  private report(): void {
    const backend = this.backend;
    if (!backend || this.refused) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const tickets = this.desired ? [this.desired] : [];
    const json = JSON.stringify(tickets);
    // Nothing reported on this connection, nothing to report: the backend holds nothing to keep alive.
    if (tickets.length === 0 && (this.reported === null || this.reported === json)) return;
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    const connection = this.connection;
    this.inFlight = true;
    backend
      .reportPresence({ tickets }, AbortSignal.timeout(REPORT_TIMEOUT_MS))
      .then(({ ttlMs }) => {
        if (connection !== this.connection) return;
        this.reported = json;
        if (tickets.length > 0) this.scheduleReport(ttlMs / 3);
      })
      .catch((error: unknown) => {
        if (connection !== this.connection) return;
        if (error instanceof BackendError && (error.code === 'forbidden' || error.code === 'not-found')) {
          // An author's desktop, or a backend that predates presence: nothing to report to.
          log.info('the backend takes no presence from this desktop', { code: error.code });
          this.refused = true;
          return;
        }
        log.warn('a presence report failed; retrying', error instanceof BackendError ? { code: error.code, message: error.message } : describeError(error));
        this.scheduleReport(RETRY_MS);
      })
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.report();
        }
      });
  }

  private scheduleReport(ms: number): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = setTimeout(() => {
      this.heartbeat = null;
      this.report();
    }, ms);
    this.heartbeat.unref?.();
  }
}

/** The contract handlers of presence. */
export function presenceHandlers(presence: PresenceClient) {
  return {
    'presence/set': (input: MethodInput<'presence/set'>) => presence.set(input.ticketId, input.activity),
    'presence/list': (input: MethodInput<'presence/list'>) => presence.list(input.ticketId),
  };
}
