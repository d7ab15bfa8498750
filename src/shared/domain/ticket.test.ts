import { expect, test } from 'vitest';
import { applyTagEdit } from './ticket';

test('a tag edit keeps the ticket’s order, drops the removed tags and appends each added one once', () => {
  expect({
    mixed: applyTagEdit(['vip', 'legacy', 'outage'], { add: ['billing', 'vip', 'billing'], remove: ['legacy', 'absent'] }),
    nothingToDo: applyTagEdit(['vip'], { add: ['vip'], remove: ['legacy'] }),
    empty: applyTagEdit([], { add: ['billing'], remove: [] }),
  }).toEqual({
    mixed: ['vip', 'outage', 'billing'],
    nothingToDo: ['vip'],
    empty: ['billing'],
  });
});
