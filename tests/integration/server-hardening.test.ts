// The backend under hostile input, over real HTTP: bad payloads at every endpoint, oversized and
// malformed bodies, unknown tokens, naughty strings in mutations, and slow clients. Every refusal
// is a structured 4xx envelope without a stack trace, and the backend stays up.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../../src/server/storage/storage';
import { ERROR_CODES } from '../../src/shared/contract/errors';
import { PUSH_BODY_LIMIT_BYTES, ROUTE_NAMES, serverApi } from '../../src/shared/contract/server-api';
import { newId } from '../../src/shared/domain/ids';
import {
  addMessage,
  call,
  issueSession,
  openTempSqlite,
  pullRequest,
  pushRequest,
  seedWorld,
  startServer,
  type TestServer,
  type TestWorld,
} from './support/server-kit';

// The Big List of Naughty Strings lives in the corpora folder beside the checkout (or SC_CORPORA_DIR).
const corporaDir = process.env.SC_CORPORA_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');
const naughtyStrings = JSON.parse(fs.readFileSync(path.join(corporaDir, 'blns/blns.json'), 'utf8')) as string[];

let storage: Storage;
let cleanup: () => Promise<void>;
let server: TestServer;
let world: TestWorld;
let adminToken: string;

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage);
  server = await startServer({ storage, auth: { loginAttemptsPerAddress: 100_000 } });
  adminToken = (await issueSession(storage, world.accounts.admin.id)).token;
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

/** Sends raw bytes as a request body. */
async function rawPost(urlPath: string, body: string | Buffer, contentType = 'application/json', token = adminToken) {
  const response = await fetch(`${server.base}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { ok: boolean; error?: { code: string; message: string; field?: string } } };
}

/** Asserts a structured 4xx: the envelope, a known code, a message, and nothing like a stack trace. */
function expectStructured4xx(label: string, answer: { status: number; text: string; body: { ok: boolean; error?: { code: string; message: string } } }) {
  expect({ label, clientError: answer.status >= 400 && answer.status < 500 }).toEqual({ label, clientError: true });
  expect(answer.body.ok).toBe(false);
  expect(ERROR_CODES).toContain(answer.body.error?.code);
  expect(typeof answer.body.error?.message).toBe('string');
  expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

/** A valid path for a route (parameters filled with fresh ids). */
function pathOf(routePath: string): string {
  return routePath.replace(/:([A-Za-z]+)/g, () => newId());
}

const JUNK_VALUES: unknown[] = [null, 0, -1, 1.5, 'x', '', [], {}, true, 'x'.repeat(5000), naughtyStrings[200], { $gt: '' }];
const RAW_BODIES = ['null', '[]', '"text"', '42', 'true', '{"a":', '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '{'.repeat(5000)];

describe('bad payloads', () => {
  test.each(ROUTE_NAMES.filter((name) => serverApi[name].method === 'POST'))('answers a structured 4xx and stays up when %s gets bad bodies', async (name) => {
    const route = serverApi[name];
    const urlPath = pathOf(route.path);
    for (const raw of RAW_BODIES) {
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(raw);
      } catch {
        // malformed on purpose
      }
      if (parsed !== undefined && route.input.safeParse(parsed).success) continue;
      expectStructured4xx(`${name} ${raw.slice(0, 20)}`, await rawPost(urlPath, raw));
    }
    // Each field of a valid-looking object replaced by junk of another type, plus an unknown field.
    const shape = (route.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const bodies: Record<string, unknown>[] = [{ unexpected: 1 }];
    for (const key of Object.keys(shape)) for (const junk of JUNK_VALUES) bodies.push({ [key]: junk });
    for (const body of bodies) {
      if (route.input.safeParse(body).success) continue;
      expectStructured4xx(`${name} ${JSON.stringify(body).slice(0, 40)}`, await rawPost(urlPath, JSON.stringify(body)));
    }
    // A body that is not JSON at all.
    expectStructured4xx(`${name} text/plain`, await rawPost(urlPath, 'email=a&password=b', 'text/plain'));
    expect((await call(server.base, 'GET', '/health')).status).toBe(200);
  });

  test.each(ROUTE_NAMES.filter((name) => serverApi[name].method === 'GET'))('answers a structured 4xx and stays up when %s gets bad queries', async (name) => {
    const route = serverApi[name];
    for (const query of ['unexpected=1', 'ticket=', `ticket=${'x'.repeat(500)}`, 'ticket=a&ticket=b', '__proto__[x]=1']) {
      const url = `${pathOf(route.path)}?${query}`;
      if (route.input.safeParse(Object.fromEntries(new URLSearchParams(query))).success) continue;
      const response = await fetch(`${server.base}${url}`, { headers: { authorization: `Bearer ${adminToken}` } });
      const text = await response.text();
      expectStructured4xx(`${name} ?${query}`, { status: response.status, text, body: JSON.parse(text) });
    }
    expect((await call(server.base, 'GET', '/health')).status).toBe(200);
  });

  test('refuses a body larger than the limit with too-large', async () => {
    const big = JSON.stringify({ ...pullRequest(newId(), null), padding: 'x'.repeat(1024 * 1024) });
    const answer = await rawPost('/sync/pull', big);
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 413, body: { ok: false, error: { code: 'too-large', message: expect.any(String) } } });
    const tooBigPush = JSON.stringify({ ...pushRequest(newId(), [addMessage(1, world.tickets[0]!.id)]), padding: 'x'.repeat(PUSH_BODY_LIMIT_BYTES) });
    expect((await rawPost('/sync/push', tooBigPush)).status).toBe(413);
  });

  test('takes a push larger than the default body limit when it fits the push limit', async () => {
    const body = 'Long log excerpt. '.repeat(5000);
    const mutations = Array.from({ length: 20 }, (_, i) => addMessage(i + 1, world.tickets[0]!.id, body));
    const payload = JSON.stringify(pushRequest(newId(), mutations));
    expect(payload.length).toBeGreaterThan(1024 * 1024);
    const answer = await rawPost('/sync/push', payload);
    expect({ status: answer.status, ok: answer.body.ok }).toEqual({ status: 200, ok: true });
  });

  test('refuses a bearer token it does not know with unauthorized', async () => {
    for (const header of ['Bearer nope', `Bearer ${'a'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=', 'Bearer', `bearer ${adminToken} extra`]) {
      const response = await fetch(`${server.base}/auth/session`, { headers: { authorization: header } });
      expect({ header, status: response.status, body: await response.json() }).toEqual({
        header,
        status: 401,
        body: { ok: false, error: { code: 'unauthorized', message: expect.any(String) } },
      });
    }
  });

  test('applies or rejects every naughty string as a message body without failing the push', async () => {
    const ticketId = world.tickets[1]!.id;
    const strings = [...naughtyStrings, '\u0000', 'line\nbreak', 'carriage\rreturn', '\ud800 lone surrogate'];
    const mutations = strings.map((body, i) => addMessage(i + 1, ticketId, body));
    const answer = await rawPost('/sync/push', JSON.stringify(pushRequest(newId(), mutations)));
    expect(answer.status).toBe(200);
    const value = (answer.body as unknown as { value: { results: { status: string; error?: { code: string } }[] } }).value;
    const statuses = new Set(value.results.map((result) => (result.status === 'rejected' ? `rejected:${result.error!.code}` : result.status)));
    // Blank strings are refused as empty messages; everything else is stored as it came.
    expect([...statuses].sort()).toEqual(['applied', 'rejected:validation']);
    expect(value.results).toHaveLength(strings.length);
  });
});

describe('slow clients', () => {
  let slow: TestServer;
  beforeAll(async () => {
    slow = await startServer({
      storage,
      http: { headersTimeoutMs: 1000, requestTimeoutMs: 1500, timeoutCheckIntervalMs: 200, idleTimeoutMs: 5000 },
    });
  });
  afterAll(() => slow.close());

  /** Opens a raw socket to the slow server; answers what it received and when it closed. */
  function trickle(head: string, drip: string, everyMs: number): Promise<{ closedAfterMs: number; received: string }> {
    const { port } = new URL(slow.base);
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(head));
      let received = '';
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip);
      }, everyMs);
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ closedAfterMs: Date.now() - started, received });
      });
      // Give up after 10 s: the server should have cut the client off long before.
      setTimeout(() => socket.destroy(), 10_000).unref();
    });
  }

  test('cuts off a client when it sends its headers too slowly', async () => {
    const result = await trickle('GET /health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: a\r\n', 250);
    expect(result.closedAfterMs).toBeLessThan(3000);
    expect(result.received).not.toContain('200 OK');
  });

  test('cuts off a client when it sends its body too slowly', async () => {
    const head = 'POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{';
    const result = await trickle(head, ' ', 250);
    expect(result.closedAfterMs).toBeLessThan(3500);
    expect(result.received).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  test('keeps answering other clients while a slow client trickles', async () => {
    const slowClient = trickle('GET /health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: a\r\n', 250);
    const started = Date.now();
    const answer = await call(slow.base, 'GET', '/health');
    expect({ status: answer.status, fast: Date.now() - started < 500 }).toEqual({ status: 200, fast: true });
    await slowClient;
  });
});
