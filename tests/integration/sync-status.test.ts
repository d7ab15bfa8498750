// The sync status the renderer's status bar shows is pushed as `sync/status-changed`, also when
// nothing goes out: a change made while working offline, or while signed out, moves the pending
// count and the bar must follow without polling.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { SyncStatus } from '../../src/shared/contract/sync-methods';
import { openDesktop, signedInDesktop, startBackend, waitFor, type TestBackend, type TestDesktop } from './support/desktop-kit';

let backend: TestBackend;
const desktops: TestDesktop[] = [];

beforeEach(async () => {
  backend = await startBackend({ tickets: 2 });
});
afterEach(async () => {
  for (const desktop of desktops.splice(0)) desktop.remove();
  await backend.close();
});

/** The statuses a desktop emitted from now on. */
function statusesOf(desktop: TestDesktop): () => SyncStatus[] {
  const from = desktop.seen.length;
  return () => desktop.seen.slice(from).flatMap((event) => (event.name === 'sync/status-changed' ? [event.payload] : []));
}

test('reports the pending count of a change made while working offline, once per burst', async () => {
  const desktop = await signedInDesktop(backend, 'agent@support.example', { config: { live: false } });
  desktops.push(desktop);
  const [ticket] = backend.world.tickets;
  desktop.sync.setOnline(false);
  const statuses = statusesOf(desktop);
  desktop.tickets.updateFields({ ticketId: ticket!.id, patch: { priority: 'high' } });
  desktop.tickets.updateFields({ ticketId: ticket!.id, patch: { status: 'pending' } });
  await waitFor(() => statuses().length > 0, 2_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(statuses().map((status) => ({ state: status.state, pending: status.pending }))).toEqual([{ state: 'paused', pending: 2 }]);
});

test('reports the pending count of a change made while signed out, and the work-offline switch', async () => {
  const desktop = await signedInDesktop(backend, 'agent@support.example', { config: { live: false } });
  desktops.push(desktop);
  const [ticket] = backend.world.tickets;
  await desktop.sync.signOut();
  const statuses = statusesOf(desktop);
  desktop.tickets.updateFields({ ticketId: ticket!.id, patch: { priority: 'urgent' } });
  await waitFor(() => statuses().length > 0, 2_000);
  desktop.sync.setOnline(false);
  expect(statuses().map((status) => ({ state: status.state, pending: status.pending, workOffline: status.workOffline }))).toEqual([
    { state: 'signed-out', pending: 1, workOffline: false },
    { state: 'signed-out', pending: 1, workOffline: true },
  ]);
});

test('stays quiet once closed', async () => {
  const desktop = openDesktop();
  desktops.push(desktop);
  const statuses = statusesOf(desktop);
  desktop.events.emit({ name: 'view/changed', payload: { viewId: '01900000-0000-7000-8000-000000000001' } });
  desktop.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(statuses()).toEqual([]);
});
