// The backend over real HTTP on a loopback port with a SQLite file in a temp folder: health,
// the OpenAPI document generated from the route table, unknown routes, and the process itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import { ROUTE_NAMES, serverApi } from '../../src/shared/contract/server-api';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/sync-protocol';
import { call, freePort, makeTempDir, openTempSqlite, startServer, type TestServer } from './support/server-kit';

let storage: Storage;
let cleanup: () => Promise<void>;
let server: TestServer;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  server = await startServer({ storage });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

test('answers the health check with the protocol version when the backend is up', async () => {
  const answer = await call(server.base, 'GET', '/health');
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ ok: true, value: { status: 'up', protocolVersion: SYNC_PROTOCOL_VERSION } });
});

test('serves every route of the table with its roles when the OpenAPI document is asked for', async () => {
  const answer = await call(server.base, 'GET', '/openapi.json');
  expect(answer.status).toBe(200);
  const document = answer.body as { openapi: string; paths: Record<string, Record<string, { operationId: string; 'x-roles': unknown }>> };
  expect(document.openapi).toBe('3.1.0');
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: operation.operationId, method: method.toUpperCase(), path, roles: operation['x-roles'] })),
  );
  expect(operations.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    ROUTE_NAMES.map((name) => {
      const route = serverApi[name];
      return {
        name,
        method: route.method,
        path: route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
        roles: typeof route.access === 'string' ? route.access : [...route.access],
      };
    }).sort((a, b) => a.name.localeCompare(b.name)),
  );
});

test('documents the push body with its schema when the OpenAPI document is asked for', async () => {
  const answer = await call(server.base, 'GET', '/openapi.json');
  const push = answer.body.paths['/sync/push'].post;
  expect(push.requestBody.content['application/json'].schema.required).toEqual(['protocolVersion', 'clientId', 'mutations']);
  expect(Object.keys(answer.body.components.schemas)).toEqual(
    expect.arrayContaining(['ErrorEnvelope', 'MutationArgs.ticket.update-fields', 'MutationArgs.ticket.add-message', 'StreamEvent.poke']),
  );
});

test('answers not-found in the envelope when a route does not exist', async () => {
  for (const [method, path] of [
    ['GET', '/nowhere'],
    ['POST', '/health'],
    ['GET', '/sync/push'],
    ['GET', '/admin/accounts/x/y/z'],
  ] as const) {
    const answer = await call(server.base, method, path);
    expect({ path, status: answer.status, body: answer.body }).toEqual({
      path,
      status: 404,
      body: { ok: false, error: { code: 'not-found', message: `Nothing at ${method} ${path}` } },
    });
  }
});

test('starts as its own process with a SQLite file and makes the first admin from the environment', async () => {
  const dir = makeTempDir();
  const port = await freePort();
  const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/main.ts');
  const proc = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      PORT: String(port),
      SC_SERVER_DATA: path.join(dir, 'team.sqlite'),
      SC_ADMIN_EMAIL: 'first.admin@support.example',
      SC_ADMIN_PASSWORD: 'a long enough passphrase',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the backend did not start within 20 s')), 20_000);
      proc.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening at')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.on('exit', (code) => reject(new Error(`the backend exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await call(base, 'POST', '/auth/login', { body: { email: 'first.admin@support.example', password: 'a long enough passphrase' } });
    expect({ status: login.status, role: login.body.value?.account.role }).toEqual({ status: 200, role: 'admin' });
    expect(fs.existsSync(path.join(dir, 'team.sqlite'))).toBe(true);
  } finally {
    const exited = new Promise((resolve) => proc.on('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

