import type { Cursor } from '../../shared/contract/sync-protocol';

/** A cursor as the backend reads it: the database's epoch and a change-log position. */
export interface ParsedCursor {
  epoch: string;
  position: number;
}

/** Makes the cursor of a change-log position in this database. */
export function formatCursor(epoch: string, position: number): Cursor {
  return `${epoch}.${position}`;
}

/** Reads a cursor (already shaped by `cursorSchema`). */
export function parseCursor(cursor: Cursor): ParsedCursor {
  const dot = cursor.indexOf('.');
  return { epoch: cursor.slice(0, dot), position: Number(cursor.slice(dot + 1)) };
}
