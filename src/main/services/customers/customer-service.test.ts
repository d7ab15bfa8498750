import { afterEach, beforeEach, expect, test } from 'vitest';
import { listAuditEvents } from '../../store/queries/audit';
import { getCustomer, insertOrganisation } from '../../store/queries/customers';
import { listOutbox } from '../../store/queries/outbox';
import { addCustomer, addTicket, FIXTURE_NOW, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { CustomerService } from './customer-service';

let kit: ServiceWorld;
let customers: CustomerService;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 0 });
  customers = new CustomerService(kit.ctx, kit.bus);
});
afterEach(() => kit.close());

test('answers the customer with their organisation and their 50 most recently updated tickets', () => {
  const { db } = kit;
  const organisation = { id: '01940000-0000-7000-8000-0000000000b1', name: 'Ledgerline BV', plan: 'enterprise' as const, domain: 'ledgerline.example', createdAt: FIXTURE_NOW };
  insertOrganisation(db, organisation);
  const customer = addCustomer(db, { name: 'Ana Müller', organisationId: organisation.id });
  const tickets = db.transaction(() =>
    Array.from({ length: 55 }, (_, i) => addTicket(db, { requesterId: customer.id, organisationId: organisation.id, updatedAt: FIXTURE_NOW + i * 1000 })),
  )();
  addTicket(db, { requesterId: kit.world.customer.id });
  const got = customers.getCustomer({ customerId: customer.id });
  expect({ customer: got.customer, organisation: got.organisation, tickets: got.tickets.map((t) => t.id) }).toEqual({
    customer,
    organisation,
    tickets: tickets.slice(5).reverse().map((t) => t.id),
  });
});

test('finds customers by the start of their name or email in any letter case, name matches first', () => {
  const { db } = kit;
  const anna = addCustomer(db, { name: 'Anna de Vries', email: 'devries@example.nl' });
  const annika = addCustomer(db, { name: 'annika Berg', email: 'berg@example.de' });
  const byEmail = addCustomer(db, { name: 'Zoë Zimmer', email: 'AnnaZ@example.com' });
  addCustomer(db, { name: 'Hannah Anders', email: 'hannah@example.com' });
  expect({
    ann: customers.findCustomers({ text: 'ann' }).map((c) => c.name),
    limited: customers.findCustomers({ text: 'ANN', limit: 2 }).map((c) => c.id),
    email: customers.findCustomers({ text: 'berg@' }).map((c) => c.id),
    blank: customers.findCustomers({ text: '   ' }),
    wildcard: customers.findCustomers({ text: '%' }),
  }).toEqual({
    ann: [anna.name, annika.name, byEmail.name],
    limited: [anna.id, annika.id],
    email: [annika.id],
    blank: [],
    wildcard: [],
  });
});

test('stores phones in E.164 read as typed, a canonical language, the time zone and opt-outs, with one outbox row and audit event', () => {
  const { db, world } = kit;
  const customer = world.customer; // Europe/Amsterdam, +31201234567 already
  const updated = customers.updateCustomer({
    customerId: customer.id,
    patch: {
      phones: ['020 123 4567', '+1 (415) 555-2671', 'tel:+44-20-7031-3000'],
      language: 'en-gb',
      timeZone: 'Europe/London',
      proficiency: 'advanced',
      optOuts: ['surveys', 'email', 'surveys'],
    },
  });
  const patch = {
    phones: ['+31201234567', '+14155552671', '+442070313000'],
    language: 'en-GB',
    timeZone: 'Europe/London',
    proficiency: 'advanced',
    optOuts: ['email', 'surveys'],
  };
  const before = { phones: ['+31201234567'], language: 'en', timeZone: 'Europe/Amsterdam', proficiency: 'intermediate', optOuts: [] };
  const outbox = listOutbox(db);
  const args = { customerId: customer.id, patch, updatedAt: NOW };
  expect({ updated, stored: getCustomer(db, customer.id), outbox, audit: listAuditEvents(db, customer.id), events: kit.events }).toEqual({
    updated: { ...customer, ...patch },
    stored: { ...customer, ...patch },
    outbox: [{ seq: 1, mutationId: expect.stringMatching(UUID), clientId: kit.ctx.clientId, name: 'customer/update', args, before, createdAt: NOW }],
    audit: [{ entity: 'customer', entityId: customer.id, action: 'customer-updated', actorId: world.agent.id, at: NOW, data: { args, before, seq: 1, mutationId: outbox[0]?.mutationId } }],
    events: [{ name: 'customer/changed', payload: { customerId: customer.id } }],
  });
});

test('reads a national number in the country of the customer\'s time zone when they have no number yet', () => {
  const customer = addCustomer(kit.db, { phones: [], timeZone: 'America/Chicago' });
  expect(customers.updateCustomer({ customerId: customer.id, patch: { phones: ['(415) 555-2671'] } }).phones).toEqual(['+14155552671']);
});

test('writes nothing when the patch equals the customer once normalised', () => {
  const before = snapshotStore(kit.db);
  const result = customers.updateCustomer({ customerId: kit.world.customer.id, patch: { phones: ['+31 20 123 4567'], language: 'EN', optOuts: [] } });
  expect({ result, rows: snapshotStore(kit.db), events: kit.events }).toEqual({ result: kit.world.customer, rows: before, events: [] });
});

test.each([
  ['a number that is no phone number', { phones: ['+31 20 123 4567', '12345'] }, 'patch.phones.1'],
  ['a number with an extension', { phones: ['+31 20 123 4567 ext. 12'] }, 'patch.phones.0'],
  ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'patch.timeZone'],
  ['a language that is no tag', { language: 'english!' }, 'patch.language'],
])('refuses %s with validation on its field and writes nothing', (_case, patch, field) => {
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => customers.updateCustomer({ customerId: kit.world.customer.id, patch })), rows: snapshotStore(kit.db) }).toEqual({
    error: { name: 'AppError', code: 'validation', field },
    rows: before,
  });
});

test('refuses an unknown customer with not-found on customerId', () => {
  expect({
    get: thrown(() => customers.getCustomer({ customerId: UNKNOWN_ID })),
    update: thrown(() => customers.updateCustomer({ customerId: UNKNOWN_ID, patch: { proficiency: 'beginner' } })),
  }).toEqual({
    get: { name: 'AppError', code: 'not-found', field: 'customerId' },
    update: { name: 'AppError', code: 'not-found', field: 'customerId' },
  });
});
