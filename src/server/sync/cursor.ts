import type { Cursor } from '../../shared/contract/sync-protocol';
import { BOOTSTRAP_STEPS, type BootstrapStep } from '../storage/queries/bootstrap';

/**
 * A cursor as the backend reads it: the database's epoch, a change-log position and, while a
 * bootstrap is under way, its step (the position is then the last one sent in that step).
 */
export interface ParsedCursor {
  epoch: string;
  position: number;
  step: BootstrapStep | null;
}

/**
 * The letter of each bootstrap step in a cursor. A desktop keeps its cursor across backend
 * updates: a letter's meaning never changes and a removed step's letter is never reused.
 */
const STEP_LETTERS: Record<BootstrapStep, string> = {
  team: 'a',
  'queue-tickets': 'b',
  'queue-customers': 'c',
  'queue-organisations': 'd',
  'queue-messages': 'e',
  everything: 'w',
};
const STEP_OF_LETTER = new Map(BOOTSTRAP_STEPS.map((step) => [STEP_LETTERS[step], step]));

/** Makes the cursor of a change-log position in this database (in a bootstrap's `step`). */
export function formatCursor(epoch: string, position: number, step: BootstrapStep | null = null): Cursor {
  return step === null ? `${epoch}.${position}` : `${epoch}.${position}.${STEP_LETTERS[step]}`;
}

/** Reads a cursor (already shaped by `cursorSchema`); null when it names a bootstrap step this backend does not know. */
export function parseCursor(cursor: Cursor): ParsedCursor | null {
  const [epoch, position, letter] = cursor.split('.');
  const step = letter === undefined ? null : STEP_OF_LETTER.get(letter);
  if (step === undefined) return null;
  return { epoch: epoch!, position: Number(position), step };
}
