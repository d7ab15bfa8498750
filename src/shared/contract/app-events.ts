import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { syncEvents } from './sync-methods';

/** Events from main to the renderer, name → payload; names are `area/past-tense`. */
export const appEvents = {
  /** A ticket or its thread changed in the local store. */
  'ticket/changed': z.object({ ticketId: idSchema }),
  /** A saved view was created, changed or deleted: view lists and counts are stale. */
  'view/changed': z.object({ viewId: idSchema }),
  /** A customer's details changed in the local store. */
  'customer/changed': z.object({ customerId: idSchema }),
  /** The sync status changed: state, pending count, last sync, rejections. */
  ...syncEvents,
} as const;

export type AppEvents = typeof appEvents;
/** An event name. */
export type EventName = keyof AppEvents;
/** One event as it travels: its name and payload. */
export type AppEvent = { [E in EventName]: { name: E; payload: z.output<AppEvents[E]> } }[EventName];
