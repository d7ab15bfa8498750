import { expect, test } from 'vitest';
import { cursorSchema } from '../../shared/contract/sync-protocol';
import { formatCursor, parseCursor } from './cursor';

test('reads back the epoch and position a cursor was made from', () => {
  const cursor = formatCursor('0a1b2c3d4e5f', 9_007_199_254);
  expect(cursorSchema.safeParse(cursor).success).toBe(true);
  expect(parseCursor(cursor)).toEqual({ epoch: '0a1b2c3d4e5f', position: 9_007_199_254, step: null });
});

test('reads back the bootstrap step a cursor was made in', () => {
  const cursor = formatCursor('0a1b2c3d4e5f', 1234, 'queue-messages');
  expect(cursorSchema.safeParse(cursor).success).toBe(true);
  expect(parseCursor(cursor)).toEqual({ epoch: '0a1b2c3d4e5f', position: 1234, step: 'queue-messages' });
});

test('answers null when a cursor names a bootstrap step this backend does not know', () => {
  expect(parseCursor('0a1b2c3d4e5f.1234.z')).toBeNull();
});
