// The desktop's sync client against the real backend on a loopback port, with real stores in
// temp folders: offline changes, conflicting edits, repeated pushes, crashes between a push and
// its answer, resets, refused mutations, rolled-back desktops and disabled accounts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { setCursor } from '../../src/main/store/queries/sync-state';
import { insertAgent } from '../../src/main/store/queries/team';
import { newId } from '../../src/shared/domain/ids';
import {
  localMessages,
  localTicket,
  localTickets,
  openDesktop,
  outboxRows,
  serverTruth,
  signedInDesktop,
  startBackend,
  waitFor,
  type TestBackend,
  type TestDesktop,
} from './support/desktop-kit';
import { call, issueSession, makeTicket } from './support/server-kit';

let backend: TestBackend;
const desktops: TestDesktop[] = [];

beforeEach(async () => {
  backend = await startBackend({ tickets: 3 });
});
afterEach(async () => {
  for (const desktop of desktops.splice(0)) desktop.remove();
  await backend.close();
});

async function desktopOf(role: 'agent' | 'lead' | 'admin', options: Parameters<typeof signedInDesktop>[2] = {}): Promise<TestDesktop> {
  const desktop = await signedInDesktop(backend, `${role}@support.example`, { config: { live: false }, ...options });
  desktops.push(desktop);
  return desktop;
}

async function adminToken(): Promise<string> {
  return (await issueSession(backend.storage, backend.world.accounts.admin.id)).token;
}

/** How many field-history entries the backend holds for one mutation id (each field once at most). */
async function historyOf(ticketId: string): Promise<{ mutationId: string | null; field: string }[]> {
  const changes = await backend.storage.read((tx) => tx.listFieldChanges(ticketId));
  return changes.map((change) => ({ mutationId: change.changedBy.mutationId, field: change.field }));
}

test('bootstraps a new desktop with every ticket, its number and the team', async () => {
  const a = await desktopOf('agent');
  expect({
    tickets: localTickets(a.db).map((ticket) => ({ id: ticket.id, number: ticket.number })),
    agents: a.db.prepare('SELECT count(*) AS n FROM agents').get(),
    status: { state: a.sync.status().state, pending: a.sync.status().pending, synced: a.sync.status().lastSyncAt !== null },
  }).toEqual({
    tickets: backend.world.tickets.map((ticket) => ({ id: ticket.id, number: ticket.number })).sort((x, y) => x.id.localeCompare(y.id)),
    agents: { n: 4 },
    status: { state: 'online', pending: 0, synced: true },
  });
});

test('pushes changes made offline once back online, and another desktop sees them after it pulls', async () => {
  const a = await desktopOf('agent');
  const b = await desktopOf('lead');
  const [t1, t2] = backend.world.tickets;
  a.sync.setOnline(false);
  a.tickets.updateFields({ ticketId: t1!.id, patch: { priority: 'high', tags: ['vip'] } });
  const message = a.tickets.addMessage({ ticketId: t2!.id, kind: 'reply', body: 'We are looking into it.' });
  const whileOffline = { pending: a.sync.status().pending, state: a.sync.status().state, server: (await backend.storage.read((tx) => tx.getTicket(t1!.id)))?.priority };

  a.sync.setOnline(true);
  await waitFor(() => a.sync.status().pending === 0);
  await a.client().whenIdle();
  await b.client().syncNow();
  expect({
    whileOffline,
    onB: { priority: localTicket(b.db, t1!.id)?.priority, tags: localTicket(b.db, t1!.id)?.tags, message: localMessages(b.db).find((m) => m.id === message.id)?.body },
    outboxA: outboxRows(a.db),
  }).toEqual({
    whileOffline: { pending: 2, state: 'paused', server: 'normal' },
    onB: { priority: 'high', tags: ['vip'], message: 'We are looking into it.' },
    outboxA: [],
  });
});

test('converges conflicting edits of one field to the server-order winner on both desktops, and tells the loser', async () => {
  const a = await desktopOf('agent');
  const b = await desktopOf('lead');
  const ticket = backend.world.tickets[0]!;
  a.sync.setOnline(false);
  b.sync.setOnline(false);
  a.tickets.updateFields({ ticketId: ticket.id, patch: { priority: 'high' } });
  b.tickets.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } });
  // A reaches the backend first, B second: B's value wins in server order.
  a.sync.setOnline(true);
  await a.client().syncNow();
  b.sync.setOnline(true);
  await b.client().syncNow();
  await a.client().syncNow();

  const notes = a.sync.listOverridden({ ticketId: ticket.id });
  expect({
    a: localTicket(a.db, ticket.id)?.priority,
    b: localTicket(b.db, ticket.id)?.priority,
    aNotes: notes.map((note) => ({ field: note.field, value: note.value, yourValue: note.yourValue, by: note.changedBy.agentName })),
    bNotes: b.sync.listOverridden({ ticketId: ticket.id }),
  }).toEqual({
    a: 'urgent',
    b: 'urgent',
    aNotes: [{ field: 'priority', value: 'urgent', yourValue: 'high', by: 'Lead Person' }],
    bNotes: [],
  });
  expect(a.sync.dismissOverridden(notes[0]!.id)).toEqual({ dismissed: true });
  expect(a.sync.listOverridden({ ticketId: ticket.id })).toEqual([]);
});

/** A fetch whose pushes the backend answers with a 500 while `state.fail` is set; everything else goes through. */
function failingPushes(state: { fail: boolean }): typeof fetch {
  return async (input, init) => {
    if (state.fail && String(input).endsWith('/sync/push')) {
      return new Response(JSON.stringify({ ok: false, error: { code: 'internal', message: 'down for a moment' } }), { status: 500 });
    }
    return fetch(input, init);
  };
}

test('keeps an unsynced local change visible when a pull replaces its ticket, and pushes it after', async () => {
  const pushes = { fail: true };
  const a = await desktopOf('agent', { fetch: failingPushes(pushes) });
  const b = await desktopOf('lead');
  const ticket = backend.world.tickets[1]!;
  a.tickets.updateFields({ ticketId: ticket.id, patch: { priority: 'low' } });
  b.tickets.updateFields({ ticketId: ticket.id, patch: { status: 'pending', priority: 'high' } });
  await b.client().syncNow();
  await a.client().syncNow();
  const rebased = localTicket(a.db, ticket.id);
  const whilePending = { priority: rebased?.priority, status: rebased?.status, pending: outboxRows(a.db).length, error: a.sync.status().error?.code };
  pushes.fail = false;
  await a.client().syncNow();
  await b.client().syncNow();
  expect({
    whilePending,
    a: { priority: localTicket(a.db, ticket.id)?.priority, status: localTicket(a.db, ticket.id)?.status },
    b: { priority: localTicket(b.db, ticket.id)?.priority, status: localTicket(b.db, ticket.id)?.status },
  }).toEqual({
    whilePending: { priority: 'low', status: 'pending', pending: 1, error: 'internal' },
    a: { priority: 'low', status: 'pending' },
    b: { priority: 'low', status: 'pending' },
  });
});

test('applies nothing twice when the same batch is pushed again', async () => {
  const ticket = backend.world.tickets[0]!;
  const sent: string[] = [];
  // Every push reaches the backend twice; the desktop gets the second answer.
  const twice: typeof fetch = async (input, init) => {
    if (String(input).endsWith('/sync/push')) {
      sent.push(String(init?.body));
      await fetch(input, init);
    }
    return fetch(input, init);
  };
  const again = await desktopOf('agent', { fetch: twice });
  again.tickets.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent', category: 'billing' } });
  const message = again.tickets.addMessage({ ticketId: ticket.id, kind: 'note', body: 'Checked the invoice.' });
  await again.client().syncNow();
  // And once more, a late copy of the first batch arrives after everything else.
  const token = (await issueSession(backend.storage, backend.world.accounts.agent.id)).token;
  const late = await call(backend.base, 'POST', '/sync/push', { token, body: JSON.parse(sent[0]!) });
  const truth = await serverTruth(backend, token);
  expect({
    sentTwice: sent.length >= 1,
    late: (late.body.value.results as { status: string }[]).map((result) => result.status),
    history: (await historyOf(ticket.id)).filter((entry) => entry.mutationId !== null).map((entry) => entry.field).sort(),
    messages: truth.messages.filter((m) => m.id === message.id).length,
    outbox: outboxRows(again.db),
    rejections: again.sync.status().rejections,
  }).toEqual({
    sentTwice: true,
    late: ['duplicate', 'duplicate'],
    history: ['category', 'priority'],
    messages: 1,
    outbox: [],
    rejections: [],
  });
});

test('converges when the desktop dies after the backend applied its push but before it recorded the answer', async () => {
  let a = await desktopOf('agent');
  const ticket = backend.world.tickets[2]!;
  // The push reaches the backend, then the process "dies": the answer is never taken in.
  let killed = false;
  const dying: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/sync/push') && !killed) {
      killed = true;
      throw new Error('the process was killed');
    }
    return response;
  };
  const token = a.sync['credentials'].load() as string;
  a.close();
  const dyingDesktop = openDesktop({ dir: a.dir, token, fetch: dying, config: { live: false } });
  dyingDesktop.tickets.updateFields({ ticketId: ticket.id, patch: { status: 'solved' } });
  dyingDesktop.tickets.addMessage({ ticketId: ticket.id, kind: 'reply', body: 'Fixed in 4.2.' });
  await dyingDesktop.client().syncNow();
  const afterCrash = { killed, pending: outboxRows(dyingDesktop.db).length };
  // Restart from the files: the same rows go out again and are answered `duplicate`.
  a = dyingDesktop.reopen({ fetch });
  desktops.splice(0, desktops.length, a);
  await a.client().syncNow();
  const truth = await serverTruth(backend, (await issueSession(backend.storage, backend.world.accounts.agent.id)).token);
  expect({
    afterCrash,
    outbox: outboxRows(a.db),
    history: (await historyOf(ticket.id)).filter((entry) => entry.mutationId !== null).map((entry) => entry.field),
    replies: truth.messages.filter((m) => m.ticketId === ticket.id && m.body === 'Fixed in 4.2.').length,
    local: localTicket(a.db, ticket.id)?.status,
  }).toEqual({ afterCrash: { killed: true, pending: 2 }, outbox: [], history: ['status'], replies: 1, local: 'solved' });
});

test('keeps the outbox through a reset and rebuilds the local data from the beginning', async () => {
  const a = await desktopOf('agent');
  const b = await desktopOf('lead');
  const [t1, t2] = backend.world.tickets;
  // A ticket the backend never had and no pending change names: the rebuild must sweep it.
  a.db
    .prepare(
      `INSERT INTO tickets (id, subject, status, priority, channel, tags, requester_id, level, created_at, updated_at)
       VALUES (?, 'Stale local ticket', 'open', 'normal', 'email', '[]', ?, 'L1', 1, 1)`,
    )
    .run(newId(), backend.world.customer.id);
  // Pushes fail (the backend answers 500) while pulls go through.
  const pushes = { fail: true };
  a.close();
  const desktop = a.reopen({ fetch: failingPushes(pushes) });
  desktops.splice(desktops.indexOf(a), 1, desktop);
  desktop.tickets.updateFields({ ticketId: t1!.id, patch: { priority: 'urgent' } });
  b.tickets.updateFields({ ticketId: t2!.id, patch: { status: 'on-hold' } });
  await b.client().syncNow();
  // A cursor from another database: the backend answers a reset.
  setCursor(desktop.db, 'zz00zz00zz00.42');
  await desktop.client().syncNow();
  const duringOutage = {
    pending: outboxRows(desktop.db).map((row) => row.name),
    t1: localTicket(desktop.db, t1!.id)?.priority,
    t2: localTicket(desktop.db, t2!.id)?.status,
    tickets: localTickets(desktop.db).length,
    rebuilding: desktop.db.prepare("SELECT value FROM meta WHERE key = 'sync_rebuilding'").get(),
  };
  pushes.fail = false;
  await desktop.client().syncNow();
  const truth = await serverTruth(backend, (await issueSession(backend.storage, backend.world.accounts.agent.id)).token);
  expect({ duringOutage, local: localTickets(desktop.db), outbox: outboxRows(desktop.db) }).toEqual({
    duringOutage: { pending: ['ticket/update-fields'], t1: 'urgent', t2: 'on-hold', tickets: 3, rebuilding: { value: '0' } },
    local: truth.tickets,
    outbox: [],
  });
  expect(truth.tickets.find((ticket) => ticket.id === t1!.id)?.priority).toBe('urgent');
});

test('records a mutation the backend refuses, rolls its effect back and moves the queue on', async () => {
  const a = await desktopOf('agent');
  const [t1, t2] = backend.world.tickets;
  // An agent this desktop knows but the backend does not.
  const stranger = newId();
  insertAgent(a.db, { id: stranger, name: 'Sam Stranger', email: 'sam@elsewhere.example', role: 'agent', groupId: null, timeZone: 'UTC', language: 'en' }, 1);
  a.sync.setOnline(false);
  a.tickets.updateFields({ ticketId: t1!.id, patch: { assigneeId: stranger, priority: 'high' } });
  a.tickets.updateFields({ ticketId: t2!.id, patch: { priority: 'low' } });
  const offline = localTicket(a.db, t1!.id);
  a.sync.setOnline(true);
  await a.client().syncNow();
  const status = a.sync.status();
  expect({
    offline: { assignee: offline?.assigneeId, priority: offline?.priority },
    rolledBack: { assignee: localTicket(a.db, t1!.id)?.assigneeId, priority: localTicket(a.db, t1!.id)?.priority },
    next: (await backend.storage.read((tx) => tx.getTicket(t2!.id)))?.priority,
    rejections: status.rejections.map((r) => ({ name: r.name, final: r.final, error: r.error })),
    outbox: outboxRows(a.db),
  }).toEqual({
    offline: { assignee: stranger, priority: 'high' },
    rolledBack: { assignee: null, priority: 'normal' },
    next: 'low',
    rejections: [{ name: 'ticket/update-fields', final: true, error: { code: 'validation', message: 'There is no such agent', field: 'args.patch.assigneeId' } }],
    outbox: [],
  });
  a.sync.discardRejected(status.rejections[0]!.mutationId);
  expect(a.sync.status().rejectionCount).toBe(0);
});

test('re-registers and loses nothing when the desktop was restored from a backup', async () => {
  const a = await desktopOf('agent');
  const [t1, t2, t3] = backend.world.tickets;
  a.tickets.updateFields({ ticketId: t1!.id, patch: { priority: 'high' } });
  await a.client().syncNow();
  // The backup is taken now; afterwards one more change is pushed, then the backup comes back.
  const file = path.join(a.dir, 'support-console.db');
  a.db.prepare('VACUUM INTO ?').run(`${file}.backup`);
  a.tickets.updateFields({ ticketId: t2!.id, patch: { priority: 'urgent' } });
  await a.client().syncNow();
  const clientBefore = a.ctx.clientId;
  a.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(`${file}.backup`, file);
  const restored = a.reopen();
  desktops.splice(0, desktops.length, restored);
  // The restored desktop reuses the seq the backend already holds, for another mutation.
  restored.tickets.updateFields({ ticketId: t3!.id, patch: { status: 'pending' } });
  await restored.client().syncNow();
  await restored.client().syncNow();
  const truth = await serverTruth(backend, (await issueSession(backend.storage, backend.world.accounts.agent.id)).token);
  expect({
    newClientId: restored.ctx.clientId !== clientBefore,
    server: [t1, t2, t3].map((t) => {
      const ticket = truth.tickets.find((candidate) => candidate.id === t!.id)!;
      return [ticket.priority, ticket.status];
    }),
    local: [t1, t2, t3].map((t) => [localTicket(restored.db, t!.id)?.priority, localTicket(restored.db, t!.id)?.status]),
    outbox: outboxRows(restored.db),
  }).toEqual({
    newClientId: true,
    server: [
      ['high', 'open'],
      ['urgent', 'open'],
      ['normal', 'pending'],
    ],
    local: [
      ['high', 'open'],
      ['urgent', 'open'],
      ['normal', 'pending'],
    ],
    outbox: [],
  });
});

test('stops syncing and says why when an administrator disables the account', async () => {
  const a = await desktopOf('agent', { config: { live: true } });
  await waitFor(() => a.sync.status().live);
  const disabled = await call(backend.base, 'POST', `/admin/accounts/${backend.world.accounts.agent.id}/disable`, { token: await adminToken(), body: {} });
  expect(disabled.status).toBe(200);
  await waitFor(() => a.sync.status().state === 'stopped');
  a.tickets.updateFields({ ticketId: backend.world.tickets[0]!.id, patch: { priority: 'low' } });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect({ status: a.sync.status().state, error: a.sync.status().error, live: a.sync.status().live, pending: a.sync.status().pending }).toEqual({
    status: 'stopped',
    error: { code: 'forbidden', message: 'This account was disabled by an administrator', field: 'account-disabled' },
    live: false,
    pending: 1,
  });
});

test('gets the number the backend gives a ticket it imports later', async () => {
  const a = await desktopOf('agent');
  const ticket = makeTicket(backend.world.customer.id, { subject: 'Imported by the mail gateway' });
  const number = await backend.storage.write(async (tx) => {
    const allocated = await tx.allocateTicketNumber();
    await tx.saveTicket({ ...ticket, number: allocated });
    return allocated;
  });
  await a.client().syncNow();
  expect(localTicket(a.db, ticket.id)?.number).toBe(number);
});

test('goes offline while the backend is down, keeps the change, and pushes it when the backend is back', async () => {
  const a = await desktopOf('agent', { config: { live: true } });
  await waitFor(() => a.sync.status().live);
  const ticket = backend.world.tickets[0]!;
  await backend.stop();
  a.tickets.updateFields({ ticketId: ticket.id, patch: { priority: 'urgent' } });
  await waitFor(() => a.sync.status().state === 'offline');
  const whileDown = { state: a.sync.status().state, live: a.sync.status().live, pending: a.sync.status().pending, error: a.sync.status().error?.code };
  await backend.restart();
  await waitFor(() => a.sync.status().pending === 0 && a.sync.status().live, 10_000);
  await a.client().whenIdle();
  expect({ whileDown, server: (await backend.storage.read((tx) => tx.getTicket(ticket.id)))?.priority, state: a.sync.status().state }).toEqual({
    whileDown: { state: 'offline', live: false, pending: 1, error: 'offline' },
    server: 'urgent',
    state: 'online',
  });
});
