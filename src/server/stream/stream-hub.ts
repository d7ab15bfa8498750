import type { ServerResponse } from 'node:http';
import { PRESENCE_ROLES, PRESENCE_TTL_MS, type PresenceEntry } from '../../shared/contract/presence-protocol';
import type { StreamEvent } from '../../shared/contract/sync-protocol';
import type { Actor } from '../auth/actor';
import type { AuthService } from '../auth/auth-service';
import { RateLimitedError } from '../auth/rate-limited-error';
import { describeError, logger } from '../log';
import type { Storage, StorageEvent } from '../storage/storage';
import { formatCursor } from '../sync/cursor';
import { PresenceRegistry } from './presence-registry';

const log = logger('stream');

/** Timing of the live streams. */
export interface StreamConfig {
  /** At most one poke per stream per this many milliseconds; pokes in between are merged into one. */
  pokeIntervalMs: number;
  /** A comment line this often keeps proxies from closing an idle stream and finds dead peers. */
  heartbeatMs: number;
  /** How often every stream's session is checked again (a safety net under the revocation events). */
  recheckMs: number;
  /** How long a presence report holds without the next heartbeat (desktops report every third of it). */
  presenceTtlMs: number;
  /** How often reports that were not renewed are dropped: the precision of their expiry. */
  presenceSweepMs: number;
  /** The most sessions of one account that are kept on tickets at once. */
  presenceSessionsPerAccount: number;
}

export const DEFAULT_STREAM_CONFIG: StreamConfig = {
  pokeIntervalMs: 100,
  heartbeatMs: 15_000,
  recheckMs: 30_000,
  presenceTtlMs: PRESENCE_TTL_MS,
  presenceSweepMs: 1_000,
  presenceSessionsPerAccount: 8,
};

/** A session may send this many presence reports at once… */
const PRESENCE_REPORT_BURST = 20;
/** …and one more per this many milliseconds: an agent paging through tickets stays well under it. */
const PRESENCE_REPORT_REFILL_MS = 500;

interface OpenStream {
  actor: Actor;
  res: ServerResponse;
  head: number;
  lastPokeAt: number;
  timer: NodeJS.Timeout | null;
  closed: boolean;
}

function frame(event: StreamEvent): string {
  return `event: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Whether a stream is told who is on which ticket: knowledge authors do not work tickets. */
function seesPresence(stream: OpenStream): boolean {
  return PRESENCE_ROLES.includes(stream.actor.role);
}

/**
 * The open live streams of this instance. Every instance subscribes to the storage's events,
 * so a change committed by any instance pokes the streams of all (PostgreSQL LISTEN/NOTIFY; in
 * process for SQLite), and a revocation closes the streams wherever they are. Presence travels
 * the same way: a report is broadcast, every instance keeps it in its registry until it expires,
 * and tells its own streams when the agents on a ticket change.
 */
export class StreamHub {
  private readonly streams = new Set<OpenStream>();
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private presenceSweep: NodeJS.Timeout | null = null;
  private readonly presence: PresenceRegistry;
  /** Each session's report allowance: tokens left and when they were counted. */
  private readonly reportBuckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly storage: Storage,
    private readonly auth: AuthService,
    private readonly config: StreamConfig = DEFAULT_STREAM_CONFIG,
  ) {
    this.presence = new PresenceRegistry(config.presenceSessionsPerAccount);
  }

  start(): void {
    this.unsubscribe = this.storage.subscribe((event) => this.onEvent(event));
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.res.write(': ping\n\n');
    }, this.config.heartbeatMs);
    this.heartbeat.unref();
    this.recheck = setInterval(() => void this.recheckAll(), this.config.recheckMs);
    this.recheck.unref();
    this.presenceSweep = setInterval(() => {
      const now = Date.now();
      this.tellPresence(this.presence.expire(now));
      for (const [sessionId, bucket] of this.reportBuckets) {
        if (now - bucket.at >= PRESENCE_REPORT_BURST * PRESENCE_REPORT_REFILL_MS) this.reportBuckets.delete(sessionId);
      }
    }, this.config.presenceSweepMs);
    this.presenceSweep.unref();
  }

  /** How many streams are open on this instance. */
  get size(): number {
    return this.streams.size;
  }

  /** Takes over a response as an event stream for `actor`. */
  async open(actor: Actor, res: ServerResponse): Promise<void> {
    const head = await this.storage.read((tx) => tx.head());
    const stream: OpenStream = { actor, res, head, lastPokeAt: 0, timer: null, closed: false };
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The stream lives as long as the session: no idle timeout (the heartbeat finds dead peers).
    res.socket?.setTimeout(0);
    res.write(frame({ name: 'ready', data: { head: formatCursor(this.storage.epoch, head) } }));
    if (seesPresence(stream)) {
      for (const ticketId of this.presence.occupiedTickets()) {
        res.write(frame({ name: 'presence', data: { ticketId, agents: this.presence.agentsOn(ticketId) } }));
      }
    }
    this.streams.add(stream);
    res.on('close', () => this.forget(stream));
    // The ticket was checked before this; the account may have been disabled in between.
    const ended = await this.auth.accessEnded(actor);
    if (ended) this.close(stream, ended);
  }

  /**
   * Tells every instance what the calling session is on now (replacing its previous report); the
   * streams hear of it through the storage, this instance's too. Answers how long it holds.
   */
  async reportPresence(actor: Actor, tickets: PresenceEntry[]): Promise<{ ttlMs: number }> {
    const now = Date.now();
    const bucket = this.reportBuckets.get(actor.sessionId) ?? { tokens: PRESENCE_REPORT_BURST, at: now };
    bucket.tokens = Math.min(PRESENCE_REPORT_BURST, bucket.tokens + (now - bucket.at) / PRESENCE_REPORT_REFILL_MS);
    bucket.at = now;
    this.reportBuckets.set(actor.sessionId, bucket);
    if (bucket.tokens < 1) {
      throw new RateLimitedError('Too many presence reports: send one when it changes and a heartbeat', Math.ceil((1 - bucket.tokens) * PRESENCE_REPORT_REFILL_MS));
    }
    bucket.tokens -= 1;
    const ttlMs = this.config.presenceTtlMs;
    await this.storage.broadcast({ type: 'presence', sessionId: actor.sessionId, accountId: actor.accountId, name: actor.name, tickets, ttlMs });
    return { ttlMs };
  }

  private onEvent(event: StorageEvent): void {
    switch (event.type) {
      case 'changes':
        for (const stream of this.streams) this.poke(stream, event.head);
        return;
      case 'access-revoked':
        for (const stream of this.streams) {
          if (stream.actor.accountId !== event.accountId) continue;
          if (event.sessionId !== null && stream.actor.sessionId !== event.sessionId) continue;
          this.close(stream, event.reason);
        }
        this.tellPresence(this.presence.drop(event.accountId, event.sessionId));
        return;
      case 'presence':
        this.tellPresence(this.presence.report(event, Date.now()));
        return;
      case 'resync':
        void this.storage
          .read((tx) => tx.head())
          .then((head) => {
            for (const stream of this.streams) this.poke(stream, head);
          })
          .catch((error: unknown) => log.warn('cannot read the head after a resync', describeError(error)));
        void this.recheckAll();
        return;
    }
  }

  /** Tells the streams that see presence who is on each of `ticketIds` now. */
  private tellPresence(ticketIds: Set<string>): void {
    for (const ticketId of ticketIds) {
      const text = frame({ name: 'presence', data: { ticketId, agents: this.presence.agentsOn(ticketId) } });
      for (const stream of this.streams) if (!stream.closed && seesPresence(stream)) stream.res.write(text);
    }
  }

  /** Coalesces: the first poke goes at once, later ones at most once per interval, carrying the newest head. */
  private poke(stream: OpenStream, head: number): void {
    if (stream.closed) return;
    stream.head = Math.max(stream.head, head);
    if (stream.timer) return;
    const wait = Math.max(0, stream.lastPokeAt + this.config.pokeIntervalMs - Date.now());
    stream.timer = setTimeout(() => {
      stream.timer = null;
      if (stream.closed) return;
      stream.lastPokeAt = Date.now();
      stream.res.write(frame({ name: 'poke', data: { head: formatCursor(this.storage.epoch, stream.head) } }));
    }, wait);
  }

  private close(stream: OpenStream, reason: 'account-disabled' | 'session-revoked' | 'session-expired' | 'server-closing'): void {
    if (stream.closed) return;
    stream.res.write(frame({ name: 'closed', data: { reason } }));
    stream.res.end();
    this.forget(stream);
  }

  private forget(stream: OpenStream): void {
    stream.closed = true;
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = null;
    this.streams.delete(stream);
  }

  private async recheckAll(): Promise<void> {
    for (const stream of [...this.streams]) {
      try {
        const ended = await this.auth.accessEnded(stream.actor);
        if (ended) this.close(stream, ended);
      } catch (error) {
        log.warn('cannot recheck a stream', describeError(error));
      }
    }
  }

  /** Ends every stream (the server is closing) and stops listening. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.recheck) clearInterval(this.recheck);
    if (this.presenceSweep) clearInterval(this.presenceSweep);
    for (const stream of [...this.streams]) this.close(stream, 'server-closing');
  }
}
