import { afterEach, beforeEach, expect, test } from 'vitest';
import { AppError, toErrorBody } from '../../../shared/contract/errors';
import type { Message } from '../../../shared/domain/message';
import { listMessages } from '../../store/queries/messages';
import { listOutbox } from '../../store/queries/outbox';
import { addAgent, addMessage, FIXTURE_NOW } from '../../store/test-builders';
import { insertMacro } from '../../store/queries/macros';
import { MacroService } from '../macros/macro-service';
import { openServiceWorld, type ServiceWorld } from '../test-kit';
import { TicketService } from './ticket-service';

let w: ServiceWorld;
let tickets: TicketService;
/** The thread's one message when the agent starts writing. */
let shown: Message;

beforeEach(() => {
  w = openServiceWorld({ tickets: 1, messagesPerTicket: 1 });
  tickets = new TicketService(w.ctx, w.bus);
  shown = w.world.messages[0]!;
});

afterEach(() => w.close());

const seenUpTo = () => ({ createdAt: shown.createdAt, id: shown.id });
const ticketId = () => w.world.tickets[0]!.id;

/** What a refused send threw, as data: code, field and the unseen messages' ids. */
function refusal(run: () => unknown): { code: string; field: string | undefined; newer: string[] } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details as { newer: Message[] } | undefined;
    return { code: error.code, field: error.field, newer: details?.newer.map((message) => message.id) ?? [] };
  }
  throw new Error('expected a refusal');
}

test('holds a public reply back when the customer wrote again after the newest message shown', () => {
  const pulled = addMessage(w.db, { ticketId: ticketId(), body: 'Actually it works again.', createdAt: shown.createdAt + 60_000 });
  const outboxBefore = listOutbox(w.db).length;
  expect(refusal(() => tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'We are on it.', seenUpTo: seenUpTo() }))).toEqual({
    code: 'conflict',
    field: 'seenUpTo',
    newer: [pulled.id],
  });
  // Nothing was written: the thread, the outbox and the events are as they were.
  expect(listMessages(w.db, ticketId()).map((message) => message.id)).toEqual([shown.id, pulled.id]);
  expect(listOutbox(w.db).length).toBe(outboxBefore);
  expect(w.events).toEqual([]);
});

test('holds a public reply back when another agent replied meanwhile, and carries that reply in the error body', () => {
  const other = addAgent(w.db, { name: 'Ben Other' });
  const reply = addMessage(w.db, {
    ticketId: ticketId(),
    authorType: 'agent',
    authorId: other.id,
    authorName: other.name,
    body: 'Fixed it for you.',
    createdAt: shown.createdAt + 1,
  });
  let body: unknown;
  try {
    tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'We are on it.', seenUpTo: seenUpTo() });
  } catch (error) {
    body = toErrorBody(error);
  }
  expect(body).toEqual({ code: 'conflict', message: expect.any(String), field: 'seenUpTo', details: { newer: [reply] } });
});

test('sends a public reply when only notes, system notes and the agent’s own replies came after the newest message shown', () => {
  const later = shown.createdAt + 1000;
  addMessage(w.db, { ticketId: ticketId(), kind: 'note', authorType: 'agent', authorId: addAgent(w.db).id, authorName: 'Ben', createdAt: later });
  addMessage(w.db, { ticketId: ticketId(), kind: 'reply', authorType: 'system', authorName: 'Support Console', createdAt: later + 1 });
  addMessage(w.db, { ticketId: ticketId(), kind: 'reply', authorType: 'agent', authorId: w.world.agent.id, authorName: w.world.agent.name, createdAt: later + 2 });
  const sent = tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'We are on it.', seenUpTo: seenUpTo() });
  expect(listMessages(w.db, ticketId()).at(-1)).toEqual(sent);
});

test('sends a public reply when nothing came after the newest message shown', () => {
  const sent = tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'We are on it.', seenUpTo: seenUpTo() });
  expect(sent).toMatchObject({ kind: 'reply', body: 'We are on it.', authorId: w.world.agent.id });
});

test('counts a message of the same instant after the newest one shown by its id, as the thread orders them', () => {
  const sameInstant = addMessage(w.db, { ticketId: ticketId(), id: 'ffffffff-ffff-7fff-bfff-ffffffffffff', createdAt: shown.createdAt });
  expect(refusal(() => tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'Hi', seenUpTo: seenUpTo() }))).toEqual({
    code: 'conflict',
    field: 'seenUpTo',
    newer: [sameInstant.id],
  });
});

test('never holds an internal note back, nor a reply sent without seenUpTo', () => {
  addMessage(w.db, { ticketId: ticketId(), createdAt: shown.createdAt + 60_000 });
  const note = tickets.addMessage({ ticketId: ticketId(), kind: 'note', body: 'Customer wrote again.', seenUpTo: seenUpTo() });
  const reply = tickets.addMessage({ ticketId: ticketId(), kind: 'reply', body: 'Thanks!' });
  expect([note.kind, reply.kind]).toEqual(['note', 'reply']);
});

test('holds a macro’s public reply back like a typed one, its field changes too', () => {
  const macros = new MacroService(w.ctx, w.bus);
  const macroId = '01890a5d-ac96-774b-bcce-b302099a7001';
  insertMacro(w.db, { id: macroId, name: 'Solved', body: 'Glad it works.', kind: 'reply', fields: { status: 'solved' }, language: null, updatedAt: FIXTURE_NOW });
  const pulled = addMessage(w.db, { ticketId: ticketId(), createdAt: shown.createdAt + 60_000 });
  expect(refusal(() => macros.applyMacro({ ticketId: ticketId(), macroId, seenUpTo: seenUpTo() }))).toEqual({
    code: 'conflict',
    field: 'seenUpTo',
    newer: [pulled.id],
  });
  expect(tickets.getTicket(ticketId()).ticket.status).toBe(w.world.tickets[0]!.status);
});
