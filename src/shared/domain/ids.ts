import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** A client-generated id: UUIDv7, so it sorts by creation time and can be made offline. */
export const idSchema = z.uuid();

/** Makes a new UUIDv7 id. */
export function newId(): string {
  return uuidv7();
}

/** An instant as integer epoch milliseconds. */
export const instantSchema = z.number().int().nonnegative();
