// push_10k_s and live_visible_p95_ms: desktops on a backend in its own process. Offline mutations
// pushed in one go once the desktop is back online; another agent's change seen on this desktop
// over the live stream.
import type { BackendProcess } from '../tests/integration/support/backend-process';
import { SNAPSHOT_PASSWORD } from '../tests/integration/support/backend-process';
import { localTicket, openDesktop, waitFor, type TestDesktop } from '../tests/integration/support/desktop-kit';
import { TICKET_PRIORITIES } from '../src/shared/domain/ticket';
import { percentile, progress, type Figure } from './lib/figures';

/** A desktop signed in as `email` (the app's defaults, but quick retries: nothing here is meant to fail). */
export async function signIn(backend: BackendProcess, email: string, live = true): Promise<TestDesktop> {
  const desktop = openDesktop({ config: { live, initialBackoffMs: 100, maxBackoffMs: 1000, pushDebounceMs: 50 } });
  await desktop.sync.signIn({ url: backend.base, email, password: SNAPSHOT_PASSWORD });
  return desktop;
}

/** Mutations made offline, then pushed once the desktop is back online: seconds until the outbox is empty. */
export async function benchPush(desktop: TestDesktop, ticketIds: readonly string[], count: number): Promise<Figure> {
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
export async function benchLive(a: TestDesktop, b: TestDesktop, ticketIds: readonly string[], count: number): Promise<Figure> {
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
