import { z } from 'zod';
import { idSchema } from '../domain/ids';

/** Events from main to the renderer, name → payload; names are `area/past-tense`. */
export const appEvents = {
  /** A ticket or its thread changed in the local store. */
  'ticket/changed': z.object({ ticketId: idSchema }),
} as const;

export type AppEvents = typeof appEvents;
/** An event name. */
export type EventName = keyof AppEvents;
/** One event as it travels: its name and payload. */
export type AppEvent = { [E in EventName]: { name: E; payload: z.output<AppEvents[E]> } }[EventName];
