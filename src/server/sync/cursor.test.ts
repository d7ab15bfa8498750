import { expect, test } from 'vitest';
import { cursorSchema } from '../../shared/contract/sync-protocol';
import { formatCursor, parseCursor } from './cursor';

test('reads back the epoch and position a cursor was made from', () => {
  const cursor = formatCursor('0a1b2c3d4e5f', 9_007_199_254);
  expect(cursorSchema.safeParse(cursor).success).toBe(true);
  expect(parseCursor(cursor)).toEqual({ epoch: '0a1b2c3d4e5f', position: 9_007_199_254 });
});
