import type { ServerResponse } from 'node:http';
import type { StreamEvent } from '../../shared/contract/sync-protocol';
import type { Actor } from '../auth/actor';
import type { AuthService } from '../auth/auth-service';
import { describeError, logger } from '../log';
import type { Storage, StorageEvent } from '../storage/storage';
import { formatCursor } from '../sync/cursor';

const log = logger('stream');

/** Timing of the live streams. */
export interface StreamConfig {
  /** At most one poke per stream per this many milliseconds; pokes in between are merged into one. */
  pokeIntervalMs: number;
  /** A comment line this often keeps proxies from closing an idle stream and finds dead peers. */
  heartbeatMs: number;
  /** How often every stream's session is checked again (a safety net under the revocation events). */
  recheckMs: number;
}

export const DEFAULT_STREAM_CONFIG: StreamConfig = { pokeIntervalMs: 100, heartbeatMs: 15_000, recheckMs: 30_000 };

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

/**
 * The open live streams of this instance. Every instance subscribes to the storage's events,
 * so a change committed by any instance pokes the streams of all (PostgreSQL LISTEN/NOTIFY; in
 * process for SQLite), and a revocation closes the streams wherever they are.
 */
export class StreamHub {
  private readonly streams = new Set<OpenStream>();
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private recheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly auth: AuthService,
    private readonly config: StreamConfig = DEFAULT_STREAM_CONFIG,
  ) {}

  start(): void {
    this.unsubscribe = this.storage.subscribe((event) => this.onEvent(event));
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.res.write(': ping\n\n');
    }, this.config.heartbeatMs);
    this.heartbeat.unref();
    this.recheck = setInterval(() => void this.recheckAll(), this.config.recheckMs);
    this.recheck.unref();
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
    this.streams.add(stream);
    res.on('close', () => this.forget(stream));
    // The ticket was checked before this; the account may have been disabled in between.
    const ended = await this.auth.accessEnded(actor);
    if (ended) this.close(stream, ended);
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
    for (const stream of [...this.streams]) this.close(stream, 'server-closing');
  }
}
