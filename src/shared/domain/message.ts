import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { channelSchema } from './ticket';

/** Public replies reach the requester; internal notes stay inside the team. */
export const MESSAGE_KINDS = ['reply', 'note'] as const;
/** Whether a message is a public reply or an internal note. */
export const messageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof messageKindSchema>;

/** Who wrote a message. */
export const AUTHOR_TYPES = ['customer', 'agent', 'system'] as const;
export const authorTypeSchema = z.enum(AUTHOR_TYPES);
export type AuthorType = z.infer<typeof authorTypeSchema>;

/** Body formats: markdown written in the app, or HTML from a customer's email (sanitised when rendered). */
export const bodyFormatSchema = z.enum(['markdown', 'html']);
export type BodyFormat = z.infer<typeof bodyFormatSchema>;

/** The largest message body accepted, in characters (a long email thread fits; a pasted log file does not). */
export const MAX_MESSAGE_BODY_CHARS = 100_000;

/** A message body: at least one visible character, at most {@link MAX_MESSAGE_BODY_CHARS}. */
export const messageBodySchema = z
  .string()
  .max(MAX_MESSAGE_BODY_CHARS, `A message is at most ${MAX_MESSAGE_BODY_CHARS} characters`)
  .refine((body) => body.trim().length > 0, 'The message is empty');

/** Metadata of an attachment; the bytes live elsewhere. */
export const attachmentSchema = z.object({
  name: z.string().min(1).max(255),
  sizeBytes: z.number().int().nonnegative(),
  contentType: z.string().max(255),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** An append-only thread entry of a ticket. */
export const messageSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  kind: messageKindSchema,
  authorType: authorTypeSchema,
  authorId: idSchema.nullable(),
  authorName: z.string(),
  channel: channelSchema,
  bodyFormat: bodyFormatSchema,
  body: z.string(),
  attachments: z.array(attachmentSchema),
  createdAt: instantSchema,
});
export type Message = z.infer<typeof messageSchema>;
