// Live sync against a backend in its own process: another agent's change reaches this desktop's
// store within a second over the real stream, and a large pull never stalls the event loop.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { percentile } from '../../bench/lib/figures';
import { startBackendProcess, makeSnapshot, SNAPSHOT_PASSWORD, type BackendProcess } from './support/backend-process';
import { localTicket, localTickets, openDesktop, waitFor, type TestDesktop } from './support/desktop-kit';

const TICKETS = 4000;
const MESSAGES_PER_TICKET = 3;

let backend: BackendProcess;
let emails: string[];
let ticketIds: string[];
const desktops: TestDesktop[] = [];

beforeAll(async () => {
  const made = makeSnapshot({ agents: 3, tickets: TICKETS, messagesPerTicket: MESSAGES_PER_TICKET });
  emails = made.emails;
  ticketIds = made.ticketIds;
  backend = await startBackendProcess(made.snapshot);
}, 120_000);
afterAll(async () => {
  for (const desktop of desktops) desktop.remove();
  await backend.stop();
});

async function signIn(email: string): Promise<TestDesktop> {
  const desktop = openDesktop({ config: { pushDebounceMs: 20 } });
  desktops.push(desktop);
  await desktop.sync.signIn({ url: backend.base, email, password: SNAPSHOT_PASSWORD });
  return desktop;
}

test('applies a large first pull in slices that never hold the event loop for 50 ms', async () => {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  const a = await signIn(emails[0]!);
  histogram.enable();
  await a.client().syncNow();
  histogram.disable();
  const ms = performance.now() - started;
  const stats = a.client().stats;
  // The event loop's delay includes time the OS gives to other processes (this machine has two
  // cores, shared with the backend process); the slices' CPU time is the stall sync itself causes.
  console.info(
    `[sync-live] bootstrap of ${TICKETS} tickets and ${TICKETS * MESSAGES_PER_TICKET} messages in ${Math.round(ms)} ms, ${stats.slices} slices; ` +
      `longest slice ${stats.longestSliceCpuMs.toFixed(1)} ms CPU / ${stats.longestSliceMs.toFixed(1)} ms wall; event loop delay max ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms`,
  );
  expect({ tickets: localTickets(a.db).length, sliced: stats.slices > 10, sliceUnderBudget: stats.longestSliceCpuMs < 50 }).toEqual({
    tickets: TICKETS,
    sliced: true,
    sliceUnderBudget: true,
  });
}, 120_000);

test("shows another agent's change in this desktop's store within a second over the live stream (p95 of 20)", async () => {
  const a = desktops[0] ?? (await signIn(emails[0]!));
  const b = await signIn(emails[1]!);
  await b.client().syncNow();
  await waitFor(() => a.sync.status().live && b.sync.status().live, 10_000);
  const ticketId = ticketIds[7]!;
  const latencies: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const tag = `live-${i}`;
    const started = performance.now();
    a.tickets.updateFields({ ticketId, patch: { tags: [tag] } });
    await waitFor(() => localTicket(b.db, ticketId)?.tags[0] === tag, 5000, 1);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 70));
  }
  const p95 = percentile(latencies, 95);
  console.info(`[sync-live] live visibility p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);
  expect(p95).toBeLessThan(1000);
}, 60_000);
