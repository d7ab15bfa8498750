import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { messageKindSchema, MAX_MESSAGE_BODY_CHARS } from './message';
import { ticketFieldsPatchSchema } from './ticket';

/**
 * A macro: a canned response with placeholders and the field changes applied with it, in one
 * action. `fields` may be empty (a pure text macro) and `body` may be empty (a pure field macro),
 * but not both.
 */
export const macroSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(120),
  /** Markdown with placeholders such as `{{requester.firstName}}`; see {@link MACRO_PLACEHOLDERS}. */
  body: z.string().max(MAX_MESSAGE_BODY_CHARS),
  kind: messageKindSchema,
  fields: ticketFieldsPatchSchema.or(z.object({}).strict()),
  language: z.string().min(2).max(10).nullable(),
  updatedAt: instantSchema,
});
export type Macro = z.infer<typeof macroSchema>;

/** The placeholders a macro body may use, with what each is replaced by. */
export const MACRO_PLACEHOLDERS = [
  'requester.name',
  'requester.firstName',
  'requester.email',
  'organisation.name',
  'ticket.number',
  'ticket.subject',
  'agent.name',
  'agent.firstName',
] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

/** The values placeholders take for one ticket; a missing value renders as an empty string. */
export type MacroContext = Partial<Record<MacroPlaceholder, string>>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g;

/**
 * Fills a macro body's placeholders from `context`. Unknown placeholders are left as written,
 * so a typo shows in the preview rather than vanishing.
 */
export function renderMacroBody(body: string, context: MacroContext): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    (MACRO_PLACEHOLDERS as readonly string[]).includes(name) ? (context[name as MacroPlaceholder] ?? '') : whole,
  );
}

/** The first word of a name, for greetings ("Hi Ana"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/u)[0] ?? '';
}
