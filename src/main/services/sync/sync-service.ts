import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { newId } from '../../../shared/domain/ids';
import { writeTransaction } from '../../store/db';
import { getMeta, setMeta } from '../../store/queries/meta';
import {
  countRejections,
  currentClientId,
  dismissFieldChange,
  knownClientIds,
  listOverriddenNotes,
  listRejections,
  outboxSummary,
  readSyncBinding,
  readSyncState,
  setCursor,
  setSyncBinding,
  startRebuild,
  switchClientId,
} from '../../store/queries/sync-state';
import { describeError, logger } from '../../log';
import type { EventBus } from '../event-bus';
import { holdsSyncedData } from '../../store/queries/sync-apply';
import { BackendClient } from './backend-client';
import type { ChangeContext } from './outbox-writer';
import { PresenceClient } from './presence-client';
import { discardRejected, retryRejected } from './rejections';
import { SyncClient, type SyncClientConfig } from './sync-client';

const log = logger('sync');

/**
 * Where the session token is kept. The Electron shell keeps it with safeStorage; the browser host
 * and tests in memory. The store never holds it.
 */
export interface SyncCredentials {
  load(): string | null;
  save(token: string | null): void;
}

/** A token kept in memory only: after a restart the agent signs in again. */
export function memoryCredentials(initial: string | null = null): SyncCredentials {
  let token = initial;
  return {
    load: () => token,
    save: (next) => {
      token = next;
    },
  };
}

/** How the desktop finds its backend. */
export interface SyncOptions {
  /** The backend's URL; otherwise the one of the last sign-in, if any. */
  backendUrl?: string;
  credentials?: SyncCredentials;
  config?: Partial<SyncClientConfig>;
  /** The fetch used for every backend call (tests wrap it to lose or repeat requests). */
  fetch?: typeof fetch;
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/**
 * The sync area behind the contract: signs in and out, and runs a {@link SyncClient} while a
 * backend and a session are known (none otherwise: a desktop without a backend works on its own).
 */
export class SyncService {
  private client: SyncClient | null = null;
  private readonly credentials: SyncCredentials;
  /** Who else is on which ticket, and what this agent is on: outlives the clients of each sign-in. */
  readonly presence: PresenceClient;
  private readonly unsubscribe: () => void;
  private statusTimer: NodeJS.Timeout | null = null;
  /** The status last emitted while no client runs (a running client dedupes its own). */
  private lastStatusJson: string | null = null;

  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
    private readonly options: SyncOptions = {},
  ) {
    this.credentials = options.credentials ?? memoryCredentials();
    this.presence = new PresenceClient(events, () => ctx.agentId);
    // A running client reports its own status; without one, local changes still move the pending count.
    this.unsubscribe = events.subscribe((event) => {
      if (this.client === null && !event.name.startsWith('sync/') && !event.name.startsWith('presence/')) this.emitStatusSoon();
    });
  }

  private emitStatusSoon(): void {
    if (this.statusTimer) return;
    this.lastStatusJson ??= JSON.stringify(this.status());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      if (this.client === null && this.ctx.db.open) this.emitIfChanged(this.status());
    }, 50);
  }

  /** Emits the status of a desktop without a running client, unless it is the one emitted last. */
  private emitIfChanged(status: SyncStatus): void {
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.events.emit({ name: 'sync/status-changed', payload: status });
  }

  /** Starts syncing when a backend URL and a session token are configured. */
  start(): void {
    const url = this.options.backendUrl ?? readSyncBinding(this.ctx.db).backendUrl;
    const token = this.credentials.load();
    if (!url || !token) return;
    if (!readSyncBinding(this.ctx.db).backendUrl) setMeta(this.ctx.db, 'sync_backend_url', url);
    this.startClient(url, token);
  }

  /** The running client, if any (tests and benches drive it directly). */
  get syncClient(): SyncClient | null {
    return this.client;
  }

  private startClient(url: string, token: string): void {
    this.client?.close();
    const backend = new BackendClient({ baseUrl: url, token, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    this.client = new SyncClient({
      db: this.ctx.db,
      ctx: this.ctx,
      events: this.events,
      backend,
      presence: this.presence,
      ...(this.options.config ? { config: this.options.config } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    this.client.start();
  }

  async signIn(input: MethodInput<'sync/sign-in'>): Promise<SyncStatus> {
    const backend = new BackendClient({ baseUrl: input.url, token: null, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    const { token, account } = await backend.login({ email: input.email, password: input.password });
    this.client?.close();
    this.client = null;
    const { db } = this.ctx;
    writeTransaction(db, () => {
      const previous = readSyncBinding(db);
      if (!previous.backendUrl || !sameUrl(previous.backendUrl, input.url)) {
        // A first sign-in (the store may hold sample data) or another team's backend: rebuild the
        // local data from this backend; pending changes stay and are pushed under a new client id.
        if (holdsSyncedData(db)) startRebuild(db);
        else setCursor(db, null);
        switchClientId(db, newId());
      } else if (previous.accountId !== account.id) {
        // One client id per account (the backend binds a client id to the first account that pushes).
        switchClientId(db, newId());
      }
      setSyncBinding(db, backend.baseUrl, account.id);
      setMeta(db, 'agent_id', account.id);
    });
    this.ctx.clientId = currentClientId(db)!;
    this.ctx.agentId = account.id;
    this.credentials.save(token);
    this.startClient(backend.baseUrl, token);
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    const client = this.client;
    this.client = null;
    client?.close();
    const token = this.credentials.load();
    const url = readSyncBinding(this.ctx.db).backendUrl;
    this.credentials.save(null);
    if (token && url) {
      // Best effort: the session dies on the backend too; offline it simply expires.
      const backend = new BackendClient({ baseUrl: url, token, timeoutMs: 3000, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
      try {
        await backend.logout();
      } catch (error) {
        log.warn('could not end the session on the backend', describeError(error));
      }
    }
    const status = this.status();
    this.lastStatusJson = JSON.stringify(status);
    this.events.emit({ name: 'sync/status-changed', payload: status });
    return status;
  }

  setOnline(online: boolean): SyncStatus {
    if (this.client) {
      this.client.setWorkOffline(!online);
      return this.status();
    }
    setMeta(this.ctx.db, 'sync_work_offline', online ? '0' : '1');
    const status = this.status();
    this.emitIfChanged(status);
    return status;
  }

  retryRejected(mutationId: string): SyncStatus {
    const touched = retryRejected(this.ctx, mutationId);
    for (const ticketId of touched.tickets) this.events.emit({ name: 'ticket/changed', payload: { ticketId } });
    for (const customerId of touched.customers) this.events.emit({ name: 'customer/changed', payload: { customerId } });
    for (const viewId of touched.views) this.events.emit({ name: 'view/changed', payload: { viewId } });
    this.client?.emitStatus();
    return this.status();
  }

  discardRejected(mutationId: string): SyncStatus {
    discardRejected(this.ctx, mutationId);
    if (this.client) this.client.emitStatus();
    else this.emitStatusSoon();
    return this.status();
  }

  listOverridden(input: MethodInput<'sync/list-overridden'>): MethodOutput<'sync/list-overridden'> {
    return listOverriddenNotes(this.ctx.db, knownClientIds(this.ctx.db), this.ctx.agentId, input.ticketId ?? null);
  }

  dismissOverridden(noteId: string): { dismissed: boolean } {
    return { dismissed: dismissFieldChange(this.ctx.db, noteId, this.ctx.now()) };
  }

  status(): SyncStatus {
    if (this.client) return this.client.status();
    const { db } = this.ctx;
    const binding = readSyncBinding(db);
    return {
      state: 'signed-out',
      workOffline: getMeta(db, 'sync_work_offline') === '1',
      backendUrl: binding.backendUrl,
      accountId: binding.accountId,
      pending: outboxSummary(db).pending,
      lastSyncAt: readSyncState(db).lastSyncAt,
      live: false,
      error: null,
      rejectionCount: countRejections(db),
      rejections: listRejections(db, 50),
    };
  }

  close(): void {
    this.client?.close();
    this.client = null;
    this.unsubscribe();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
  }
}

/** The contract handlers of the sync area. */
export function syncHandlers(sync: SyncService) {
  return {
    'sync/get-status': () => sync.status(),
    'sync/sign-in': (input: MethodInput<'sync/sign-in'>) => sync.signIn(input),
    'sync/sign-out': () => sync.signOut(),
    'sync/set-online': (input: MethodInput<'sync/set-online'>) => sync.setOnline(input.online),
    'sync/retry-rejected': (input: MethodInput<'sync/retry-rejected'>) => sync.retryRejected(input.mutationId),
    'sync/discard-rejected': (input: MethodInput<'sync/discard-rejected'>) => sync.discardRejected(input.mutationId),
    'sync/list-overridden': (input: MethodInput<'sync/list-overridden'>) => sync.listOverridden(input),
    'sync/dismiss-overridden': (input: MethodInput<'sync/dismiss-overridden'>) => sync.dismissOverridden(input.noteId),
  };
}

