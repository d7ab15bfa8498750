// Builders for the backend's tests: storages in temp folders, a small team with one account per
// role, sessions issued without the KDF, a server on a loopback port, and push/pull payloads.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from '../../../src/server/app';
import { insertAccountWithProfile } from '../../../src/server/auth/account-service';
import type { Actor } from '../../../src/server/auth/actor';
import { hashPassword, type ScryptParams } from '../../../src/server/auth/password';
import { hashSecret, newSecret } from '../../../src/server/auth/tokens';
import { openStorage } from '../../../src/server/storage/open-storage';
import type { Storage } from '../../../src/server/storage/storage';
import type { Account, Session } from '../../../src/shared/contract/server-api';
import { SYNC_PROTOCOL_VERSION, type PushMutation, type PushRequest, type PullRequest } from '../../../src/shared/contract/sync-protocol';
import type { Customer } from '../../../src/shared/domain/customer';
import { newId } from '../../../src/shared/domain/ids';
import { ROLES, type Group, type Role } from '../../../src/shared/domain/team';
import type { Ticket, TicketFieldsPatch } from '../../../src/shared/domain/ticket';

/** A cheap KDF cost for tests that sign in often; the KDF itself is tested with the real cost. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
/** The password of every account of the test team. */
export const TEST_PASSWORD = 'correct horse battery staple';
/** Mon 6 Jan 2025 09:00 UTC: when test rows are made. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function makeTempDir(prefix = 'sc-server-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh SQLite storage in a temp folder. */
export async function openTempSqlite(clock?: () => number): Promise<{ storage: Storage; file: string; cleanup(): Promise<void> }> {
  const dir = makeTempDir();
  const file = path.join(dir, 'server.sqlite');
  const storage = await openStorage({ kind: 'sqlite', file }, clock);
  return {
    storage,
    file,
    async cleanup() {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small team: an enabled account per role, a group, a customer and some tickets. */
export interface TestWorld {
  accounts: Record<Role, Account>;
  group: Group;
  customer: Customer;
  tickets: Ticket[];
}

let passwordHash: Promise<string> | null = null;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD, TEST_SCRYPT);
  return passwordHash;
}

export function makeTicket(requesterId: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: newId(),
    number: null,
    subject: 'The export button does nothing',
    status: 'open',
    priority: 'normal',
    channel: 'email',
    category: null,
    tags: [],
    requesterId,
    organisationId: null,
    assigneeId: null,
    groupId: null,
    level: 'L1',
    createdAt: T0,
    updatedAt: T0,
    solvedAt: null,
    dueAt: null,
    mergedIntoId: null,
    ...overrides,
  };
}

export async function seedWorld(storage: Storage, options: { tickets?: number; emailDomain?: string } = {}): Promise<TestWorld> {
  const hash = await testPasswordHash();
  const domain = options.emailDomain ?? 'support.example';
  return storage.write(async (tx) => {
    const group: Group = { id: newId(), name: 'Helpdesk Europe', level: 'L1' };
    await tx.saveGroup(group);
    const accounts = {} as Record<Role, Account>;
    for (const role of ROLES) {
      accounts[role] = await insertAccountWithProfile(
        tx,
        { email: `${role}@${domain}`, name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`, role, passwordHash: hash, groupId: group.id },
        null,
      );
    }
    const customer: Customer = {
      id: newId(),
      name: 'Carla Customer',
      email: 'carla@customer.example',
      phones: ['+31201234567'],
      organisationId: null,
      plan: 'business',
      timeZone: 'Europe/Amsterdam',
      language: 'en',
      proficiency: 'intermediate',
      optOuts: [],
      createdAt: T0,
    };
    await tx.saveCustomer(customer);
    const tickets: Ticket[] = [];
    for (let i = 0; i < (options.tickets ?? 3); i += 1) {
      const ticket = makeTicket(customer.id, { subject: `Ticket ${i + 1}`, number: await tx.allocateTicketNumber() });
      await tx.saveTicket(ticket);
      tickets.push(ticket);
    }
    return { accounts, group, customer, tickets };
  });
}

/** A live session for an account without signing in (no KDF, no rate limit): its bearer token. */
export async function issueSession(storage: Storage, accountId: string, ttlMs = 3_600_000): Promise<{ token: string; session: Session }> {
  const token = newSecret();
  const session = await storage.write(async (tx) => {
    const created: Session = { id: newId(), accountId, createdAt: tx.now, expiresAt: tx.now + ttlMs, revokedAt: null };
    await tx.insertSession(created, hashSecret(token));
    return created;
  });
  return { token, session };
}

/** The actor of an account, for engine-level tests that call push and pull directly. */
export function actorOf(account: Account, sessionId = newId()): Actor {
  return { accountId: account.id, name: account.name, role: account.role, sessionId };
}

/** One outbox entry of `ticket/update-fields`. */
export function updateFields(seq: number, ticketId: string, patch: TicketFieldsPatch, at = T0 + seq * 1000): PushMutation {
  return { seq, mutationId: newId(), name: 'ticket/update-fields', args: { ticketId, patch, updatedAt: at }, createdAt: at };
}

/** One outbox entry of `ticket/add-message`. */
export function addMessage(seq: number, ticketId: string, body = 'Thanks, we are on it.', messageId = newId(), at = T0 + seq * 1000): PushMutation {
  return { seq, mutationId: newId(), name: 'ticket/add-message', args: { messageId, ticketId, kind: 'reply', body, createdAt: at }, createdAt: at };
}

/** One outbox entry of any mutation, its args as given (the table's own schema is the backend's to check). */
export function mutation(seq: number, name: string, args: unknown, at = T0 + seq * 1000): PushMutation {
  return { seq, mutationId: newId(), name, args, createdAt: at };
}

export function pushRequest(clientId: string, mutations: PushMutation[]): PushRequest {
  return { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations };
}

export function pullRequest(clientId: string, cursor: string | null, confirmedSeq = 0, limit?: number): PullRequest {
  return limit === undefined
    ? { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, cursor, confirmedSeq }
    : { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, cursor, confirmedSeq, limit };
}

/** A backend on a loopback port. */
export interface TestServer {
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<TestServer> {
  const app = createServer({ ...options, auth: { scrypt: TEST_SCRYPT, ...options.auth } });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base, close: () => app.close() };
}

/** An answer: status, parsed JSON body, headers. */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** Calls the API with an optional bearer token and JSON body. */
export async function call(base: string, method: 'GET' | 'POST', urlPath: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${urlPath}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}
