// Builders for sync tests: a real backend on a loopback port (restartable on the same port, its
// SQLite file kept), and desktops with real stores in temp folders that sign in to it and sync.
// A desktop here is the main process's services without a window: the ticket service makes the
// local changes (outbox rows in the same transaction), the sync service syncs them.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../../src/server/app';
import { openStorage } from '../../../src/server/storage/open-storage';
import type { Storage } from '../../../src/server/storage/storage';
import { EventBus } from '../../../src/main/services/event-bus';
import { ensureClientId, type ChangeContext } from '../../../src/main/services/sync/outbox-writer';
import type { SyncClient, SyncClientConfig } from '../../../src/main/services/sync/sync-client';
import { memoryCredentials, SyncService } from '../../../src/main/services/sync/sync-service';
import { TicketService } from '../../../src/main/services/tickets/ticket-service';
import { openStore, type Db } from '../../../src/main/store/db';
import { getMeta } from '../../../src/main/store/queries/meta';
import type { AppEvent } from '../../../src/shared/contract/app-events';
import { SYNC_PROTOCOL_VERSION, type SyncChange } from '../../../src/shared/contract/sync-protocol';
import type { Message } from '../../../src/shared/domain/message';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { call, makeTempDir, openTempSqlite, seedWorld, TEST_PASSWORD, TEST_SCRYPT, type TestWorld } from './server-kit';

/** Sync tuned for tests: quick retries, the same slices as the app. */
export const TEST_SYNC_CONFIG: Partial<SyncClientConfig> = { initialBackoffMs: 20, maxBackoffMs: 200, pushDebounceMs: 10 };

/** A backend on a fixed loopback port whose SQLite file outlives a restart. */
export interface TestBackend {
  storage: Storage;
  world: TestWorld;
  base: string;
  port: number;
  /** Stops the process's server and storage and starts them again on the same port and file. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

async function listen(storage: Storage, port: number): Promise<FastifyInstance> {
  const app = createServer({
    storage,
    // Many sign-ins from one address in a test run: the limit is tested in server-auth.test.ts.
    auth: { scrypt: TEST_SCRYPT, loginAttemptsPerAddress: 10_000 },
    stream: { pokeIntervalMs: 50 },
  });
  await app.listen({ host: '127.0.0.1', port });
  return app;
}

export async function startBackend(options: { tickets?: number } = {}): Promise<TestBackend> {
  const temp = await openTempSqlite();
  let storage = temp.storage;
  const world = await seedWorld(storage, { tickets: options.tickets ?? 3 });
  let app: FastifyInstance | null = await listen(storage, 0);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const backend: TestBackend = {
    get storage() {
      return storage;
    },
    world,
    base: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!app) return;
      await app.close();
      await storage.close();
      app = null;
    },
    async restart(downMs = 0) {
      await backend.stop();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      storage = await openStorage({ kind: 'sqlite', file: temp.file });
      app = await listen(storage, port);
    },
    async close() {
      await backend.stop();
      fs.rmSync(path.dirname(temp.file), { recursive: true, force: true });
    },
  };
  return backend;
}

/** A desktop: a store in a temp folder, its ticket service and its sync. */
export interface TestDesktop {
  dir: string;
  db: Db;
  ctx: ChangeContext;
  events: EventBus;
  tickets: TicketService;
  sync: SyncService;
  /** The running sync client (after sign-in). */
  client(): SyncClient;
  /** Every event the desktop emitted, in order. */
  seen: AppEvent[];
  /** Stops sync and closes the store (as the app does on quit); `reopen` starts from the files. */
  close(): void;
  /** The desktop as it starts again from its files: same store, same token. */
  reopen(options?: { fetch?: typeof fetch }): TestDesktop;
  remove(): void;
}

export interface DesktopOptions {
  config?: Partial<SyncClientConfig>;
  fetch?: typeof fetch;
  dir?: string;
  token?: string | null;
  backendUrl?: string;
}

export function openDesktop(options: DesktopOptions = {}): TestDesktop {
  const dir = options.dir ?? makeTempDir('sc-desktop-');
  const db = openStore(path.join(dir, 'support-console.db'));
  const clientId = ensureClientId(db);
  const ctx: ChangeContext = { db, clientId, agentId: getMeta(db, 'agent_id') ?? null, now: Date.now };
  const events = new EventBus();
  const seen: AppEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const credentials = memoryCredentials(options.token ?? null);
  const sync = new SyncService(ctx, events, {
    credentials,
    config: { ...TEST_SYNC_CONFIG, ...options.config },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.backendUrl ? { backendUrl: options.backendUrl } : {}),
  });
  sync.start();
  const desktop: TestDesktop = {
    dir,
    db,
    ctx,
    events,
    tickets: new TicketService(ctx, events),
    sync,
    seen,
    client() {
      const client = sync.syncClient;
      if (!client) throw new Error('the desktop is not signed in');
      return client;
    },
    close() {
      sync.close();
      if (db.open) db.close();
    },
    reopen(reopenOptions = {}) {
      desktop.close();
      return openDesktop({ ...options, ...reopenOptions, dir, token: credentials.load() });
    },
    remove() {
      desktop.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return desktop;
}

/** Opens a desktop, signs it in as `email` and waits for its first full sync. */
export async function signedInDesktop(backend: TestBackend, email: string, options: DesktopOptions = {}): Promise<TestDesktop> {
  const desktop = openDesktop(options);
  await desktop.sync.signIn({ url: backend.base, email, password: TEST_PASSWORD });
  await desktop.client().syncNow();
  return desktop;
}

/** Waits until `condition` holds, polling every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, everyMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Every live ticket of a desktop store, by id, as the domain reads it. */
export function localTickets(db: Db): Ticket[] {
  return db
    .prepare<[], Record<string, unknown>>(
      'SELECT id, number, subject, status, priority, channel, category, tags, requester_id, organisation_id, assignee_id, group_id, level, created_at, updated_at, solved_at, due_at, merged_into_id FROM tickets WHERE deleted_at IS NULL ORDER BY id',
    )
    .all()
    .map((row) => ({
      id: row.id as string,
      number: row.number as number | null,
      subject: row.subject as string,
      status: row.status as Ticket['status'],
      priority: row.priority as Ticket['priority'],
      channel: row.channel as Ticket['channel'],
      category: row.category as string | null,
      tags: JSON.parse(row.tags as string) as string[],
      requesterId: row.requester_id as string,
      organisationId: row.organisation_id as string | null,
      assigneeId: row.assignee_id as string | null,
      groupId: row.group_id as string | null,
      level: row.level as Ticket['level'],
      createdAt: row.created_at as number,
      updatedAt: row.updated_at as number,
      solvedAt: row.solved_at as number | null,
      dueAt: row.due_at as number | null,
      mergedIntoId: row.merged_into_id as string | null,
    }));
}

export function localTicket(db: Db, id: string): Ticket | undefined {
  return localTickets(db).find((ticket) => ticket.id === id);
}

/** Every live message of a desktop store, by id. */
export function localMessages(db: Db): Message[] {
  return db
    .prepare<[], Record<string, unknown>>(
      'SELECT id, ticket_id, kind, author_type, author_id, author_name, channel, body_format, body, attachments, created_at FROM messages WHERE deleted_at IS NULL ORDER BY id',
    )
    .all()
    .map((row) => ({
      id: row.id as string,
      ticketId: row.ticket_id as string,
      kind: row.kind as Message['kind'],
      authorType: row.author_type as Message['authorType'],
      authorId: row.author_id as string | null,
      authorName: row.author_name as string,
      channel: row.channel as Message['channel'],
      bodyFormat: row.body_format as Message['bodyFormat'],
      body: row.body as string,
      attachments: JSON.parse(row.attachments as string) as Message['attachments'],
      createdAt: row.created_at as number,
    }));
}

/** The backend's whole truth as one fresh client pulls it: the latest value of every live entity. */
export async function serverTruth(backend: TestBackend, token: string): Promise<{ tickets: Ticket[]; messages: Message[]; changes: SyncChange[] }> {
  const latest = new Map<string, SyncChange>();
  let cursor: string | null = null;
  const clientId = '01900000-0000-7000-8000-000000000001';
  for (;;) {
    const answer = await call(backend.base, 'POST', '/sync/pull', {
      token,
      body: { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, cursor, confirmedSeq: 0, limit: 5000 },
    });
    if (answer.status !== 200) throw new Error(`pull failed: ${JSON.stringify(answer.body)}`);
    const value = answer.body.value;
    for (const change of value.changes as SyncChange[]) latest.set(`${change.entity}:${change.key}`, change);
    cursor = value.cursor;
    if (!value.hasMore) break;
  }
  const live = [...latest.values()].filter((change) => change.op === 'upsert') as Extract<SyncChange, { op: 'upsert' }>[];
  return {
    tickets: live.filter((change) => change.entity === 'ticket').map((change) => change.value as Ticket).sort((a, b) => a.id.localeCompare(b.id)),
    messages: live.filter((change) => change.entity === 'message').map((change) => change.value as Message).sort((a, b) => a.id.localeCompare(b.id)),
    changes: [...latest.values()],
  };
}

/** The seq, mutation id and name of every row in a desktop's outbox. */
export function outboxRows(db: Db): { seq: number; mutationId: string; name: string }[] {
  return db.prepare<[], { seq: number; mutationId: string; name: string }>('SELECT seq, mutation_id AS mutationId, name FROM outbox ORDER BY seq').all();
}
