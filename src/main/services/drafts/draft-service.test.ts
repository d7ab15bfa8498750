import { afterEach, beforeEach, expect, test } from 'vitest';
import { listOutbox } from '../../store/queries/outbox';
import { snapshotStore } from '../../store/test-builders';
import { NOW, openServiceWorld, thrown, UNKNOWN_ID, type ServiceWorld } from '../test-kit';
import { DraftService } from './draft-service';

let kit: ServiceWorld;
let drafts: DraftService;
beforeEach(() => {
  kit = openServiceWorld({ tickets: 1 });
  drafts = new DraftService(kit.ctx);
});
afterEach(() => kit.close());

test('keeps the latest draft of a ticket without writing any outbox row, audit event or event', () => {
  const ticketId = kit.world.tickets[0]!.id;
  const before = snapshotStore(kit.db);
  drafts.saveDraft({ ticketId, kind: 'reply', body: 'Hi Carla, ' });
  kit.clock.now = NOW + 5000;
  const saved = drafts.saveDraft({ ticketId, kind: 'note', body: 'Checked the logs: ' });
  const { drafts: draftRows, ...after } = snapshotStore(kit.db);
  const { drafts: none, ...unchanged } = before;
  expect({ saved, got: drafts.getDraft({ ticketId }), draftRows, none, after, outbox: listOutbox(kit.db), events: kit.events }).toEqual({
    saved: { ticketId, kind: 'note', body: 'Checked the logs: ', updatedAt: NOW + 5000 },
    got: { ticketId, kind: 'note', body: 'Checked the logs: ', updatedAt: NOW + 5000 },
    draftRows: [{ ticket_id: ticketId, kind: 'note', body: 'Checked the logs: ', updated_at: NOW + 5000 }],
    none: [],
    after: unchanged,
    outbox: [],
    events: [],
  });
});

test('deletes the draft when the body is emptied, even down to white space', () => {
  const ticketId = kit.world.tickets[0]!.id;
  drafts.saveDraft({ ticketId, kind: 'reply', body: 'Hi Carla, ' });
  expect({ saved: drafts.saveDraft({ ticketId, kind: 'reply', body: ' \n ' }), got: drafts.getDraft({ ticketId }) }).toEqual({ saved: null, got: null });
});

test('answers no draft for a ticket without one', () => {
  expect(drafts.getDraft({ ticketId: kit.world.tickets[0]!.id })).toBeNull();
});

test('refuses a draft for an unknown ticket with not-found on ticketId', () => {
  expect(thrown(() => drafts.saveDraft({ ticketId: UNKNOWN_ID, kind: 'reply', body: 'Hello' }))).toEqual({ name: 'AppError', code: 'not-found', field: 'ticketId' });
});
