// backend_mutations_per_s: how many mutations per second the backend applies while many
// desktops push at once and 100 live streams are open (DESIGN.md §5). The backend runs in its own
// process on the storage under test; the load comes from this process over loopback HTTP, the
// way desktops push: one request at a time per client, batches in seq order.
import fs from 'node:fs';
import path from 'node:path';
import { openStorage, type StorageConfig } from '../src/server/storage/open-storage';
import type { Storage } from '../src/server/storage/storage';
import { hashSecret, newSecret } from '../src/server/auth/tokens';
import { SYNC_PROTOCOL_VERSION, type PushMutation, type PushResponse } from '../src/shared/contract/sync-protocol';
import { newId } from '../src/shared/domain/ids';
import type { Customer } from '../src/shared/domain/customer';
import type { Agent, Group } from '../src/shared/domain/team';
import { TICKET_PRIORITIES } from '../src/shared/domain/ticket';
import { startBackendProcess, type BackendDatabase } from '../tests/integration/support/backend-process';
import { startPostgres, type TestPostgres } from '../tests/integration/support/embedded-postgres';
import { makeTicket, makeTempDir } from '../tests/integration/support/server-kit';
import { openStream, type SseClient } from '../tests/integration/support/sse-client';
import { progress, type Figure } from './lib/figures';

/** The load: `clients` desktops with a live stream each, every one pushing `mutationsPerClient` in batches. */
export interface ThroughputLoad {
  clients: number;
  tickets: number;
  mutationsPerClient: number;
  batchSize: number;
}

/** The storage under test, and how to reach the database the backend process opens. */
interface PreparedDatabase {
  database: BackendDatabase;
  config: StorageConfig;
  stop(): Promise<void>;
}

async function prepareDatabase(kind: 'sqlite' | 'postgres'): Promise<PreparedDatabase> {
  if (kind === 'sqlite') {
    const dir = makeTempDir('sc-bench-backend-');
    const file = path.join(dir, 'server.sqlite');
    return { database: { kind, file }, config: { kind, file }, stop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  // The real deployment's durability: fsync on, as PostgreSQL ships.
  const postgres: TestPostgres = await startPostgres({ durable: true });
  const url = await postgres.createDatabase();
  return { database: { kind, url }, config: { kind, url }, stop: () => postgres.stop() };
}

/** A team of one agent per client, with a session each (issued in the database: no sign-in, no rate limit), and tickets. */
async function seedTeam(storage: Storage, load: ThroughputLoad): Promise<{ tokens: string[]; ticketsOf: string[][] }> {
  const group: Group = { id: newId(), name: 'Helpdesk Europe', level: 'L1' };
  const agents: Agent[] = Array.from({ length: load.clients }, (_, i) => ({
    id: newId(),
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@team.example`,
    role: 'agent',
    groupId: group.id,
    timeZone: 'Europe/Amsterdam',
    language: 'en',
  }));
  const tokens = agents.map(() => newSecret());
  const ticketsOf: string[][] = agents.map(() => []);
  await storage.write(async (tx) => {
    await tx.saveGroup(group);
    for (const [i, agent] of agents.entries()) {
      await tx.saveAgent(agent);
      // Nobody signs in with a password here: the hash is never checked.
      await tx.insertAccount({ id: agent.id, email: agent.email, role: 'agent', passwordHash: 'bench-no-password' });
      await tx.insertSession({ id: newId(), accountId: agent.id, createdAt: tx.now, expiresAt: tx.now + 86_400_000, revokedAt: null }, hashSecret(tokens[i]!));
    }
  });
  // Open tickets that came in within the last half hour: no SLA has run out, so the backend's SLA
  // scheduler escalates nothing while the bench runs (it still times every ticket a push changes).
  const now = Date.now();
  const customers: Customer[] = Array.from({ length: Math.max(1, Math.ceil(load.tickets / 20)) }, (_, i) => ({
    id: newId(),
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@example.com`,
    phones: [],
    organisationId: null,
    plan: 'business',
    timeZone: 'Europe/Amsterdam',
    language: 'en',
    proficiency: 'intermediate',
    optOuts: [],
    createdAt: now - 86_400_000,
  }));
  for (let start = 0; start < load.tickets; start += 2000) {
    await storage.write(async (tx) => {
      if (start === 0) for (const customer of customers) await tx.saveCustomer(customer);
      for (let i = start; i < Math.min(load.tickets, start + 2000); i += 1) {
        const owner = i % load.clients;
        const ticket = makeTicket(customers[i % customers.length]!.id, {
          subject: `Ticket ${i + 1}: the export button does nothing`,
          number: i + 1,
          assigneeId: agents[owner]!.id,
          groupId: group.id,
          createdAt: now - 1_800_000 + Math.floor((i * 1_800_000) / load.tickets),
          updatedAt: now - 1_800_000 + Math.floor((i * 1_800_000) / load.tickets),
        });
        await tx.saveTicket(ticket);
        ticketsOf[owner]!.push(ticket.id);
      }
    });
  }
  await storage.write((tx) => tx.reserveTicketNumbersUpTo(load.tickets));
  return { tokens, ticketsOf };
}

/** The outbox of one client: mostly its own tickets, sometimes a colleague's; four field edits to one message. */
function outboxOf(client: number, load: ThroughputLoad, ticketsOf: readonly string[][], all: readonly string[]): PushMutation[] {
  const own = ticketsOf[client]!;
  const mutations: PushMutation[] = [];
  for (let i = 0; i < load.mutationsPerClient; i += 1) {
    const seq = i + 1;
    const spread = (client * 7919 + i * 104_729) >>> 0;
    const ticketId = i % 10 === 9 ? all[spread % all.length]! : own[spread % own.length]!;
    const at = Date.now() - load.mutationsPerClient + i;
    mutations.push(
      i % 5 === 4
        ? { seq, mutationId: newId(), name: 'ticket/add-message', args: { messageId: newId(), ticketId, kind: 'note', body: `Note ${seq} from desktop ${client + 1}: called the customer back.`, createdAt: at }, createdAt: at }
        : {
            seq,
            mutationId: newId(),
            name: 'ticket/update-fields',
            args: { ticketId, patch: { priority: TICKET_PRIORITIES[(i + client) % TICKET_PRIORITIES.length]!, tags: [`batch-${seq}`] }, updatedAt: at },
            createdAt: at,
          },
    );
  }
  return mutations;
}

async function post<T>(base: string, route: string, token: string, body: unknown): Promise<{ status: number; value: T | null }> {
  const response = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { ok: boolean; value?: T };
  return { status: response.status, value: answer.ok ? answer.value! : null };
}

/** Pushes one client's outbox, a batch at a time; a refused push (500: e.g. a deadlock given up on) is sent again. */
async function pushOutbox(base: string, token: string, clientId: string, outbox: readonly PushMutation[], batchSize: number): Promise<{ applied: number; retries: number }> {
  let next = 0;
  let applied = 0;
  let retries = 0;
  while (next < outbox.length) {
    const batch = outbox.slice(next, next + batchSize);
    const answer = await post<PushResponse>(base, '/sync/push', token, { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations: batch });
    if (!answer.value) {
      retries += 1;
      if (retries > 50) throw new Error(`pushes keep failing (HTTP ${answer.status})`);
      continue;
    }
    applied += answer.value.results.filter((result) => result.status === 'applied').length;
    next += answer.value.results.length;
    if (answer.value.stopped) throw new Error(`a push stopped: ${JSON.stringify(answer.value.stopped)}`);
  }
  return { applied, retries };
}

/** Runs the load against a backend process on `kind` storage and answers the figure. */
export async function benchBackendThroughput(kind: 'sqlite' | 'postgres', load: ThroughputLoad): Promise<Figure> {
  const prepared = await prepareDatabase(kind);
  const streams: SseClient[] = [];
  let backend: Awaited<ReturnType<typeof startBackendProcess>> | null = null;
  try {
    progress(`${kind}: seeding ${load.tickets} tickets and ${load.clients} agents`);
    const storage = await openStorage(prepared.config);
    const { tokens, ticketsOf } = await seedTeam(storage, load).finally(() => storage.close());
    backend = await startBackendProcess(null, prepared.database);
    const base = backend.base;
    for (const token of tokens) {
      const ticket = await post<{ ticket: string }>(base, '/sync/stream-ticket', token, {});
      const stream = await openStream(base, ticket.value!.ticket);
      await stream.next('ready', 10_000);
      streams.push(stream);
    }
    const all = ticketsOf.flat();
    const outboxes = tokens.map((_, client) => outboxOf(client, load, ticketsOf, all));
    const total = load.clients * load.mutationsPerClient;
    progress(`${kind}: ${load.clients} live streams open; pushing ${total} mutations in batches of ${load.batchSize}`);
    const started = performance.now();
    const results = await Promise.all(tokens.map((token, client) => pushOutbox(base, token, newId(), outboxes[client]!, load.batchSize)));
    const seconds = (performance.now() - started) / 1000;
    const applied = results.reduce((sum, result) => sum + result.applied, 0);
    const retries = results.reduce((sum, result) => sum + result.retries, 0);
    if (applied !== total) throw new Error(`${applied} of ${total} mutations were applied`);
    // Every stream must have heard of the pushes (coalesced pokes), or the figure is not "with live clients".
    await new Promise((resolve) => setTimeout(resolve, 300));
    const poked = streams.filter((stream) => stream.events.some((event) => event.name === 'poke')).length;
    progress(
      `${kind}: ${total} mutations in ${seconds.toFixed(2)} s (${Math.round(total / seconds)}/s), ${retries} pushes sent again; ` +
        `${poked} of ${streams.length} streams poked, ${streams.reduce((sum, stream) => sum + stream.events.filter((event) => event.name === 'poke').length, 0)} pokes in all`,
    );
    if (poked !== streams.length) throw new Error(`only ${poked} of ${streams.length} live streams were poked`);
    return { metric: 'backend_mutations_per_s', value: total / seconds, budget: 5000, goal: 20_000, better: 'higher', size: total, storage: kind };
  } finally {
    for (const stream of streams) stream.close();
    await backend?.stop();
    await prepared.stop();
  }
}
