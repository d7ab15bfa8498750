import { expect, test } from 'vitest';
import { cursorSchema, entitiesReadableBy, pushRequestSchema, SYNC_PROTOCOL_VERSION } from './sync-protocol';

const clientId = '01890000-0000-7000-8000-000000000001';
const mutation = (seq: number) => ({ seq, mutationId: `01890000-0000-7000-8000-${String(seq).padStart(12, '0')}`, name: 'ticket/update-fields', args: {}, createdAt: 0 });

test('refuses a push batch when its seqs are not ascending', () => {
  const result = pushRequestSchema.safeParse({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations: [mutation(2), mutation(1)] });
  expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['mutations.1.seq']);
});

test('refuses a pushed mutation when it carries the before-image that stays on the desktop', () => {
  const result = pushRequestSchema.safeParse({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId, mutations: [{ ...mutation(1), before: {} }] });
  expect(result.success).toBe(false);
});

test('accepts a cursor of an epoch and a position and refuses anything else', () => {
  expect(cursorSchema.safeParse('k3j2h1g0f9e8.1234').success).toBe(true);
  for (const bad of ['', '1234', 'abc.', '.12', 'ABC.1', 'abc.1.2', "abc.1' OR 1=1"]) expect(cursorSchema.safeParse(bad).success).toBe(false);
});

test('sends knowledge authors no ticket, customer or view data, and everyone else the tickets, links and views too', () => {
  expect(entitiesReadableBy('author')).toEqual(['agent', 'group', 'level', 'matrix-version']);
  expect(entitiesReadableBy('agent')).toEqual([
    'ticket',
    'message',
    'ticket-field-change',
    'customer',
    'organisation',
    'agent',
    'group',
    'level',
    'ticket-link',
    'view',
    'matrix-version',
    'notification',
  ]);
});
