import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { syncEvents } from './sync-methods';
import { presenceEvents } from './presence-methods';

/** Events from main to the renderer, name → payload; names are `area/past-tense`. */
export const appEvents = {
  /** A ticket or its thread changed in the local store. */
  'ticket/changed': z.object({ ticketId: idSchema }),
  /** A saved view was created, changed or deleted: view lists and counts are stale. */
  'view/changed': z.object({ viewId: idSchema }),
  /** A customer's details changed in the local store. */
  'customer/changed': z.object({ customerId: idSchema }),
  /**
   * Another version of the escalation matrix is in force (published here or pulled; `retimed`
   * false), or the due times of every unsolved ticket now follow it (`retimed` true).
   */
  'matrix/changed': z.object({ version: z.number().int().positive(), retimed: z.boolean() }),
  /** The sync status changed: state, pending count, last sync, rejections. */
  ...syncEvents,
  /** Who else is on a ticket changed. */
  ...presenceEvents,
} as const;

export type AppEvents = typeof appEvents;
/** An event name. */
export type EventName = keyof AppEvents;
/** One event as it travels: its name and payload. */
export type AppEvent = { [E in EventName]: { name: E; payload: z.output<AppEvents[E]> } }[EventName];
