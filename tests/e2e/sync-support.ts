// Real processes for the synced journeys: the team's backend (src/server, the same embedded
// backend `npm start` runs) on a loopback port with the sample team, and browser hosts on stores
// of their own in temp folders, pointed at it. The journeys drive the hosts' pages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { startEmbeddedBackend, type EmbeddedBackend } from '../../src/main/services/embedded-backend/embedded-backend';
import { nodeBackendLauncher } from '../../src/main/services/embedded-backend/node-launcher';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/sync-protocol';
import { newId } from '../../src/shared/domain/ids';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Tickets of the sample team the journeys' backend holds. */
export const SAMPLE_TICKETS = 60;

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

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

/** The team's backend in its own process, seeded with the sample team; `stop` also removes its folder. */
export async function startTeamBackend(): Promise<EmbeddedBackend & { dir: string }> {
  const dir = tempDir('sc-e2e-backend-');
  const backend = await startEmbeddedBackend({
    dir,
    launch: nodeBackendLauncher(path.join(root, 'src/server/main.ts'), { execArgv: ['--import', 'tsx'], cwd: root }),
    sampleTickets: SAMPLE_TICKETS,
    port: await freePort(),
  });
  return {
    ...backend,
    dir,
    async stop() {
      await backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser host on a store of its own. */
export interface Host {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `src/main/host/main.ts` as `npm run web` does, serving the build the journeys run on
 * (SC_BUILD_DIR), with `env` on top: SC_BACKEND says which backend it uses.
 */
export async function startHost(env: Record<string, string>): Promise<Host> {
  const dataDir = tempDir('sc-e2e-host-');
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/host/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), SC_DATA_DIR: dataDir, SC_LOG: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the host did not start within 90 s: ${stderr}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls a contract method on a host, as another window on the same store would. */
export async function hostRpc<T = unknown>(page: Page, host: Host, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(new URL(`rpc/${method}`, host.url).toString(), { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** The status bar at the foot of the workspace. */
export function statusBar(page: Page) {
  return page.getByRole('contentinfo', { name: 'Sync status' });
}

/** Waits until the host's desktop has pulled everything and pushed what it had. */
export async function expectCaughtUp(page: Page): Promise<void> {
  const bar = statusBar(page);
  await expect(bar.getByRole('button', { name: /^Sync: Online/ })).toBeVisible({ timeout: 20_000 });
  await expect(bar).toContainText('0 pending');
}

/** A session on the backend for calls made as another agent (the journeys' teammate). */
export async function backendLogin(page: Page, backend: EmbeddedBackend, email: string): Promise<string> {
  const response = await page.request.post(`${backend.url}/auth/login`, { data: { email, password: backend.password } });
  const body = (await response.json()) as { ok: boolean; value: { token: string } };
  expect(body.ok).toBe(true);
  return body.value.token;
}

/** A ticket as the backend holds it now, read with a pull from the beginning. */
export async function backendTicket(page: Page, backend: EmbeddedBackend, token: string, ticketId: string): Promise<Record<string, unknown> | null> {
  let cursor: string | null = null;
  let latest: Record<string, unknown> | null = null;
  for (;;) {
    const response = await page.request.post(`${backend.url}/sync/pull`, {
      headers: { authorization: `Bearer ${token}` },
      data: { protocolVersion: SYNC_PROTOCOL_VERSION, clientId: newId(), cursor, confirmedSeq: 0, limit: 5000 },
    });
    const body = (await response.json()) as {
      ok: boolean;
      value: { changes: { op: string; entity: string; key: string; value?: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
    };
    expect(body.ok).toBe(true);
    for (const change of body.value.changes) {
      if (change.entity === 'ticket' && change.key === ticketId) latest = change.op === 'upsert' ? (change.value ?? null) : null;
    }
    cursor = body.value.cursor;
    if (!body.value.hasMore) return latest;
  }
}

/** Changes ticket fields as another agent's desktop would: one push under a client id of its own. */
export async function backendUpdateFields(page: Page, backend: EmbeddedBackend, token: string, ticketId: string, patch: Record<string, unknown>): Promise<void> {
  const now = Date.now();
  const response = await page.request.post(`${backend.url}/sync/push`, {
    headers: { authorization: `Bearer ${token}` },
    data: {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: newId(),
      mutations: [{ seq: 1, mutationId: newId(), name: 'ticket/update-fields', args: { ticketId, patch, updatedAt: now }, createdAt: now }],
    },
  });
  const body = (await response.json()) as { ok: boolean; value: { results: { status: string }[] } };
  expect(body.ok).toBe(true);
  expect(body.value.results.map((result) => result.status)).toEqual(['applied']);
}
