// The sync methods of the app contract, through the core's handler table as the UI calls them.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCore, type Core } from '../../src/main/services/core';
import { dispatch } from '../../src/main/services/handlers';
import type { AppEvent } from '../../src/shared/contract/app-events';
import { startBackend, waitFor, type TestBackend } from './support/desktop-kit';
import { makeTempDir, TEST_PASSWORD } from './support/server-kit';

let backend: TestBackend;
let core: Core;
let events: AppEvent[];

beforeEach(async () => {
  backend = await startBackend({ tickets: 2 });
  core = openCore({ dataDir: makeTempDir('sc-core-'), version: '0.0.0-test', seedTickets: 0, sync: { config: { initialBackoffMs: 20, maxBackoffMs: 200 } } });
  events = [];
  core.events.subscribe((event) => events.push(event));
});
afterEach(async () => {
  core.close();
  await backend.close();
});

/** Waits until an async condition holds (the backend's storage is read asynchronously). */
async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ticketCount = () => (core.db!.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;

async function rpc(method: string, input: unknown = {}): Promise<any> {
  const result = await dispatch(core.handlers, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

test('does not sync before a sign-in, and says so', async () => {
  expect(await rpc('sync/get-status')).toEqual({
    state: 'signed-out',
    workOffline: false,
    backendUrl: null,
    accountId: null,
    pending: 0,
    lastSyncAt: null,
    live: false,
    error: null,
    rejectionCount: 0,
    rejections: [],
  });
});

test('signs in through the contract, syncs the team and pushes a change made through the contract', async () => {
  const signedIn = await rpc('sync/sign-in', { url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
  const ticket = backend.world.tickets[0]!;
  await waitFor(() => ticketCount() === 2);
  await rpc('ticket/update-fields', { ticketId: ticket.id, patch: { priority: 'urgent' } });
  await until(async () => (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.priority === 'urgent');
  await until(async () => (await rpc('sync/get-status')).pending === 0);
  expect({
    signedIn: { accountId: signedIn.accountId, backendUrl: signedIn.backendUrl },
    server: (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.priority,
    info: (await rpc('app/get-info')).currentAgent?.id,
    pendingSeen: [...new Set(events.flatMap((e) => (e.name === 'sync/status-changed' ? [e.payload.pending] : [])))],
  }).toEqual({
    signedIn: { accountId: backend.world.accounts.agent.id, backendUrl: backend.base },
    server: 'urgent',
    info: backend.world.accounts.agent.id,
    pendingSeen: [0, 1],
  });
});

test('refuses a sign-in with a wrong password with the backend’s code, and stays signed out', async () => {
  const result = await dispatch(core.handlers, 'sync/sign-in', { url: backend.base, email: 'agent@support.example', password: 'not the password' });
  expect({ result, status: (await rpc('sync/get-status')).state }).toEqual({
    result: { ok: false, error: { code: 'unauthorized', message: expect.any(String) } },
    status: 'signed-out',
  });
});

test('stops all traffic with the work-offline switch and resumes when switched back', async () => {
  await rpc('sync/sign-in', { url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
  const ticket = backend.world.tickets[1]!;
  await waitFor(() => ticketCount() === 2);
  const paused = await rpc('sync/set-online', { online: false });
  await rpc('ticket/update-fields', { ticketId: ticket.id, patch: { status: 'pending' } });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const whilePaused = { state: paused.state, server: (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.status, pending: (await rpc('sync/get-status')).pending };
  await rpc('sync/set-online', { online: true });
  await until(async () => (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.status === 'pending');
  expect({ whilePaused, after: (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.status }).toEqual({
    whilePaused: { state: 'paused', server: 'open', pending: 1 },
    after: 'pending',
  });
});

test('signs out: sync stops, the pending change stays for the next sign-in', async () => {
  await rpc('sync/sign-in', { url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
  await waitFor(() => ticketCount() === 2);
  await rpc('sync/set-online', { online: false });
  await rpc('ticket/update-fields', { ticketId: backend.world.tickets[0]!.id, patch: { tags: ['later'] } });
  const out = await rpc('sync/sign-out');
  await rpc('sync/sign-in', { url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
  await rpc('sync/set-online', { online: true });
  await until(async () => (await backend.storage.read((tx) => tx.getTicket(backend.world.tickets[0]!.id)))?.tags[0] === 'later');
  expect({ state: out.state, pending: out.pending }).toEqual({ state: 'signed-out', pending: 1 });
});
