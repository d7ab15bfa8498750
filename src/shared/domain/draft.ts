import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { messageKindSchema, MAX_MESSAGE_BODY_CHARS } from './message';

/** What an agent was writing on a ticket, saved locally as they type; never synced. */
export const draftSchema = z.object({
  ticketId: idSchema,
  kind: messageKindSchema,
  body: z.string().max(MAX_MESSAGE_BODY_CHARS),
  updatedAt: instantSchema,
});
export type Draft = z.infer<typeof draftSchema>;
