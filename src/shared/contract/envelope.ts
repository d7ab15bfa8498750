import { z } from 'zod';
import { ERROR_CODES } from './errors';

/** The wire form of an expected failure, as a schema: a code, a message for logs, the offending field. */
export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  /** Structured detail the caller can act on (a matrix's problems on a refused publish). */
  details: z.unknown().optional(),
});

/** The failure envelope every HTTP answer with a 4xx or 5xx status carries. */
export const errorEnvelopeSchema = z.object({ ok: z.literal(false), error: errorBodySchema });

/** The success envelope around a value of `schema`. */
export function okEnvelopeSchema<T extends z.ZodType>(schema: T) {
  return z.object({ ok: z.literal(true), value: schema });
}
