// The browser host over real HTTP: a real core on a store in a temp folder, a loopback port,
// fetch. What the renderer and the end-to-end tests rely on: the envelope, the error codes, the
// guards, the event stream, and a store that cannot be opened.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { appContract, type MethodName, type MethodOutput } from '../../src/shared/contract/app-contract';
import type { TicketRow } from '../../src/shared/domain/ticket';
import { DEFAULT_MATRIX } from '../../src/shared/domain/escalation-matrix/default-matrix';
import { MAX_BODY_BYTES, createHost } from '../../src/main/host/host';
import { openCore, STORE_FILE, type Core } from '../../src/main/services/core';
import { LATEST_VERSION } from '../../src/main/store/migrations/list';

const SEED_TICKETS = 30;
const METHOD_NAMES = Object.keys(appContract) as MethodName[];

interface Served {
  dir: string;
  core: Core;
  app: FastifyInstance;
  base: string;
  stop(): Promise<void>;
}

async function serve(prepare?: (dir: string) => void, wrap: (core: Core) => Core = (core) => core): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-host-'));
  prepare?.(dir);
  const core = openCore({ dataDir: dir, version: '0.0.0-test', seedTickets: SEED_TICKETS });
  const app = await createHost({ core: wrap(core) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the host has no port');
  return {
    dir,
    core,
    app,
    base: `http://127.0.0.1:${address.port}`,
    async stop() {
      const closed = app.close();
      // fetch (undici) may hold a spare socket that never sent a request; Node counts it as busy.
      app.server.closeAllConnections();
      await closed;
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Answer {
  status: number;
  text: string;
  body: unknown;
}

async function request(base: string, pathname: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${pathname}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

function call(base: string, method: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return request(base, `/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

/** A stack frame as V8 prints it ("at fn (/path/file.ts:12:5)") or any source path with a line. */
const STACK_TRACE = /\bat\s+[^\n]*\(?[^\s()]+\.(?:[cm]?[jt]s|tsx?):\d+(?::\d+)?\)?|node_modules|\/src\/main\//;

describe('the browser host with a healthy store', () => {
  let host: Served;

  beforeAll(async () => {
    host = await serve();
  });
  afterAll(async () => {
    await host.stop();
  });

  async function firstTicket(): Promise<TicketRow> {
    const answer = await call(host.base, 'ticket/list', { viewId: 'all', limit: 1 });
    const row = (answer.body as { value: { rows: TicketRow[] } }).value.rows[0];
    if (!row) throw new Error('the seeded store has no ticket');
    return row;
  }

  test('lists every contract method with its input schema when GET /rpc is asked', async () => {
    const answer = await request(host.base, '/rpc');
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 200,
      body: {
        ok: true,
        value: METHOD_NAMES.map((name) => ({ name, input: expect.objectContaining({ type: 'object' }) })),
      },
    });
  });

  test('answers a keyset page of tickets when ticket/list is called with a view', async () => {
    const answer = await call(host.base, 'ticket/list', { viewId: 'all', limit: 5 });
    const value = (answer.body as { value: { rows: TicketRow[] } }).value;
    expect({ status: answer.status, body: answer.body, rows: value.rows.length }).toEqual({
      status: 200,
      body: { ok: true, value: { rows: expect.any(Array), next: expect.any(Object) } },
      rows: 5,
    });
    // Rows and cursor are what the contract promises, field by field.
    expect(appContract['ticket/list'].output.parse(value)).toEqual(value);
  });

  test('answers the following page when ticket/list is given the cursor', async () => {
    const first = await call(host.base, 'ticket/list', { viewId: 'all', limit: 5 });
    const { rows: firstRows, next } = (first.body as { value: { rows: TicketRow[]; next: unknown } }).value;
    const second = await call(host.base, 'ticket/list', { viewId: 'all', limit: 5, after: next });
    expect({ status: second.status, body: second.body }).toEqual({
      status: 200,
      body: { ok: true, value: { rows: expect.any(Array), next: expect.any(Object) } },
    });
    const secondRows = (second.body as { value: { rows: TicketRow[] } }).value.rows;
    const firstIds = new Set(firstRows.map((row) => row.id));
    expect({ rows: secondRows.length, repeated: secondRows.filter((row) => firstIds.has(row.id)) }).toEqual({ rows: 5, repeated: [] });
  });

  test('answers the workspace methods with what the contract promises when they are called over HTTP', async () => {
    const ticket = await firstTicket();
    const answers = {
      counts: await call(host.base, 'view/count', { viewIds: ['all', 'all-unsolved'] }),
      macros: await call(host.base, 'macro/list', {}),
      opened: await call(host.base, 'ticket/get', { ticketId: ticket.id }),
      draft: await call(host.base, 'draft/save', { ticketId: ticket.id, kind: 'reply', body: 'Hi, ' }),
      found: await call(host.base, 'customer/find', { text: ticket.requesterName.slice(0, 3) }),
    };
    const value = <M extends MethodName>(method: M, answer: Answer) =>
      appContract[method].output.parse((answer.body as { value: unknown }).value) as MethodOutput<M>;
    expect({
      statuses: Object.values(answers).map((answer) => answer.status),
      counts: value('view/count', answers.counts),
      macros: value('macro/list', answers.macros).length > 0,
      opened: value('ticket/get', answers.opened).ticket.id,
      draft: value('draft/save', answers.draft)?.body,
      found: value('customer/find', answers.found).some((customer) => customer.name === ticket.requesterName),
    }).toEqual({
      statuses: [200, 200, 200, 200, 200],
      counts: { all: SEED_TICKETS, 'all-unsolved': expect.any(Number) },
      macros: true,
      opened: ticket.id,
      draft: 'Hi, ',
      found: true,
    });
  });

  test('answers validation with the offending field when the input breaks the schema', async () => {
    const answer = await call(host.base, 'ticket/list', { viewId: 'all', limit: 0 });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'validation', message: expect.any(String), field: 'limit' } },
    });
  });

  test('answers validation when the input has a key the method does not know', async () => {
    const answer = await call(host.base, 'ticket/list', { viewId: 'all', sql: 'DROP TABLE tickets' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'validation', message: expect.any(String) } },
    });
  });

  test('answers not-found with the field when the ticket does not exist', async () => {
    const answer = await call(host.base, 'ticket/get', { ticketId: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: {
        ok: false,
        error: { code: 'not-found', message: 'There is no ticket 01890a5d-ac96-774b-bcce-b302099a8057', field: 'ticketId' },
      },
    });
  });

  test('answers unknown-method when the method is not in the contract', async () => {
    const answer = await call(host.base, 'ticket/explode', {});
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: { ok: false, error: { code: 'unknown-method', message: 'There is no method "ticket/explode"' } },
    });
  });

  test('answers unknown-method when the name is an inherited property', async () => {
    const answer = await call(host.base, 'constructor', {});
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: { ok: false, error: { code: 'unknown-method', message: 'There is no method "constructor"' } },
    });
  });

  test('answers malformed when the body is not valid JSON', async () => {
    const answer = await request(host.base, '/rpc/ticket/list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"viewId": "all",',
    });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { ok: false, error: { code: 'malformed', message: 'The request body is not valid JSON' } },
    });
  });

  test('answers too-large when the body is over 1 MiB', async () => {
    const answer = await call(host.base, 'ticket/list', { viewId: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 413,
      body: { ok: false, error: { code: 'too-large', message: `The request is larger than ${MAX_BODY_BYTES} bytes` } },
    });
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers malformed when the content type is %s',
    async (contentType) => {
      const answer = await request(host.base, '/rpc/ticket/list', {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: '{"viewId":"all"}',
      });
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: { ok: false, error: { code: 'malformed', message: 'Send the input as application/json' } },
      });
    },
  );

  test.each([
    ['POST /rpc/ticket/list', '/rpc/ticket/list', 'POST'],
    ['GET /rpc', '/rpc', 'GET'],
    ['GET /events', '/events', 'GET'],
  ])('answers forbidden when %s comes with a foreign Origin', async (_case, pathname, method) => {
    const answer = await request(host.base, pathname, {
      method,
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      ...(method === 'POST' ? { body: '{"viewId":"all"}' } : {}),
    });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 403,
      body: { ok: false, error: { code: 'forbidden', message: 'Requests from other sites are refused' } },
    });
  });

  test('answers the call when the Origin is the host itself', async () => {
    const answer = await call(host.base, 'view/list', {}, { Origin: host.base });
    expect({ status: answer.status, ok: (answer.body as { ok: boolean }).ok }).toEqual({ status: 200, ok: true });
  });

  test('streams ticket/changed on GET /events when a ticket is updated', async () => {
    const ticket = await firstTicket();
    const abort = new AbortController();
    const response = await fetch(`${host.base}/events`, { signal: abort.signal });
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
      status: 200,
      type: 'text/event-stream; charset=utf-8',
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string): Promise<void> => {
      const deadline = Date.now() + 5_000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(needle)} in ${JSON.stringify(received)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${JSON.stringify(needle)}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    try {
      await readUntil(': connected\n\n');
      const priority = ticket.priority === 'urgent' ? 'low' : 'urgent';
      const update = await call(host.base, 'ticket/update-fields', { ticketId: ticket.id, patch: { priority } });
      expect((update.body as { ok: boolean }).ok).toBe(true);
      const expected = `event: ticket/changed\ndata: ${JSON.stringify({ ticketId: ticket.id })}\n\n`;
      await readUntil(expected);
      expect(received.slice(received.indexOf('event:'))).toBe(expected);
    } finally {
      abort.abort();
    }
  });

  test('answers not-found when the path is not a route', async () => {
    const answer = await request(host.base, '/etc/passwd');
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: { ok: false, error: { code: 'not-found', message: 'Nothing at GET /etc/passwd' } },
    });
  });
});

describe('the browser host when it is closed', () => {
  // Regression: an open event stream is never idle, so closing the host used to wait until
  // every browser tab went away (Ctrl-C on `npm run web` hung).
  test('closes promptly when a browser still holds an event stream', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-host-'));
    const core = openCore({ dataDir: dir, version: '0.0.0-test', seedTickets: 0 });
    const app = await createHost({ core });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('the host has no port');
      const ended = new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: address.port, path: '/events' }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const outcome = await Promise.race([
        app.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2_000)),
      ]);
      expect({ outcome, stream: await ended }).toEqual({ outcome: 'closed', stream: ': connected\n\n' });
    } finally {
      app.server.closeAllConnections();
      await app.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the browser host when a handler fails', () => {
  let host: Served;

  beforeAll(async () => {
    host = await serve(undefined, (core) => ({
      ...core,
      handlers: {
        ...core.handlers,
        'app/get-info': () => {
          throw new Error(`boom in ${import.meta.url}`);
        },
      },
    }));
  });
  afterAll(async () => {
    await host.stop();
  });

  test('answers internal without details when a handler throws a bug', async () => {
    // The details go to the log instead (the bug is not swallowed); keep them out of the test output.
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const answer = await call(host.base, 'app/get-info', {});
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 500,
        body: { ok: false, error: { code: 'internal', message: 'Something went wrong inside Support Console.' } },
      });
      const logged = stderr.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
      expect(logged).toEqual([
        expect.objectContaining({ level: 'error', scope: 'rpc', message: 'handler failed', method: 'app/get-info' }),
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  test('never answers with a stack trace or a source path when requests fail', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const answers = await Promise.all([
      call(host.base, 'app/get-info', {}),
      call(host.base, 'ticket/explode', {}),
      call(host.base, 'ticket/list', { viewId: 42 }),
      call(host.base, 'ticket/get', { ticketId: 'not-a-uuid' }),
      request(host.base, '/rpc/ticket/list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }),
      request(host.base, '/rpc/ticket/list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' }),
      request(host.base, '/rpc/ticket/list', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }),
      request(host.base, '/rpc/%E0%A4%A', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      request(host.base, '/nowhere'),
      request(host.base, '/rpc', { method: 'DELETE' }),
    ]).finally(() => stderr.mockRestore());
    const leaks = answers.filter((answer) => STACK_TRACE.test(answer.text) || answer.text.includes(host.dir));
    expect(leaks).toEqual([]);
    expect(answers.map((answer) => answer.status >= 400)).toEqual(answers.map(() => true));
  });
});

describe('the browser host when the store cannot be opened', () => {
  const someId = '01890a5d-ac96-774b-bcce-b302099a8057';
  /** A valid input for every method (input is validated before the store is reached). */
  const VALID_INPUT: Record<MethodName, unknown> = {
    'app/get-info': {},
    'team/get': {},
    'view/list': {},
    'view/count': { viewIds: ['my-open', 'all'] },
    'view/save': { name: 'Urgent billing', scope: 'personal', filter: { priorities: ['urgent'], tags: ['billing'] }, sort: { field: 'due', direction: 'asc' } },
    'view/delete': { viewId: someId },
    'ticket/list': { viewId: 'all' },
    'ticket/get': { ticketId: someId },
    'ticket/list-messages': { ticketId: someId, before: { createdAt: 1_700_000_000_000, id: someId }, limit: 50 },
    'ticket/create': { requesterId: someId, subject: 'Cannot log in', body: 'The login page says my password is wrong.', channel: 'phone' },
    'ticket/bulk-update': { ticketIds: [someId], patch: { status: 'pending' } },
    'ticket/undo-bulk-update': { undoId: someId },
    'ticket/escalate': { ticketId: someId, reason: 'Needs a billing specialist.' },
    'ticket/merge': { sourceId: someId, targetId: '01890a5d-ac96-774b-bcce-b302099a8058' },
    'ticket/link': { ticketId: someId, otherId: '01890a5d-ac96-774b-bcce-b302099a8058', kind: 'duplicate' },
    'ticket/unlink': { ticketId: someId, otherId: '01890a5d-ac96-774b-bcce-b302099a8058' },
    'macro/list': {},
    'macro/apply': { ticketId: someId, macroId: '01890a5d-ac96-774b-bcce-b302099a8059' },
    'draft/get': { ticketId: someId },
    'draft/save': { ticketId: someId, kind: 'reply', body: 'Hi Ana, ' },
    'customer/get': { customerId: someId },
    'customer/find': { text: 'ana', limit: 10 },
    'customer/update': { customerId: someId, patch: { phones: ['+31 20 123 4567'], timeZone: 'Europe/Amsterdam' } },
    'ticket/add-message': { ticketId: someId, kind: 'note', body: 'Called the customer back.' },
    'ticket/update-fields': { ticketId: someId, patch: { priority: 'high' } },
    'search/tickets': { query: 'refund' },
    'sync/get-status': {},
    'sync/sign-in': { url: 'http://127.0.0.1:5318', email: 'ana@support.example', password: 'correct horse battery staple' },
    'sync/sign-out': {},
    'sync/set-online': { online: false },
    'sync/retry-rejected': { mutationId: someId },
    'sync/discard-rejected': { mutationId: someId },
    'sync/list-overridden': { ticketId: someId },
    'sync/dismiss-overridden': { noteId: someId },
    'matrix/get': {},
    'matrix/list-versions': {},
    'matrix/get-version': { version: 1 },
    'matrix/diff': { from: 1, to: 'draft' },
    'matrix/save-draft': { document: DEFAULT_MATRIX, basedOnVersion: 1 },
    'matrix/discard-draft': {},
    'matrix/rebase-draft': {},
    'matrix/preview': { days: 30 },
    'matrix/publish': { changeSummary: 'Enterprise urgent first response down to 15 minutes.' },
    'ticket/get-sla': { ticketId: someId },
    'presence/set': { ticketId: someId, activity: 'replying' },
    'presence/list': { ticketId: someId },
    'sla/calculate': {
      calendar: { timeZone: 'Europe/Amsterdam', weeklyHours: { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] },
      start: '2026-03-30T09:00+02:00',
      minutes: 60,
    },
  };

  async function everyMethod(base: string): Promise<{ method: string; status: number; body: unknown }[]> {
    return Promise.all(
      METHOD_NAMES.map(async (method) => {
        const answer = await call(base, method, VALID_INPUT[method]);
        return { method, status: answer.status, body: answer.body };
      }),
    );
  }

  test('makes every method answer store-corrupt when the store is not a database', async () => {
    const garbage = Buffer.from('this is not a SQLite database, just text pretending to be one. '.repeat(100));
    const file = (dir: string) => path.join(dir, STORE_FILE);
    const host = await serve((dir) => fs.writeFileSync(file(dir), garbage));
    try {
      expect(host.core.storeError?.code).toBe('store-corrupt');
      expect(await everyMethod(host.base)).toEqual(
        METHOD_NAMES.map((method) => ({
          method,
          status: 503,
          body: { ok: false, error: { code: 'store-corrupt', message: expect.stringContaining('left untouched') } },
        })),
      );
      // Nothing was written to the refused file, and no WAL or journal appeared beside it.
      expect(fs.readFileSync(file(host.dir)).equals(garbage)).toBe(true);
      expect(fs.readdirSync(host.dir)).toEqual([STORE_FILE]);
    } finally {
      await host.stop();
    }
  });

  test('makes every method answer store-newer when the store has a newer schema', async () => {
    const newer = LATEST_VERSION + 5;
    let before = Buffer.alloc(0);
    const host = await serve((dir) => {
      const db = new Database(path.join(dir, STORE_FILE));
      db.exec('CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)');
      db.pragma(`user_version = ${newer}`);
      db.close();
      before = fs.readFileSync(path.join(dir, STORE_FILE));
    });
    try {
      expect(host.core.storeError?.code).toBe('store-newer');
      expect(await everyMethod(host.base)).toEqual(
        METHOD_NAMES.map((method) => ({
          method,
          status: 503,
          body: { ok: false, error: { code: 'store-newer', message: expect.stringContaining(`schema ${newer}`) } },
        })),
      );
      expect(fs.readFileSync(path.join(host.dir, STORE_FILE)).equals(before)).toBe(true);
      expect(fs.readdirSync(host.dir)).toEqual([STORE_FILE]);
    } finally {
      await host.stop();
    }
  });

  test('still lists the methods on GET /rpc when the store cannot be opened', async () => {
    const host = await serve((dir) => fs.writeFileSync(path.join(dir, STORE_FILE), 'garbage'.repeat(200)));
    try {
      const answer = await request(host.base, '/rpc');
      expect({ status: answer.status, names: (answer.body as { value: { name: string }[] }).value.map((m) => m.name) }).toEqual({
        status: 200,
        names: METHOD_NAMES,
      });
    } finally {
      await host.stop();
    }
  });
});
