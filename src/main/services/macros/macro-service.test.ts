import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Macro } from '../../../shared/domain/macro';
import { listAuditEvents } from '../../store/queries/audit';
import { insertMacro } from '../../store/queries/macros';
import { listMessages } from '../../store/queries/messages';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { insertOrganisation } from '../../store/queries/customers';
import { addCustomer, addTicket, FIXTURE_NOW, snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, UUID, type ServiceWorld } from '../test-kit';
import { DEFAULT_MACROS, ensureDefaultMacros } from './default-macros';
import { MacroService } from './macro-service';

let kit: ServiceWorld;
let macros: MacroService;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 1, messagesPerTicket: 0 });
  macros = new MacroService(kit.ctx, kit.bus);
});
afterEach(() => kit.close());

function addMacro(overrides: Partial<Macro> = {}): Macro {
  const macro: Macro = {
    id: '0193f1c0-0000-7000-8000-00000000aaa1',
    name: 'Ask for details',
    body: 'Hi {{requester.firstName}} of {{organisation.name}},\n\nAbout #{{ticket.number}} "{{ticket.subject}}" ({{requester.email}}): {{nonsense}}\n\n{{agent.firstName}} / {{agent.name}}',
    kind: 'reply',
    fields: { status: 'pending', tags: ['waiting'] },
    language: 'en',
    updatedAt: FIXTURE_NOW,
    ...overrides,
  };
  insertMacro(kit.db, macro);
  return macro;
}

test('sends the message with its placeholders filled and applies the fields in one change, recorded as a field change and a message', () => {
  const { db, world } = kit;
  insertOrganisation(db, { id: '01940000-0000-7000-8000-0000000000b1', name: 'Ledgerline BV', plan: 'business', domain: null, createdAt: FIXTURE_NOW });
  const requester = addCustomer(db, { name: 'Ana Sofia Müller', email: 'ana@ledgerline.example', organisationId: '01940000-0000-7000-8000-0000000000b1' });
  const ticket = addTicket(db, { requesterId: requester.id, organisationId: requester.organisationId, number: 4711, subject: 'Export fails' });
  const macro = addMacro();

  const result = macros.applyMacro({ ticketId: ticket.id, macroId: macro.id });

  const body = `Hi Ana of Ledgerline BV,\n\nAbout #4711 "Export fails" (ana@ledgerline.example): {{nonsense}}\n\nAda / ${world.agent.name}`;
  const outbox = listOutbox(db);
  const fieldArgs = { ticketId: ticket.id, patch: { status: 'pending', tags: ['waiting'] }, updatedAt: NOW };
  const fieldBefore = { status: 'open', tags: [], updatedAt: ticket.updatedAt, solvedAt: null };
  const messageArgs = { messageId: result.message?.id, ticketId: ticket.id, kind: 'reply', body, createdAt: NOW };
  const messageBefore = { updatedAt: NOW };
  const next = { ...ticket, status: 'pending', tags: ['waiting'], updatedAt: NOW };
  expect({ result, stored: getTicket(db, ticket.id), thread: listMessages(db, ticket.id), outbox, audit: listAuditEvents(db, ticket.id), events: kit.events }).toEqual({
    result: {
      ticket: next,
      message: {
        id: expect.stringMatching(UUID),
        ticketId: ticket.id,
        kind: 'reply',
        authorType: 'agent',
        authorId: world.agent.id,
        authorName: world.agent.name,
        channel: ticket.channel,
        bodyFormat: 'markdown',
        body,
        attachments: [],
        createdAt: NOW,
      },
    },
    stored: next,
    thread: [result.message],
    outbox: [
      { seq: 1, mutationId: expect.stringMatching(UUID), clientId: kit.ctx.clientId, name: 'ticket/update-fields', args: fieldArgs, before: fieldBefore, createdAt: NOW },
      { seq: 2, mutationId: expect.stringMatching(UUID), clientId: kit.ctx.clientId, name: 'ticket/add-message', args: messageArgs, before: messageBefore, createdAt: NOW },
    ],
    audit: [
      {
        entity: 'ticket',
        entityId: ticket.id,
        action: 'macro-applied',
        actorId: world.agent.id,
        at: NOW,
        data: { macroId: macro.id, args: fieldArgs, before: fieldBefore, seq: 1, mutationId: outbox[0]?.mutationId },
      },
      {
        entity: 'ticket',
        entityId: ticket.id,
        action: 'macro-applied',
        actorId: world.agent.id,
        at: NOW,
        data: { macroId: macro.id, args: messageArgs, before: messageBefore, seq: 2, mutationId: outbox[1]?.mutationId },
      },
    ],
    events: [{ name: 'ticket/changed', payload: { ticketId: ticket.id } }],
  });
});

test('records a text-only macro as one message, with no field change', () => {
  const macro = addMacro({ fields: {} });
  const ticket = kit.world.tickets[0]!;
  const result = macros.applyMacro({ ticketId: ticket.id, macroId: macro.id, body: 'Could you send a screenshot?' });
  expect(listOutbox(kit.db).map((entry) => ({ name: entry.name, args: entry.args, before: entry.before }))).toEqual([
    {
      name: 'ticket/add-message',
      args: { messageId: result.message?.id, ticketId: ticket.id, kind: 'reply', body: 'Could you send a screenshot?', createdAt: NOW },
      before: { updatedAt: ticket.updatedAt },
    },
  ]);
});

test('sends the agent\'s edited text instead of the macro\'s body when one is given', () => {
  const macro = addMacro();
  const result = macros.applyMacro({ ticketId: kit.world.tickets[0]!.id, macroId: macro.id, body: 'Dear {{requester.name}}, could you send a screenshot?' });
  expect(result.message?.body).toBe(`Dear ${kit.world.customer.name}, could you send a screenshot?`);
});

test('applies only the fields of a macro without a body, writing no message', () => {
  const macro = addMacro({ body: '', kind: 'note', fields: { priority: 'urgent', level: 'L2' } });
  const ticket = kit.world.tickets[0]!;
  const result = macros.applyMacro({ ticketId: ticket.id, macroId: macro.id });
  expect({ result, thread: listMessages(kit.db, ticket.id), outbox: listOutbox(kit.db).map((entry) => ({ name: entry.name, args: entry.args })) }).toEqual({
    result: { ticket: { ...ticket, priority: 'urgent', level: 'L2', updatedAt: NOW }, message: null },
    thread: [],
    outbox: [{ name: 'ticket/update-fields', args: { ticketId: ticket.id, patch: { priority: 'urgent', level: 'L2' }, updatedAt: NOW } }],
  });
});

test('writes nothing when a field-only macro changes nothing', () => {
  const macro = addMacro({ body: '', fields: { priority: 'normal' } });
  const before = snapshotStore(kit.db);
  const result = macros.applyMacro({ ticketId: kit.world.tickets[0]!.id, macroId: macro.id });
  expect({ result, rows: snapshotStore(kit.db), events: kit.events }).toEqual({ result: { ticket: kit.world.tickets[0], message: null }, rows: before, events: [] });
});

test.each([
  ['an unknown ticket', { ticketId: UNKNOWN_ID }, 'not-found', 'ticketId'],
  ['an unknown macro', { macroId: UNKNOWN_ID }, 'not-found', 'macroId'],
  ['a macro whose assignee no longer exists', { fields: { assigneeId: UNKNOWN_ID } }, 'validation', 'macroId'],
])('refuses %s and writes nothing', (_case, overrides, code, field) => {
  const macro = addMacro('fields' in overrides ? { fields: overrides.fields } : {});
  const input = { ticketId: kit.world.tickets[0]!.id, macroId: macro.id, ...('fields' in overrides ? {} : overrides) };
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => macros.applyMacro(input)), rows: snapshotStore(kit.db) }).toEqual({ error: { name: 'AppError', code, field }, rows: before });
});

test('rolls the message and the fields back when the outbox insert fails', () => {
  const macro = addMacro();
  kit.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;");
  const before = snapshotStore(kit.db);
  expect({ error: thrown(() => macros.applyMacro({ ticketId: kit.world.tickets[0]!.id, macroId: macro.id })), rows: snapshotStore(kit.db), events: kit.events }).toEqual({
    error: { name: 'SqliteError', message: 'outbox refused' },
    rows: before,
    events: [],
  });
});

test('writes the default macros in English, Dutch and German once, into a store that never had any', () => {
  const written = ensureDefaultMacros(kit.db, NOW);
  const again = ensureDefaultMacros(kit.db, NOW + 1);
  const listed = macros.listMacros();
  expect({ written, again, count: listed.length, languages: [...new Set(listed.map((m) => m.language))].sort() }).toEqual({
    written: DEFAULT_MACROS.length,
    again: 0,
    count: DEFAULT_MACROS.length,
    languages: ['de', 'en', 'nl', null],
  });
});

test('fills every placeholder of every default macro', () => {
  ensureDefaultMacros(kit.db, NOW);
  const ticket = kit.world.tickets[0]!;
  const unfilled = macros.listMacros().flatMap((macro) => {
    const result = new MacroService(kit.ctx, kit.bus).applyMacro({ ticketId: ticket.id, macroId: macro.id });
    return /\{\{/.test(result.message?.body ?? '') ? [macro.name] : [];
  });
  expect(unfilled).toEqual([]);
});
