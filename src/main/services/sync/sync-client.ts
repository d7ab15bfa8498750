import { AppError, BugError, type ErrorBody } from '../../../shared/contract/errors';
import { SYNC_PROTOCOL_VERSION, type StreamEvent } from '../../../shared/contract/sync-protocol';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { newId } from '../../../shared/domain/ids';
import { writeTransaction, type Db } from '../../store/db';
import { getMeta, setMeta } from '../../store/queries/meta';
import {
  countRejections,
  currentClientId,
  listOutboxFrom,
  listRejections,
  outboxSummary,
  readSyncBinding,
  readSyncState,
  switchClientId,
} from '../../store/queries/sync-state';
import { describeError, logger } from '../../log';
import type { EventBus } from '../event-bus';
import type { ChangeContext } from './outbox-writer';
import { BackendError, type BackendClient, type PullAnswer } from './backend-client';
import { openLiveStream, type LiveStream } from './live-stream';
import { emptyTouched, type Touched } from './local-appliers';
import { beginRebuild, PageApplier, RebuildFinisher, type SlicePace } from './pull-apply';
import type { PresenceLink } from './presence-client';
import { applyPushResponse } from './push-apply';
import type { TimelineEnv } from './rebase';

const log = logger('sync');

/** Tuning of the sync client; the defaults fit the budgets of DESIGN.md §5. */
export interface SyncClientConfig {
  /** Mutations per push request (the backend takes at most 1000). */
  pushBatchSize: number;
  /** Changes per pull page: small enough that parsing one never stalls the process. */
  pullLimit: number;
  /** The longest a slice of pulled changes may hold the store's write lock and the event loop. */
  sliceBudgetMs: number;
  /** A local change is pushed this long after the last one of a burst. */
  pushDebounceMs: number;
  /** Retries after a failure wait initialBackoffMs · 2ⁿ (at most maxBackoffMs), with jitter. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Open the live stream (off: pull only when asked, e.g. in tests of push alone). */
  live: boolean;
}

export const DEFAULT_SYNC_CONFIG: SyncClientConfig = {
  pushBatchSize: 500,
  pullLimit: 1000,
  sliceBudgetMs: 6,
  pushDebounceMs: 50,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  live: true,
};

export interface SyncClientOptions {
  db: Db;
  /** The change context the services write with: the client id in it follows a re-registration. */
  ctx: ChangeContext;
  events: EventBus;
  backend: BackendClient;
  config?: Partial<SyncClientConfig>;
  /** The fetch the live stream uses (tests wrap it). */
  fetch?: typeof fetch;
  random?: () => number;
  /** Told when the live stream opens and ends, and of its presence events. */
  presence?: PresenceLink;
}

const ACCESS_REASONS = new Set(['account-disabled', 'session-revoked', 'session-expired']);
const WORK_OFFLINE_KEY = 'sync_work_offline';

/** What the client measured about its own work, for diagnostics and benches. */
export interface SyncStats {
  /** Slices of pulled work run (each one write transaction). */
  slices: number;
  /** The longest slice, wall clock (includes time the OS gave to other processes). */
  longestSliceMs: number;
  /**
   * The longest slice in CPU time of this thread: the stall this client itself causes, whatever
   * else the machine runs (the OS counts CPU time in ticks of a few milliseconds).
   */
  longestSliceCpuMs: number;
}

/** What a pull request names: which page, for which client id, with which outcomes already taken in. */
interface PageRequest {
  clientId: string;
  cursor: string | null;
  confirmedSeq: number;
}

function samePageRequest(a: PageRequest, b: PageRequest): boolean {
  return a.clientId === b.clientId && a.cursor === b.cursor && a.confirmedSeq === b.confirmedSeq;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The desktop's sync with its backend (docs/sync-client.md): pushes the outbox, pulls the
 * changes after its cursor and rebases the pending changes on top, and keeps a live stream open
 * that pokes it to pull. One worker does all network work, one request at a time, so pushes and
 * pulls never overlap; a poke during a pull queues at most one more pull.
 */
export class SyncClient {
  readonly config: SyncClientConfig;
  private readonly db: Db;
  private readonly ctx: ChangeContext;
  private readonly events: EventBus;
  private readonly backend: BackendClient;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly presence: PresenceLink | null;
  private readonly random: () => number;
  private readonly env: TimelineEnv;

  private started = false;
  private offlineByChoice: boolean;
  private closed = false;
  private stoppedBy: ErrorBody | null = null;
  private connection: 'unknown' | 'online' | 'offline' = 'unknown';
  private lastError: ErrorBody | null = null;
  private worker: Promise<void> | null = null;
  private wantPull = false;
  private failures = 0;
  private pushFailures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private pushBlockedUntil = 0;
  private abort = new AbortController();
  private stream: LiveStream | null = null;
  private streamConnecting = false;
  private streamLive = false;
  private streamFailures = 0;
  private streamTimer: NodeJS.Timeout | null = null;
  private emittingOwnEvents = false;
  private lastStatusJson = '';
  private readonly idleWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly pace: SlicePace = { commitMs: 0 };
  readonly stats: SyncStats = { slices: 0, longestSliceMs: 0, longestSliceCpuMs: 0 };

  constructor(options: SyncClientOptions) {
    this.config = { ...DEFAULT_SYNC_CONFIG, ...options.config };
    this.db = options.db;
    this.ctx = options.ctx;
    this.events = options.events;
    this.backend = options.backend;
    this.fetchImpl = options.fetch;
    this.random = options.random ?? Math.random;
    this.presence = options.presence ?? null;
    this.offlineByChoice = getMeta(options.db, WORK_OFFLINE_KEY) === '1';
    this.env = {
      db: this.db,
      get agentId() {
        return options.ctx.agentId;
      },
      now: options.ctx.now,
    };
  }

  /** Starts syncing (unless the agent chose to work offline): catch up, open the stream, push what waits. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.unsubscribe = this.events.subscribe((event) => {
      // Presence is about the screen, not the store: nothing to push.
      if (!this.emittingOwnEvents && !event.name.startsWith('presence/')) this.onLocalChange();
    });
    this.activate();
  }

  /** Stops all traffic for good (the app is closing); the store stays usable. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.deactivate();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.resolveIdle();
  }

  /** The "work offline" switch, as kept in the store (it survives a restart). */
  get workOffline(): boolean {
    return this.offlineByChoice;
  }

  /** The "work offline" switch: on stops all traffic at once (requests in flight are abandoned: they are safe to repeat). */
  setWorkOffline(workOffline: boolean): void {
    setMeta(this.db, WORK_OFFLINE_KEY, workOffline ? '1' : '0');
    this.offlineByChoice = workOffline;
    if (workOffline) this.deactivate();
    else this.activate();
    this.emitStatus();
  }

  /** Stops syncing because access ended (account disabled, session revoked or expired, signed out). */
  private stopFor(error: ErrorBody): void {
    this.stoppedBy = error;
    log.warn('sync stopped', { code: error.code, message: error.message });
    this.deactivate();
    this.emitStatus();
  }

  /** Whether the client may talk to the backend now. */
  private canTalk(): boolean {
    return this.started && !this.closed && this.stoppedBy === null && !this.workOffline;
  }

  private activate(): void {
    if (!this.canTalk()) return;
    this.abort = new AbortController();
    this.wantPull = true;
    if (this.config.live) this.connectStream();
    this.kick();
  }

  private deactivate(): void {
    this.abort.abort();
    for (const timer of [this.retryTimer, this.pushTimer, this.streamTimer]) if (timer) clearTimeout(timer);
    this.retryTimer = this.pushTimer = this.streamTimer = null;
    this.stream?.close();
    this.stream = null;
    this.streamLive = false;
    this.presence?.disconnected(true);
  }

  /** A local change was committed: push it soon (a burst of changes goes in one push). */
  private onLocalChange(): void {
    if (!this.canTalk()) {
      // Nothing goes out now, but the pending count moved: the status bar shows it.
      this.emitStatusSoon();
      return;
    }
    if (this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.kick();
    }, this.config.pushDebounceMs);
  }

  /** Pushes and pulls now, and resolves once nothing is left to do (or sync cannot talk). */
  syncNow(): Promise<void> {
    // Asked for explicitly: a retry waiting out its backoff goes now.
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pushBlockedUntil = 0;
    this.wantPull = true;
    this.kick();
    return this.whenIdle();
  }

  /** Resolves when the worker has nothing left to do right now. */
  whenIdle(): Promise<void> {
    if (!this.worker && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private resolveIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private unpushed(): boolean {
    return outboxSummary(this.db).pending > 0 && Date.now() >= this.pushBlockedUntil;
  }

  private hasWork(): boolean {
    return this.canTalk() && this.retryTimer === null && (this.wantPull || this.unpushed());
  }

  private kick(): void {
    if (this.worker || !this.canTalk() || this.retryTimer) return;
    this.worker = this.work().finally(() => {
      this.worker = null;
      if (this.closed) return this.resolveIdle();
      this.emitStatus();
      if (this.hasWork()) this.kick();
      else this.resolveIdle();
    });
    this.emitStatus();
  }

  private async work(): Promise<void> {
    try {
      while (this.canTalk()) {
        if (this.unpushed()) {
          try {
            await this.pushAll();
          } catch (error) {
            // The backend is there but refused this push for a reason of its own (a 500, say): the
            // outbox waits out a backoff while pulls go on. No answer at all, or an ended session,
            // is the whole client's failure.
            if (!this.isPushOnlyFailure(error)) throw error;
            this.blockPushes(error as AppError);
            continue;
          }
        } else if (this.wantPull) {
          this.wantPull = false;
          await this.pullAll();
        } else {
          break;
        }
        this.failures = 0;
        // A push failure stays on show while pushes wait it out.
        if (Date.now() >= this.pushBlockedUntil) this.lastError = null;
        this.connection = 'online';
      }
    } catch (error) {
      if (this.closed) return;
      this.onFailure(error);
    }
  }

  private isPushOnlyFailure(error: unknown): boolean {
    if (!(error instanceof AppError) || this.abort.signal.aborted) return false;
    if (error.code === 'offline' || error.code === 'unauthorized') return false;
    if (error.code === 'forbidden' || (error.code === 'validation' && error.field === 'protocolVersion')) return false;
    return true;
  }

  private blockPushes(error: AppError): void {
    this.pushFailures += 1;
    this.lastError = error.toBody();
    const waitMs = this.backoffMs(this.pushFailures);
    log.warn('a push failed; pushes wait while pulls go on', { code: error.code, message: error.message, waitMs: Math.round(waitMs) });
    this.pushBlockedUntil = Date.now() + waitMs;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.kick();
    }, waitMs);
  }

  private onFailure(error: unknown): void {
    const body: ErrorBody =
      error instanceof AppError ? error.toBody() : { code: 'internal', message: 'Sync met an unexpected error; it retries.' };
    if (!(error instanceof AppError)) log.error('sync failed', describeError(error));
    if (this.abort.signal.aborted) return;
    if (body.code === 'unauthorized') return this.stopFor({ ...body, message: 'The session ended: sign in again' });
    if (body.code === 'validation' && body.field === 'protocolVersion') return this.stopFor(body);
    if (body.code === 'forbidden' && body.field !== 'clientId') return this.stopFor(body);
    // The client id is bound to another account (another agent signed in on this desktop before):
    // one client id per account, so this one re-registers and tries again.
    if (body.code === 'forbidden') this.reRegister();
    if (body.code === 'offline') this.connection = 'offline';
    else log.warn('sync failed; retrying', { code: body.code, message: body.message });
    this.lastError = body;
    this.failures += 1;
    this.scheduleRetry(this.backoffMs(this.failures));
  }

  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.config.maxBackoffMs, this.config.initialBackoffMs * 2 ** Math.min(failures - 1, 20));
    // "Equal jitter": half fixed, half random, so many desktops coming back at once spread out.
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.wantPull = true;
      if (this.config.live && !this.stream) this.connectStream();
      this.kick();
    }, ms);
  }

  private reRegister(): void {
    const clientId = newId();
    const renumbered = writeTransaction(this.db, () => switchClientId(this.db, clientId));
    this.ctx.clientId = clientId;
    log.warn('re-registered under a new client id', { pending: renumbered });
  }

  private async pushAll(): Promise<void> {
    let reRegistrations = 0;
    while (this.canTalk()) {
      const rows = listOutboxFrom(this.db, 1, this.config.pushBatchSize);
      if (rows.length === 0) return;
      const clientId = currentClientId(this.db)!;
      let response;
      try {
        response = await this.backend.push(
          {
            protocolVersion: SYNC_PROTOCOL_VERSION,
            clientId,
            mutations: rows.map((row) => ({ seq: row.seq, mutationId: row.mutationId, name: row.name, args: row.args, createdAt: row.createdAt })),
          },
          this.abort.signal,
        );
      } catch (error) {
        // The client id is bound to another account (a different agent signed in here): one client id per account.
        if (error instanceof BackendError && error.code === 'forbidden' && error.field === 'clientId' && reRegistrations < 3) {
          reRegistrations += 1;
          this.reRegister();
          continue;
        }
        throw error;
      }
      if (this.closed) return;
      const applied = applyPushResponse(this.env, response);
      this.emitTouched(applied.touched);
      if (applied.settled > 0 && !this.streamLive) this.wantPull = true;
      if (applied.conflict || (applied.gapExpectedSeq !== null && applied.gapExpectedSeq < rows[0]!.seq)) {
        // A reused seq, or the backend expects seqs this desktop no longer holds (one of the two
        // was restored from a backup): push the pending rows under a new client id.
        if (reRegistrations >= 3) throw new BugError('the backend keeps refusing the outbox after re-registering');
        reRegistrations += 1;
        this.reRegister();
        continue;
      }
      this.pushFailures = 0;
      if (applied.settled === 0 && applied.gapExpectedSeq === null) {
        throw new BugError('a push answer settled none of the mutations it was sent');
      }
      this.emitStatus();
    }
  }

  private async pullAll(): Promise<void> {
    // Checkpoints of the megabytes a pull writes happen off this thread: the core runs a
    // WalCheckpointer for the store's whole life.
    await this.pullPages();
  }

  /** Asks for the page after `cursor`; a failure is kept in the promise (it may never be awaited: see {@link pullPages}). */
  private requestPage(request: PageRequest): { request: PageRequest; answer: Promise<PullAnswer> } {
    const answer = this.backend.pull({ protocolVersion: SYNC_PROTOCOL_VERSION, ...request, limit: this.config.pullLimit }, this.abort.signal);
    answer.catch(() => undefined);
    return { request, answer };
  }

  private async pullPages(): Promise<void> {
    // The next page is asked for while this one is applied, so the backend builds it meanwhile.
    let ahead: { request: PageRequest; answer: Promise<PullAnswer> } | null = null;
    while (this.canTalk()) {
      const state = readSyncState(this.db);
      const request: PageRequest = { clientId: currentClientId(this.db)!, cursor: state.cursor, confirmedSeq: state.confirmedSeq };
      // Only an answer to exactly this request will do (a push in between may have re-registered).
      const pending: { request: PageRequest; answer: Promise<PullAnswer> } = ahead && samePageRequest(ahead.request, request) ? ahead : this.requestPage(request);
      ahead = null;
      const answer = await pending.answer;
      if (this.closed) return;
      if (answer.kind === 'reset') {
        log.warn('the backend answered a reset: rebuilding the local data, keeping the outbox', { reason: answer.reason });
        beginRebuild(this.env);
        continue;
      }
      if (answer.hasMore) ahead = this.requestPage({ ...request, cursor: answer.cursor });
      const applier = new PageApplier(this.env, answer, {
        sliceBudgetMs: this.config.sliceBudgetMs,
        rebuilding: state.rebuilding,
        confirmedSeq: state.confirmedSeq,
        pace: this.pace,
      });
      for (;;) {
        const touched = emptyTouched();
        const done = this.measured(() => applier.step(touched));
        if (applier.reRegisteredAs) this.ctx.clientId = applier.reRegisteredAs;
        this.emitTouched(touched);
        if (done) break;
        await yieldToEventLoop();
        // A page left half applied is pulled again from the same cursor: every upsert is idempotent.
        if (!this.canTalk()) return;
      }
      if (answer.hasMore || applier.moreOutcomes) {
        // A long catch-up must not hold back the agent's own changes.
        if (this.unpushed()) await this.pushAll();
        continue;
      }
      if (state.rebuilding) await this.finishRebuild();
      this.emitStatus();
      return;
    }
  }

  private measured<T>(slice: () => T): T {
    // threadCpuUsage is recent (Node 22.19 / 23.9); without it the CPU figure stays 0.
    const cpuBefore = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : null;
    const started = performance.now();
    try {
      return slice();
    } finally {
      this.stats.slices += 1;
      this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - started);
      if (cpuBefore) {
        const cpu = process.threadCpuUsage(cpuBefore);
        this.stats.longestSliceCpuMs = Math.max(this.stats.longestSliceCpuMs, (cpu.user + cpu.system) / 1000);
      }
    }
  }

  private async finishRebuild(): Promise<void> {
    const finisher = new RebuildFinisher(this.env, this.config.sliceBudgetMs);
    for (;;) {
      const touched = emptyTouched();
      const done = this.measured(() => finisher.step(touched));
      this.emitTouched(touched);
      if (done) break;
      await yieldToEventLoop();
      if (this.closed) return;
    }
    log.info('rebuilt the local data after a reset', { removed: finisher.removed });
  }

  private connectStream(): void {
    if (!this.canTalk() || this.stream || this.streamConnecting || this.streamTimer) return;
    this.streamConnecting = true;
    const signal = this.abort.signal;
    this.backend
      .createStreamTicket(signal)
      .then(({ ticket }) => {
        this.streamConnecting = false;
        if (!this.canTalk() || signal.aborted) return;
        this.stream = openLiveStream(
          this.backend.streamUrl(ticket),
          { onEvent: (event) => this.onStreamEvent(event), onEnd: (end) => this.onStreamEnd(end) },
          this.fetchImpl,
        );
      })
      .catch((error: unknown) => {
        this.streamConnecting = false;
        if (this.closed || signal.aborted) return;
        if (error instanceof AppError && error.code === 'unauthorized') {
          this.stopFor({ code: 'unauthorized', message: 'The session ended: sign in again' });
          return;
        }
        if (error instanceof AppError && error.code === 'offline') {
          this.connection = 'offline';
          this.emitStatus();
        }
        this.reconnectStreamLater();
      });
  }

  private onStreamEvent(event: StreamEvent): void {
    if (this.closed) return;
    switch (event.name) {
      case 'ready':
        this.streamFailures = 0;
        this.streamLive = true;
        this.connection = 'online';
        // The backend is back: a retry waiting out its backoff goes now, and whatever was
        // committed while the stream was down is pulled.
        if (this.retryTimer) clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.wantPull = true;
        this.kick();
        this.emitStatus();
        this.presence?.connected(this.backend);
        return;
      case 'presence':
        this.presence?.received(event.data);
        return;
      case 'poke':
        this.wantPull = true;
        this.kick();
        return;
      case 'closed':
        // A disabled account stops syncing; an ended session needs a new sign-in. The backend
        // closing (a restart) is not about access: the stream comes back with backoff.
        if (event.data.reason === 'account-disabled') {
          this.stopFor({ code: 'forbidden', message: 'This account was disabled by an administrator', field: event.data.reason });
        } else if (ACCESS_REASONS.has(event.data.reason)) {
          this.stopFor({ code: 'unauthorized', message: 'The session ended: sign in again', field: event.data.reason });
        }
        return;
    }
  }

  private onStreamEnd(end: { status: number | null; error: string | null }): void {
    this.stream = null;
    this.streamLive = false;
    this.presence?.disconnected(false);
    if (this.closed) return;
    this.emitStatus();
    if (end.status === 401) {
      // The ticket was refused: the session may have ended. A fresh ticket tells (401 stops sync).
      log.warn('the live stream was refused', { status: end.status });
    }
    this.reconnectStreamLater();
  }

  private reconnectStreamLater(): void {
    if (!this.canTalk() || this.streamTimer) return;
    this.streamFailures += 1;
    this.streamTimer = setTimeout(() => {
      this.streamTimer = null;
      this.connectStream();
    }, this.backoffMs(this.streamFailures));
  }

  private emitTouched(touched: Touched): void {
    if (this.closed || (touched.tickets.size === 0 && touched.customers.size === 0 && touched.views.size === 0)) return;
    this.emittingOwnEvents = true;
    try {
      for (const ticketId of touched.tickets) this.events.emit({ name: 'ticket/changed', payload: { ticketId } });
      for (const customerId of touched.customers) this.events.emit({ name: 'customer/changed', payload: { customerId } });
      for (const viewId of touched.views) this.events.emit({ name: 'view/changed', payload: { viewId } });
    } finally {
      this.emittingOwnEvents = false;
    }
  }

  /** The status as the UI shows it. */
  status(): SyncStatus {
    const binding = readSyncBinding(this.db);
    const workOffline = this.workOffline;
    const state: SyncStatus['state'] =
      this.stoppedBy !== null
        ? this.stoppedBy.code === 'unauthorized'
          ? 'signed-out'
          : 'stopped'
        : workOffline
          ? 'paused'
          : this.connection === 'offline'
            ? 'offline'
            : this.worker
              ? 'syncing'
              : 'online';
    return {
      state,
      workOffline,
      backendUrl: binding.backendUrl ?? this.backend.baseUrl,
      accountId: binding.accountId,
      pending: outboxSummary(this.db).pending,
      lastSyncAt: readSyncState(this.db).lastSyncAt,
      live: this.streamLive,
      error: this.stoppedBy ?? this.lastError,
      rejectionCount: countRejections(this.db),
      rejections: listRejections(this.db, 50),
    };
  }

  /** Emits the status once a burst of local changes is over (a burst of changes makes one event). */
  private emitStatusSoon(): void {
    if (this.statusTimer || this.closed) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.emitStatus();
    }, this.config.pushDebounceMs);
  }

  /** Emits `sync/status-changed` when the status differs from the one last emitted. */
  emitStatus(): void {
    if (this.closed || !this.db.open) return;
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.emittingOwnEvents = true;
    try {
      this.events.emit({ name: 'sync/status-changed', payload: status });
    } finally {
      this.emittingOwnEvents = false;
    }
  }
}
