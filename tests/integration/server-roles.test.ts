// The role matrix: every route of the table, called by every role and by nobody, against a real
// backend. Allowed calls (per the route table's declared access) must succeed with valid input;
// others must be refused: 401 without a session, 403 for a role the table does not list.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AccountService } from '../../src/server/auth/account-service';
import { AuthService } from '../../src/server/auth/auth-service';
import { hashPassword } from '../../src/server/auth/password';
import { newSecret } from '../../src/server/auth/tokens';
import type { Storage } from '../../src/server/storage/storage';
import { ROUTE_NAMES, roleMayCall, serverApi, type RouteName } from '../../src/shared/contract/server-api';
import { newId } from '../../src/shared/domain/ids';
import { ROLES, type Role } from '../../src/shared/domain/team';
import {
  actorOf,
  addMessage,
  call,
  issueSession,
  openTempSqlite,
  pullRequest,
  pushRequest,
  seedWorld,
  startServer,
  TEST_PASSWORD,
  TEST_SCRYPT,
  type TestServer,
  type TestWorld,
} from './support/server-kit';

type Caller = Role | 'nobody';
const CALLERS: Caller[] = ['nobody', ...ROLES];

/** A request ready to send: the path with its parameters filled in, and the body or query. */
interface Prepared {
  path: string;
  body?: unknown;
}

let storage: Storage;
let cleanup: () => Promise<void>;
let server: TestServer;
let world: TestWorld;
let victims = 0;

/** A fresh account to act on, so no call depends on another one's side effects. */
async function victim(): Promise<string> {
  victims += 1;
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT);
  const account = await new AccountService(storage).create({ email: `victim-${victims}@support.example`, name: 'Vic Tim', role: 'agent', passwordHash }, null);
  return account.id;
}

/** Valid input for every route (a mapped type: a new route without a sample fails to compile). */
const samples: { [R in RouteName]: (caller: { role: Role; sessionId: string } | null) => Promise<Prepared> } = {
  'server/get-health': async () => ({ path: '/health' }),
  'server/get-openapi': async () => ({ path: '/openapi.json' }),
  'auth/login': async () => ({ path: '/auth/login', body: { email: 'lead@support.example', password: TEST_PASSWORD } }),
  'auth/logout': async () => ({ path: '/auth/logout', body: {} }),
  'auth/get-session': async () => ({ path: '/auth/session' }),
  'sync/push': async () => ({ path: '/sync/push', body: pushRequest(newId(), [addMessage(1, world.tickets[0]!.id)]) }),
  'sync/pull': async () => ({ path: '/sync/pull', body: pullRequest(newId(), null) }),
  'sync/create-stream-ticket': async () => ({ path: '/sync/stream-ticket', body: {} }),
  'sync/open-stream': async (caller) => {
    if (!caller) return { path: `/sync/stream?ticket=${newSecret()}` };
    const account = world.accounts[caller.role];
    const { ticket } = await new AuthService(storage).createStreamTicket(actorOf(account, caller.sessionId));
    return { path: `/sync/stream?ticket=${ticket}` };
  },
  'presence/report': async () => ({ path: '/presence', body: { tickets: [{ ticketId: world.tickets[0]!.id, activity: 'viewing' }] } }),
  'admin/list-accounts': async () => ({ path: '/admin/accounts' }),
  'admin/create-account': async () => {
    victims += 1;
    return { path: '/admin/accounts', body: { email: `new-${victims}@support.example`, name: 'New Person', role: 'agent', password: TEST_PASSWORD } };
  },
  'admin/disable-account': async () => ({ path: `/admin/accounts/${await victim()}/disable`, body: {} }),
  'admin/enable-account': async () => ({ path: `/admin/accounts/${await victim()}/enable`, body: {} }),
  'admin/list-sessions': async () => ({ path: `/admin/accounts/${await victim()}/sessions` }),
  'admin/revoke-sessions': async () => ({ path: `/admin/accounts/${await victim()}/revoke-sessions`, body: {} }),
  'admin/revoke-session': async () => {
    const { session } = await issueSession(storage, await victim());
    return { path: `/admin/sessions/${session.id}/revoke`, body: {} };
  },
  'matrix/list-versions': async () => ({ path: '/matrix/versions' }),
  'matrix/get-version': async () => ({ path: '/matrix/versions/1' }),
};

/** Opens an event stream and answers its status once the headers (and the first event) arrive. */
function streamStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (response.headers['content-type']?.startsWith('text/event-stream') && body.includes('\n\n')) {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body });
        }
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

beforeAll(async () => {
  ({ storage, cleanup } = await openTempSqlite());
  world = await seedWorld(storage);
  // Every caller signs in once per call here; keep the address limit out of the way.
  server = await startServer({ storage, auth: { loginAttemptsPerAddress: 10_000 } });
});
afterAll(async () => {
  await server.close();
  await cleanup();
});

describe.each(ROUTE_NAMES)('%s', (name) => {
  const route = serverApi[name];
  test.each(CALLERS)(`answers as the route table says when called by %s`, async (caller) => {
    const session = caller === 'nobody' ? null : await issueSession(storage, world.accounts[caller].id);
    const prepared = await samples[name](session && caller !== 'nobody' ? { role: caller, sessionId: session.session.id } : null);
    const allowed = caller === 'nobody' ? route.access === 'public' : roleMayCall(route, caller);
    if (route.response === 'event-stream') {
      const answer = await streamStatus(`${server.base}${prepared.path}`);
      expect({ caller, status: answer.status, ready: answer.body.startsWith('event: ready') }).toEqual(
        allowed ? { caller, status: 200, ready: true } : { caller, status: 401, ready: false },
      );
      return;
    }
    const answer = await call(server.base, route.method, prepared.path, {
      ...(session ? { token: session.token } : {}),
      ...(prepared.body !== undefined ? { body: prepared.body } : {}),
    });
    if (allowed) {
      expect({ caller, status: answer.status, ok: route.response === 'document' ? true : answer.body.ok }).toEqual({ caller, status: 200, ok: true });
    } else if (caller === 'nobody') {
      expect({ caller, status: answer.status, body: answer.body }).toEqual({
        caller,
        status: 401,
        body: { ok: false, error: { code: 'unauthorized', message: expect.any(String) } },
      });
    } else {
      expect({ caller, status: answer.status, body: answer.body }).toEqual({
        caller,
        status: 403,
        body: { ok: false, error: { code: 'forbidden', message: `The role ${caller} may not call ${name}` } },
      });
    }
  });
});
