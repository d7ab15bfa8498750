import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Message } from '../../../shared/domain/message';
import { addMessage, FIXTURE_NOW } from '../../store/test-builders';
import { openServiceWorld, thrown, UNKNOWN_ID, type ServiceWorld } from '../test-kit';
import { TicketService } from './ticket-service';

let kit: ServiceWorld;
let service: TicketService;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 2, messagesPerTicket: 0 });
  service = new TicketService(kit.ctx, kit.bus);
});
afterEach(() => kit.close());

/** A thread of `count` messages, one second apart, with every tenth pair sharing an instant (ids break the tie). */
function addThread(ticketId: string, count: number): Message[] {
  return kit.db.transaction(() =>
    Array.from({ length: count }, (_, i) => addMessage(kit.db, { ticketId, body: `message ${i}`, createdAt: FIXTURE_NOW + (i % 10 === 1 ? i - 1 : i) * 1000 })),
  )();
}

function inThreadOrder(messages: Message[]): Message[] {
  return [...messages].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

test('opens a 2,000-message thread with its newest 50 messages and how many older ones there are', () => {
  const ticket = kit.world.tickets[0]!;
  const thread = inThreadOrder(addThread(ticket.id, 2000));
  const got = service.getTicket(ticket.id);
  expect({ messages: got.messages, olderMessages: got.olderMessages }).toEqual({ messages: thread.slice(-50), olderMessages: 1950 });
});

test('pages back through a long thread to its first message, each message once, oldest first within a page', () => {
  const ticket = kit.world.tickets[0]!;
  const thread = inThreadOrder(addThread(ticket.id, 333));
  let page = service.getTicket(ticket.id);
  const seen = [...page.messages];
  const olderCounts = [page.olderMessages];
  while (page.olderMessages > 0) {
    const oldest = page.messages[0]!;
    const older = service.listMessages({ ticketId: ticket.id, before: { createdAt: oldest.createdAt, id: oldest.id }, limit: 100 });
    seen.unshift(...older.messages);
    olderCounts.push(older.olderMessages);
    page = { ...page, ...older };
  }
  expect({ seen, olderCounts }).toEqual({ seen: thread, olderCounts: [283, 183, 83, 0] });
});

test('leaves tombstoned messages out of the thread and out of the count of older ones', () => {
  const ticket = kit.world.tickets[0]!;
  const thread = inThreadOrder(addThread(ticket.id, 60));
  const gone = [thread[0]!, thread[5]!, thread[59]!];
  for (const message of gone) kit.db.prepare('UPDATE messages SET deleted_at = 1 WHERE id = ?').run(message.id);
  const live = thread.filter((m) => !gone.includes(m));
  const got = service.getTicket(ticket.id);
  expect({ messages: got.messages, olderMessages: got.olderMessages }).toEqual({ messages: live.slice(-50), olderMessages: 7 });
});

test('opens a short thread whole, with no older messages', () => {
  const ticket = kit.world.tickets[0]!;
  const thread = inThreadOrder(addThread(ticket.id, 5));
  expect(service.getTicket(ticket.id)).toMatchObject({ messages: thread, olderMessages: 0 });
});

test('refuses older messages of an unknown ticket with not-found on ticketId', () => {
  expect(thrown(() => service.listMessages({ ticketId: UNKNOWN_ID, before: { createdAt: FIXTURE_NOW, id: UNKNOWN_ID } }))).toEqual({
    name: 'AppError',
    code: 'not-found',
    field: 'ticketId',
  });
});
