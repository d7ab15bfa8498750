// The embedded backend as `npm start` runs it: the real backend process (src/server/main.ts
// through tsx) on a loopback port, seeded with the sample team on its first start, and real
// desktops (core services on stores in temp folders) that sign in to it and bootstrap from it.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src/main/services/core';
import { linkToEmbeddedBackend } from '../../src/main/services/embedded-backend/desktop-link';
import {
  BACKEND_FILE,
  SETTINGS_FILE,
  startEmbeddedBackend,
  type BackendLauncher,
  type EmbeddedBackend,
} from '../../src/main/services/embedded-backend/embedded-backend';
import { nodeBackendLauncher } from '../../src/main/services/embedded-backend/node-launcher';
import { freePort, makeTempDir } from './support/server-kit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE_TICKETS = 30;

/** The launcher `npm run web` uses, keeping each process it starts for the test to look at. */
function recordingLauncher(started: ChildProcess[]): BackendLauncher {
  const launch = nodeBackendLauncher(path.join(root, 'src/server/main.ts'), { execArgv: ['--import', 'tsx'], cwd: root });
  return (env) => {
    const child = launch(env) as ChildProcess;
    started.push(child);
    return child;
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls `read` until `done` holds for its answer; throws after `timeoutMs`. */
async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function caughtUp(core: Core): Promise<void> {
  await eventually(
    () => core.handlers['sync/get-status']({}),
    (status) => status.state === 'online' && status.lastSyncAt !== null && status.pending === 0,
  );
}

describe('the embedded backend', () => {
  const started: ChildProcess[] = [];
  let dir: string;
  let port: number;
  let backend: EmbeddedBackend;
  const cores: Core[] = [];

  function openDesktop(): Core {
    const core = openCore({ dataDir: makeTempDir('sc-embedded-desktop-'), version: '0.0.0-test', seedTickets: 0 });
    cores.push(core);
    return core;
  }

  beforeAll(async () => {
    dir = makeTempDir('sc-embedded-');
    port = await freePort();
    backend = await startEmbeddedBackend({ dir, launch: recordingLauncher(started), sampleTickets: SAMPLE_TICKETS, port });
  });

  afterAll(async () => {
    for (const core of cores) core.close();
    await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('listens on loopback, seeded with the sample team, and keeps its password readable by this user only', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(dir, SETTINGS_FILE), 'utf8')) as { port: number; password: string; accounts: unknown[] };
    expect({
      url: backend.url,
      seeded: backend.seeded,
      roles: backend.accounts.map((account) => account.role),
      files: fs.readdirSync(dir).filter((name) => !name.startsWith(`${BACKEND_FILE}-`)).sort(),
      settingsMode: fs.statSync(path.join(dir, SETTINGS_FILE)).mode & 0o777,
      settings: { port: settings.port, password: settings.password, accounts: settings.accounts.length },
    }).toEqual({
      url: `http://127.0.0.1:${port}`,
      seeded: true,
      roles: ['agent', 'agent', 'lead', 'author'],
      // The snapshot (it holds the password) is gone once imported.
      files: [SETTINGS_FILE, BACKEND_FILE],
      settingsMode: 0o600,
      settings: { port, password: backend.password, accounts: 4 },
    });
  });

  test('signs a new desktop in as the sample agent, which bootstraps the sample data from it', async () => {
    const desktop = openDesktop();
    expect(await linkToEmbeddedBackend(desktop, backend)).toBe(true);
    await caughtUp(desktop);
    const info = await desktop.handlers['app/get-info']({});
    const counts = await desktop.handlers['view/count']({ viewIds: ['all'] });
    const macros = await desktop.handlers['macro/list']({});
    expect({ agent: info.currentAgent?.email, tickets: counts.all, hasMacros: macros.length > 0 }).toEqual({
      agent: backend.me.email,
      tickets: SAMPLE_TICKETS,
      hasMacros: true,
    });
  });

  test('shares one team between two desktops: a change on one shows on the other', async () => {
    const mine = openDesktop();
    const teammate = openDesktop();
    await linkToEmbeddedBackend(mine, backend);
    const other = backend.accounts[1]!;
    await teammate.handlers['sync/sign-in']({ url: backend.url, email: other.email, password: backend.password });
    await Promise.all([caughtUp(mine), caughtUp(teammate)]);
    const page = await mine.handlers['ticket/list']({ viewId: 'all', limit: 1 });
    const ticketId = page.rows[0]!.id;
    const priority = page.rows[0]!.priority === 'urgent' ? 'low' : 'urgent';
    await mine.handlers['ticket/update-fields']({ ticketId, patch: { priority } });
    const seen = await eventually(
      () => teammate.handlers['ticket/get']({ ticketId }),
      (detail) => detail.ticket.priority === priority,
      10_000,
    );
    expect(seen.ticket.priority).toBe(priority);
  });

  test('comes back on the port it had, without seeding again', async () => {
    const first = started[0]!;
    await backend.stop();
    expect(first.exitCode).toBe(0);
    backend = await startEmbeddedBackend({ dir, launch: recordingLauncher(started), sampleTickets: SAMPLE_TICKETS });
    expect({ url: backend.url, seeded: backend.seeded }).toEqual({ url: `http://127.0.0.1:${port}`, seeded: false });
    // A desktop that still holds its session keeps it, and syncs again.
    const desktop = cores[0]!;
    expect(await linkToEmbeddedBackend(desktop, backend)).toBe(false);
    await caughtUp(desktop);
  });

  test('ends with the desktop that started it: closing its IPC channel stops it', async () => {
    const child = started.at(-1)!;
    child.disconnect();
    expect(await exited(child)).toBe(0);
    // Started again for the hooks to stop.
    backend = await startEmbeddedBackend({ dir, launch: recordingLauncher(started), sampleTickets: SAMPLE_TICKETS });
  });
});
