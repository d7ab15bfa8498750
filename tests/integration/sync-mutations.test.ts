// Every kind of synced change between two desktops and the real backend on a loopback port: a
// ticket created offline (numbered by the backend on first sync), escalated, linked, merged into,
// answered with a macro; a customer edited; views saved (a shared one reaches the team, a personal
// one nobody else). Every push reaches the backend twice, so nothing may be applied twice.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CustomerService } from '../../src/main/services/customers/customer-service';
import { MacroService } from '../../src/main/services/macros/macro-service';
import { escalateTicket } from '../../src/main/services/tickets/escalate';
import { linkTickets, unlinkTickets } from '../../src/main/services/tickets/links';
import { mergeTickets } from '../../src/main/services/tickets/merge';
import { createTicket } from '../../src/main/services/tickets/ticket-create';
import { ViewService } from '../../src/main/services/views/view-service';
import { getCustomer } from '../../src/main/store/queries/customers';
import { insertMacro } from '../../src/main/store/queries/macros';
import { listTicketLinks } from '../../src/main/store/queries/ticket-links';
import { listVisibleViews } from '../../src/main/store/queries/views';
import { newId } from '../../src/shared/domain/ids';
import type { Group } from '../../src/shared/domain/team';
import {
  localMessages,
  localTicket,
  outboxRows,
  serverTruth,
  signedInDesktop,
  startBackend,
  waitFor,
  type TestBackend,
  type TestDesktop,
} from './support/desktop-kit';
import { issueSession } from './support/server-kit';

let backend: TestBackend;
let specialists: Group;
const desktops: TestDesktop[] = [];

/** A fetch that delivers every push to the backend twice; the desktop gets the second answer. */
const pushesTwice: typeof fetch = async (input, init) => {
  if (String(input).endsWith('/sync/push')) await fetch(input, init);
  return fetch(input, init);
};

beforeEach(async () => {
  backend = await startBackend({ tickets: 3 });
  specialists = { id: newId(), name: 'Billing Specialists', level: 'L2' };
  await backend.storage.write((tx) => tx.saveGroup(specialists));
});
afterEach(async () => {
  for (const desktop of desktops.splice(0)) desktop.remove();
  await backend.close();
});

async function desktopOf(role: 'agent' | 'lead', options: Parameters<typeof signedInDesktop>[2] = {}): Promise<TestDesktop> {
  const desktop = await signedInDesktop(backend, `${role}@support.example`, { config: { live: false }, ...options });
  desktops.push(desktop);
  return desktop;
}

/** Pushes what is pending and pulls until the desktop holds the backend's head. */
async function settle(desktop: TestDesktop): Promise<void> {
  await waitFor(() => desktop.sync.status().pending === 0);
  await desktop.client().syncNow();
}

test('brings a ticket created, escalated, linked, merged into and answered offline, a customer edit and a shared view to another desktop, each applied once', async () => {
  const a = await desktopOf('agent', { fetch: pushesTwice });
  const b = await desktopOf('lead');
  const [linkedTo, mergedAway] = backend.world.tickets as [(typeof backend.world.tickets)[0], (typeof backend.world.tickets)[0]];
  const customerId = backend.world.customer.id;
  a.sync.setOnline(false);

  const created = createTicket(a.ctx, a.events, {
    requesterId: customerId,
    subject: 'Invoice shows the wrong VAT rate',
    body: 'We are VAT exempt but the invoice says 21%.',
    channel: 'phone',
    priority: 'normal',
    tags: ['billing'],
  });
  escalateTicket(a.ctx, a.events, { ticketId: created.id, reason: 'Needs a billing specialist.' });
  linkTickets(a.ctx, a.events, { ticketId: created.id, otherId: linkedTo.id, kind: 'caused-by' });
  mergeTickets(a.ctx, a.events, { sourceId: mergedAway.id, targetId: created.id });
  const macroId = newId();
  insertMacro(a.db, { id: macroId, name: 'Ask for details', body: 'Hi {{requester.firstName}}, could you send the invoice number?', kind: 'reply', fields: { priority: 'high' }, language: 'en', updatedAt: 0 });
  new MacroService(a.ctx, a.events).applyMacro({ ticketId: created.id, macroId });
  new CustomerService(a.ctx, a.events).updateCustomer({ customerId, patch: { phones: ['+31 20 123 4567', '+49 30 1234567'], timeZone: 'Europe/Berlin', proficiency: 'advanced' } });
  const views = new ViewService(a.ctx, a.events);
  const shared = views.saveView({ name: 'Escalated to specialists', scope: 'shared', filter: { levels: ['L2'], unsolved: true }, sort: { field: 'updated', direction: 'desc' } });
  const personal = views.saveView({ name: 'My VAT cases', scope: 'personal', filter: { tags: ['billing'] }, sort: { field: 'created', direction: 'asc' } });
  const offline = { number: localTicket(a.db, created.id)?.number, pending: outboxRows(a.db).map((row) => row.name) };

  a.sync.setOnline(true);
  await settle(a);
  b.seen.length = 0;
  await b.client().syncNow();

  const token = (await issueSession(backend.storage, backend.world.accounts.lead.id)).token;
  const truth = await serverTruth(backend, token);
  const serverTicket = truth.tickets.find((ticket) => ticket.id === created.id);
  const threadOf = (messages: typeof truth.messages) => messages.filter((m) => m.ticketId === created.id).sort((x, y) => x.id.localeCompare(y.id));
  const history = await backend.storage.read((tx) => tx.listFieldChanges(created.id));
  const leadViews = listVisibleViews(b.db, backend.world.accounts.lead.id).map((saved) => saved.view);
  expect({
    offline,
    numbered: { server: serverTicket?.number, a: localTicket(a.db, created.id)?.number, b: localTicket(b.db, created.id)?.number },
    ticket: { a: localTicket(a.db, created.id), b: localTicket(b.db, created.id) },
    threads: { a: threadOf(localMessages(a.db)), b: threadOf(localMessages(b.db)) },
    merged: localTicket(b.db, mergedAway.id),
    links: { created: listTicketLinks(b.db, created.id).map((l) => [l.otherId, l.kind]), other: listTicketLinks(b.db, linkedTo.id).map((l) => [l.otherId, l.kind]) },
    customer: getCustomer(b.db, customerId),
    views: { lead: leadViews, personalOnB: b.db.prepare('SELECT count(*) AS n FROM views WHERE id = ?').get(personal.id) },
    onceEach: history.length === new Set(history.map((change) => `${change.changedBy.mutationId}:${change.field}`)).size,
    a: { outbox: outboxRows(a.db), rejections: a.sync.status().rejections },
  }).toEqual({
    offline: {
      number: null,
      pending: [
        'ticket/create',
        'ticket/escalate',
        'ticket/link',
        'ticket/merge',
        'ticket/update-fields',
        'ticket/add-message',
        'customer/update',
        'view/save',
        'view/save',
      ],
    },
    numbered: { server: 4, a: 4, b: 4 },
    ticket: { a: serverTicket, b: serverTicket },
    threads: { a: threadOf(truth.messages), b: threadOf(truth.messages) },
    merged: expect.objectContaining({ status: 'closed', mergedIntoId: created.id }),
    links: { created: [[linkedTo.id, 'caused-by']], other: [[created.id, 'causes']] },
    customer: {
      ...backend.world.customer,
      phones: ['+31201234567', '+49301234567'],
      timeZone: 'Europe/Berlin',
      proficiency: 'advanced',
    },
    views: { lead: [shared], personalOnB: { n: 0 } },
    onceEach: true,
    a: { outbox: [], rejections: [] },
  });
  expect({
    ticket: serverTicket,
    thread: threadOf(truth.messages).map((m) => [m.authorType, m.kind, m.body]),
    events: {
      tickets: [created.id, linkedTo.id, mergedAway.id].every((id) => b.seen.some((e) => e.name === 'ticket/changed' && e.payload.ticketId === id)),
      customer: b.seen.some((e) => e.name === 'customer/changed' && e.payload.customerId === customerId),
      view: b.seen.some((e) => e.name === 'view/changed' && e.payload.viewId === shared.id),
    },
  }).toEqual({
    ticket: expect.objectContaining({ level: 'L2', groupId: specialists.id, assigneeId: null, status: 'open', priority: 'high', tags: ['billing'] }),
    thread: [
      ['customer', 'reply', 'We are VAT exempt but the invoice says 21%.'],
      ['agent', 'note', '**L1 → L2 · Billing Specialists**\n\nNeeds a billing specialist.'],
      ['system', 'note', `⤵ #${mergedAway.number} ${mergedAway.subject}`],
      ['agent', 'reply', 'Hi Carla, could you send the invoice number?'],
    ],
    events: { tickets: true, customer: true, view: true },
  });

  // The lead removes the link and the shared view; the agent's desktop follows.
  unlinkTickets(b.ctx, b.events, { ticketId: linkedTo.id, otherId: created.id });
  new ViewService(b.ctx, b.events).deleteView({ viewId: shared.id });
  await settle(b);
  a.seen.length = 0;
  await a.client().syncNow();
  expect({
    links: listTicketLinks(a.db, created.id),
    views: listVisibleViews(a.db, backend.world.accounts.agent.id).map((saved) => saved.view.name),
    viewEvent: a.seen.some((e) => e.name === 'view/changed' && e.payload.viewId === shared.id),
  }).toEqual({ links: [], views: ['My VAT cases'], viewEvent: true });
});
