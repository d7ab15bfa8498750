import type { PresenceActivity, PresenceAgent } from '../../shared/contract/presence-protocol';
import type { PresenceNotice } from '../storage/storage';

interface SessionPresence {
  accountId: string;
  name: string;
  tickets: Map<string, PresenceActivity>;
  /** Epoch ms on this instance's clock. */
  expiresAt: number;
}

/**
 * Who is on which ticket, per session, in memory: presence is ephemeral and never stored. Every
 * instance keeps the whole team's (each report reaches all of them), and each expires reports on
 * its own clock, so an instance that stops cannot leave anyone behind. Bounded: a session names
 * at most MAX_PRESENCE_TICKETS tickets (the schema), and an account keeps at most
 * `maxSessionsPerAccount` sessions (the one nearest expiry gives way).
 *
 * Each change answers the tickets whose list of agents changed, for the streams to be told.
 * Clock-free: `now` is passed in.
 */
export class PresenceRegistry {
  private readonly sessions = new Map<string, SessionPresence>();
  private readonly byTicket = new Map<string, Set<string>>();
  private readonly byAccount = new Map<string, Set<string>>();

  constructor(private readonly maxSessionsPerAccount: number) {}

  /** How many sessions are on some ticket. */
  get size(): number {
    return this.sessions.size;
  }

  /** Takes a session's report in (replacing its previous one). */
  report(notice: PresenceNotice, now: number): Set<string> {
    const previous = this.sessions.get(notice.sessionId);
    const affected = new Set<string>([...(previous?.tickets.keys() ?? []), ...notice.tickets.map((entry) => entry.ticketId)]);
    // The account's other sessions nearest expiry give way to keep it within its cap.
    const others = [...(this.byAccount.get(notice.accountId) ?? [])]
      .filter((id) => id !== notice.sessionId)
      .sort((a, b) => this.sessions.get(a)!.expiresAt - this.sessions.get(b)!.expiresAt);
    const evicted = notice.tickets.length === 0 ? [] : others.slice(0, Math.max(0, others.length + 1 - this.maxSessionsPerAccount));
    for (const id of evicted) for (const ticketId of this.sessions.get(id)!.tickets.keys()) affected.add(ticketId);
    return this.changing(affected, () => {
      this.remove(notice.sessionId);
      for (const id of evicted) this.remove(id);
      if (notice.tickets.length === 0) return;
      this.add(notice.sessionId, {
        accountId: notice.accountId,
        name: notice.name,
        tickets: new Map(notice.tickets.map((entry) => [entry.ticketId, entry.activity])),
        expiresAt: now + notice.ttlMs,
      });
    });
  }

  /** Drops the reports that were not renewed in time. */
  expire(now: number): Set<string> {
    const expired = [...this.sessions].filter(([, session]) => session.expiresAt <= now).map(([id]) => id);
    return this.dropSessions(expired);
  }

  /** Drops the reports of an account's sessions (all, or one): access ended. */
  drop(accountId: string, sessionId: string | null): Set<string> {
    const own = [...(this.byAccount.get(accountId) ?? [])];
    return this.dropSessions(sessionId === null ? own : own.filter((id) => id === sessionId));
  }

  /** The agents on a ticket: an agent on several sessions once (`replying` wins), replying first, then by name. */
  agentsOn(ticketId: string): PresenceAgent[] {
    const agents = new Map<string, PresenceAgent>();
    for (const sessionId of this.byTicket.get(ticketId) ?? []) {
      const session = this.sessions.get(sessionId)!;
      const activity = session.tickets.get(ticketId)!;
      const known = agents.get(session.accountId);
      if (!known || (known.activity === 'viewing' && activity === 'replying')) {
        agents.set(session.accountId, { agentId: session.accountId, name: session.name, activity });
      }
    }
    return [...agents.values()].sort(
      (a, b) =>
        Number(b.activity === 'replying') - Number(a.activity === 'replying') ||
        a.name.localeCompare(b.name) ||
        (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
    );
  }

  /** The tickets someone is on. */
  occupiedTickets(): string[] {
    return [...this.byTicket.keys()];
  }

  private dropSessions(sessionIds: readonly string[]): Set<string> {
    const affected = new Set<string>();
    for (const id of sessionIds) for (const ticketId of this.sessions.get(id)?.tickets.keys() ?? []) affected.add(ticketId);
    return this.changing(affected, () => {
      for (const id of sessionIds) this.remove(id);
    });
  }

  /** Runs `change` and answers which of the `affected` tickets now show other agents than before. */
  private changing(affected: Set<string>, change: () => void): Set<string> {
    const before = new Map([...affected].map((ticketId) => [ticketId, JSON.stringify(this.agentsOn(ticketId))]));
    change();
    const changed = new Set<string>();
    for (const ticketId of affected) if (JSON.stringify(this.agentsOn(ticketId)) !== before.get(ticketId)) changed.add(ticketId);
    return changed;
  }

  private add(sessionId: string, session: SessionPresence): void {
    this.sessions.set(sessionId, session);
    for (const ticketId of session.tickets.keys()) {
      let on = this.byTicket.get(ticketId);
      if (!on) this.byTicket.set(ticketId, (on = new Set()));
      on.add(sessionId);
    }
    let own = this.byAccount.get(session.accountId);
    if (!own) this.byAccount.set(session.accountId, (own = new Set()));
    own.add(sessionId);
  }

  private remove(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    for (const ticketId of session.tickets.keys()) {
      const on = this.byTicket.get(ticketId);
      on?.delete(sessionId);
      if (on?.size === 0) this.byTicket.delete(ticketId);
    }
    const own = this.byAccount.get(session.accountId);
    own?.delete(sessionId);
    if (own?.size === 0) this.byAccount.delete(session.accountId);
  }
}
