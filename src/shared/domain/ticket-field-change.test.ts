import { expect, test } from 'vitest';
import type { Ticket } from './ticket';
import { applyTicketFields, changedTicketFields } from './ticket-field-change';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const ticket: Ticket = {
  id: '01890000-0000-7000-8000-000000000001',
  number: 1,
  subject: 'Export fails',
  status: 'open',
  priority: 'normal',
  channel: 'email',
  category: null,
  tags: ['export'],
  requesterId: '01890000-0000-7000-8000-000000000002',
  organisationId: null,
  assigneeId: null,
  groupId: null,
  level: 'L1',
  createdAt: T0,
  updatedAt: T0 + 60_000,
  solvedAt: null,
  dueAt: null,
  mergedIntoId: null,
};

test('keeps only the fields whose value differs when a patch repeats some', () => {
  expect(changedTicketFields(ticket, { priority: 'normal', tags: ['export'], status: 'pending', assigneeId: null })).toEqual({ status: 'pending' });
});

// Regression: a patch naming a tag twice was stored so on the backend, and every desktop's pull
// of that ticket then failed on the local tag index (one row per tag and ticket), for good.
test('counts a tag named twice once', () => {
  expect(changedTicketFields(ticket, { tags: ['bug', 'bug', 'export'] })).toEqual({ tags: ['bug', 'export'] });
  expect(changedTicketFields(ticket, { tags: ['export', 'export'] })).toEqual({});
});

test('sets solvedAt when a ticket is solved and keeps it when it is then closed', () => {
  const solved = applyTicketFields(ticket, { status: 'solved' }, T0 + 120_000);
  expect(solved).toEqual({ ...ticket, status: 'solved', solvedAt: T0 + 120_000, updatedAt: T0 + 120_000 });
  expect(applyTicketFields(solved, { status: 'closed' }, T0 + 180_000).solvedAt).toBe(T0 + 120_000);
});

test('clears solvedAt when a solved ticket is reopened', () => {
  const solved = applyTicketFields(ticket, { status: 'solved' }, T0 + 120_000);
  expect(applyTicketFields(solved, { status: 'open' }, T0 + 180_000).solvedAt).toBeNull();
});

test('never moves updatedAt back when an older offline change arrives late', () => {
  expect(applyTicketFields(ticket, { priority: 'high' }, T0).updatedAt).toBe(T0 + 60_000);
});
