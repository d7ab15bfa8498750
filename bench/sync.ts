// `npm run bench:sync`: the sync figures of DESIGN.md §5 against the real backend in its own
// process on loopback (SQLite), with desktops on real stores in temp folders. One JSON line per
// figure on stdout; progress on stderr.
//   BENCH_SYNC_TICKETS  tickets on the backend (default 12,500, with 3 messages each: a pull of
//                       about 51k changes, the "week offline" of the budget table)
//   BENCH_SYNC_PUSH     offline mutations pushed in one go (default 10,000)
//   BENCH_SYNC_LIVE     changes timed for live visibility (default 50)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBackendProcess, makeSnapshot, SNAPSHOT_PASSWORD, type BackendProcess } from '../tests/integration/support/backend-process';
import { localTicket, openDesktop, waitFor, type TestDesktop } from '../tests/integration/support/desktop-kit';
import { TICKET_PRIORITIES } from '../src/shared/domain/ticket';
import { percentile, printFigure, progress, type Figure } from './lib/figures';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

async function signIn(backend: BackendProcess, email: string, live = true): Promise<TestDesktop> {
  // The app's defaults, but quick retries: nothing here is meant to fail.
  const desktop = openDesktop({ config: { live, initialBackoffMs: 100, maxBackoffMs: 1000, pushDebounceMs: 50 } });
  await desktop.sync.signIn({ url: backend.base, email, password: SNAPSHOT_PASSWORD });
  return desktop;
}

/** A fresh desktop pulls the whole backend: the longest event-loop stall meanwhile, and how long it took. */
async function benchLargePull(backend: BackendProcess, email: string, changes: number): Promise<{ desktop: TestDesktop; figures: Figure[] }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const desktop = openDesktop({ config: { live: false } });
  histogram.enable();
  const started = performance.now();
  await desktop.sync.signIn({ url: backend.base, email, password: SNAPSHOT_PASSWORD });
  await desktop.client().syncNow();
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  const stats = desktop.client().stats;
  progress(
    `pulled ${changes} changes in ${seconds.toFixed(2)} s, ${stats.slices} slices; longest slice ${stats.longestSliceCpuMs.toFixed(1)} ms CPU, ` +
      `${stats.longestSliceMs.toFixed(1)} ms wall; event loop delay p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`,
  );
  return {
    desktop,
    figures: [
      { metric: 'catch_up_50k_s', value: (seconds * 50_000) / changes, budget: 10, goal: 3, better: 'lower', size: changes },
      { metric: 'longest_stall_ms', value: histogram.max / 1e6, budget: 50, goal: 10, better: 'lower', size: changes },
    ],
  };
}

/** Mutations made offline, then pushed once the desktop is back online: seconds until the outbox is empty. */
async function benchPush(desktop: TestDesktop, ticketIds: readonly string[], count: number): Promise<Figure> {
  desktop.sync.setOnline(false);
  for (let i = 0; i < count; i += 1) {
    const ticketId = ticketIds[i % ticketIds.length]!;
    if (i % 5 === 4) desktop.tickets.addMessage({ ticketId, kind: 'note', body: `Offline note ${i}` });
    else desktop.tickets.updateFields({ ticketId, patch: { priority: TICKET_PRIORITIES[i % TICKET_PRIORITIES.length]!, tags: [`offline-${i % 7}`] } });
  }
  const pending = desktop.sync.status().pending;
  const started = performance.now();
  desktop.sync.setOnline(true);
  await waitFor(() => desktop.sync.status().pending === 0, 120_000, 5);
  const seconds = (performance.now() - started) / 1000;
  progress(`pushed ${pending} offline mutations in ${seconds.toFixed(2)} s (${Math.round(pending / seconds)}/s)`);
  return { metric: 'push_10k_s', value: (seconds * 10_000) / pending, budget: 5, goal: 1, better: 'lower', size: pending };
}

/** Another agent's change, from their local commit to this desktop's store, over the live stream. */
async function benchLive(a: TestDesktop, b: TestDesktop, ticketIds: readonly string[], count: number): Promise<Figure> {
  await waitFor(() => a.sync.status().live && b.sync.status().live, 10_000);
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const ticketId = ticketIds[(i * 7919) % ticketIds.length]!;
    const tag = `live-${i}`;
    const started = performance.now();
    a.tickets.updateFields({ ticketId, patch: { tags: [tag] } });
    await waitFor(() => localTicket(b.db, ticketId)?.tags[0] === tag, 10_000, 1);
    latencies.push(performance.now() - started);
    // Agents do not click in lockstep: spread the changes over the poke interval.
    await new Promise((resolve) => setTimeout(resolve, 20 + ((i * 37) % 100)));
  }
  progress(`live visibility over ${count} changes: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`);
  return { metric: 'live_visible_p95_ms', value: percentile(latencies, 95), budget: 1000, goal: 250, better: 'lower', size: count };
}

async function main(): Promise<void> {
  const tickets = positiveInteger('BENCH_SYNC_TICKETS', 12_500);
  const pushCount = positiveInteger('BENCH_SYNC_PUSH', 10_000);
  const liveCount = positiveInteger('BENCH_SYNC_LIVE', 50);
  progress(`seeding a backend with ${tickets} tickets and ${tickets * 3} messages`);
  const made = makeSnapshot({ agents: 3, tickets, messagesPerTicket: 3 });
  const changes = made.snapshot.tickets.length + made.snapshot.messages.length + made.snapshot.customers.length + made.snapshot.agents.length;
  const backend = await startBackendProcess(made.snapshot);
  const desktops: TestDesktop[] = [];
  try {
    const pulled = await benchLargePull(backend, made.emails[0]!, changes);
    desktops.push(pulled.desktop);
    const figures = [...pulled.figures];
    figures.push(await benchPush(pulled.desktop, made.ticketIds, pushCount));
    const a = await signIn(backend, made.emails[1]!);
    const b = await signIn(backend, made.emails[2]!);
    desktops.push(a, b);
    progress('two live desktops catching up');
    await Promise.all([a.client().syncNow(), b.client().syncNow()]);
    figures.push(await benchLive(a, b, made.ticketIds, liveCount));
    for (const figure of figures) printFigure(figure);
  } finally {
    for (const desktop of desktops) desktop.remove();
    await backend.stop();
  }
}

await main();
