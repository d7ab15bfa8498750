// catchup_50k_s: a desktop whose store holds a million tickets comes back after a week offline
// and pulls the changes its team made meanwhile. The store is the bench's cached seeded store
// (bench/lib/store-cache.ts), copied; the backend holds the team, and the tickets the week's
// changes touch, as that store has them; the desktop is bound to it as if it had synced up to
// the backend's head before going offline. Then another agent's week of changes is pushed and
// the desktop goes online: timed until its pull has reached the head.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore, STORE_FILE, type Core } from '../src/main/services/core';
import { memoryCredentials } from '../src/main/services/sync/sync-service';
import { openStore } from '../src/main/store/db';
import { getCustomer } from '../src/main/store/queries/customers';
import { setMeta } from '../src/main/store/queries/meta';
import { setCursor, setSyncBinding } from '../src/main/store/queries/sync-state';
import { listAgents, listGroups, listSupportLevels } from '../src/main/store/queries/team';
import { getTicket } from '../src/main/store/queries/tickets';
import type { AppEvent } from '../src/shared/contract/app-events';
import type { ServerSnapshot } from '../src/shared/contract/server-snapshot';
import { SYNC_PROTOCOL_VERSION, type PushMutation } from '../src/shared/contract/sync-protocol';
import { newId } from '../src/shared/domain/ids';
import type { Customer } from '../src/shared/domain/customer';
import type { Ticket } from '../src/shared/domain/ticket';
import { startBackendProcess, type BackendProcess } from '../tests/integration/support/backend-process';
import { progress, type Figure } from './lib/figures';
import { ensureCachedStore } from './lib/store-cache';

const PASSWORD = 'correct horse battery staple';

async function post<T>(base: string, route: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!answer.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(answer.error)}`);
  return answer.value!;
}

/**
 * `count` solved or closed tickets spread evenly over the store, as the store holds them: the
 * sample data's open tickets are long overdue, and the backend's SLA scheduler would escalate them
 * while the bench runs, adding changes of its own at random moments.
 */
function spreadTickets(file: string, count: number): { tickets: Ticket[]; customers: Customer[]; snapshotTeam: Pick<ServerSnapshot, 'levels' | 'groups' | 'agents'> } {
  const db = openStore(file);
  try {
    const done = "deleted_at IS NULL AND status IN ('solved', 'closed')";
    const total = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM tickets WHERE ${done}`).get()!.n;
    const every = Math.max(1, Math.floor(total / count));
    const ids = db
      .prepare<[number, number], { id: string }>(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY rowid) AS n FROM tickets WHERE ${done}) WHERE n % ? = 0 LIMIT ?`)
      .all(every, count)
      .map((row) => row.id);
    const tickets = ids.map((id) => getTicket(db, id)!);
    const customers = new Map<string, Customer>();
    for (const ticket of tickets) {
      const customer = getCustomer(db, ticket.requesterId);
      // The backend keeps organisations apart; the week's changes do not need them.
      if (customer) customers.set(customer.id, { ...customer, organisationId: null });
    }
    return {
      tickets: tickets.map((ticket) => ({ ...ticket, organisationId: null })),
      customers: [...customers.values()],
      snapshotTeam: { levels: listSupportLevels(db), groups: listGroups(db), agents: listAgents(db) },
    };
  } finally {
    db.close();
  }
}

/** The week's changes: another agent's field edits and notes on distinct tickets. */
function weekOfChanges(tickets: readonly Ticket[], mutations: number): PushMutation[] {
  const at = Date.now() - 3_600_000;
  return Array.from({ length: mutations }, (_, i) => {
    const ticket = tickets[i % tickets.length]!;
    const seq = i + 1;
    return i % 3 === 2
      ? { seq, mutationId: newId(), name: 'ticket/add-message', args: { messageId: newId(), ticketId: ticket.id, kind: 'note', body: `Followed up with the customer (${seq}).`, createdAt: at + i }, createdAt: at + i }
      : {
          seq,
          mutationId: newId(),
          name: 'ticket/update-fields',
          args: { ticketId: ticket.id, patch: { priority: ticket.priority === 'urgent' ? 'low' : 'urgent', tags: [...ticket.tags.slice(0, 3), `week-${seq % 9}`] }, updatedAt: at + i },
          createdAt: at + i,
        };
  });
}

function waitForEvent(core: Core, matches: (event: AppEvent) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = core.events.subscribe((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Runs the catch-up into a copy of the cached store of `storeTickets` tickets, after a week of about `weekChanges` changes. */
export async function benchCatchUp(storeTickets: number, weekChanges: number): Promise<Figure> {
  const cached = ensureCachedStore(storeTickets);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-catchup-'));
  let backend: BackendProcess | null = null;
  let core: Core | null = null;
  try {
    progress(`copying the ${storeTickets}-ticket store`);
    const file = path.join(work, STORE_FILE);
    fs.copyFileSync(cached, file);
    // About three changes per mutation (a ticket and its field history, or a message and the ticket).
    const mutations = Math.max(1, Math.round(weekChanges / 2.67));
    const touched = spreadTickets(file, Math.min(mutations, storeTickets));
    const [me, colleague] = touched.snapshotTeam.agents.filter((agent) => agent.role === 'agent' || agent.role === 'lead');
    if (!me || !colleague) throw new Error('the seeded store has fewer than two agents');
    backend = await startBackendProcess({
      ...touched.snapshotTeam,
      accounts: [me, colleague].map((agent) => ({ agentId: agent.id, password: PASSWORD })),
      organisations: [],
      customers: touched.customers,
      tickets: touched.tickets,
      messages: [],
    });
    const base = backend.base;
    const mine = await post<{ token: string; account: { id: string } }>(base, '/auth/login', { email: me.email, password: PASSWORD });
    const theirs = await post<{ token: string }>(base, '/auth/login', { email: colleague.email, password: PASSWORD });

    // Where the desktop stood when it went offline: the backend's head.
    let cursor: string | null = null;
    for (;;) {
      const page: { cursor: string; hasMore: boolean } = await post(base, '/sync/pull', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: newId(), cursor, confirmedSeq: 0, limit: 5000 }, mine.token);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const db = openStore(file);
    setSyncBinding(db, base, mine.account.id);
    setMeta(db, 'agent_id', mine.account.id);
    setCursor(db, cursor);
    setMeta(db, 'sync_work_offline', '1');
    db.close();

    progress(`another agent makes a week of changes: ${mutations} mutations on ${touched.tickets.length} of the store's tickets`);
    const outbox = weekOfChanges(touched.tickets, mutations);
    const clientId = newId();
    for (let start = 0; start < outbox.length; start += 1000) {
      await post(base, '/sync/push', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations: outbox.slice(start, start + 1000) }, theirs.token);
    }

    // How many changes the week left in the log after the desktop's cursor.
    let changes = 0;
    for (let after: string = cursor; ; ) {
      const page: { cursor: string; hasMore: boolean; changes: unknown[] } = await post(base, '/sync/pull', { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: newId(), cursor: after, confirmedSeq: 0, limit: 5000 }, mine.token);
      changes += page.changes.length;
      after = page.cursor;
      if (!page.hasMore) break;
    }

    core = openCore({ dataDir: work, version: 'bench', sync: { credentials: memoryCredentials(mine.token), config: { live: false, ...(process.env.XSLICE ? { sliceBudgetMs: Number(process.env.XSLICE) } : {}) } } });
    if (process.env.XCACHE) core.db?.pragma(`cache_size = -${process.env.XCACHE}`);
    if (!core.db) throw core.storeError ?? new Error('the bench store did not open');
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const started = Date.now();
    const synced = waitForEvent(
      core,
      (event) => event.name === 'sync/status-changed' && event.payload.state === 'online' && (event.payload.lastSyncAt ?? 0) >= started,
      600_000,
    );
    histogram.enable();
    const t0 = performance.now();
    await core.handlers['sync/set-online']({ online: true });
    await synced;
    const seconds = (performance.now() - t0) / 1000;
    histogram.disable();
    const pulled = core.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM tickets WHERE tags LIKE '%week-%'").get()!.n;
    progress(
      `caught up with ${changes} changes in ${seconds.toFixed(2)} s; ${pulled} tickets carry the week's tags; ` +
        `event loop delay p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`,
    );
    const expected = Math.min(Math.ceil((mutations * 2) / 3), touched.tickets.length);
    if (pulled < expected) throw new Error(`only ${pulled} of ${expected} changed tickets arrived`);
    return { metric: 'catchup_50k_s', value: (seconds * 50_000) / changes, budget: 10, goal: 3, better: 'lower', size: changes };
  } finally {
    core?.close();
    await backend?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
