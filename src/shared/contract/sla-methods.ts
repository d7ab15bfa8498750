import { DateTime } from 'luxon';
import { z } from 'zod';
import { calendarSchema } from '../business-time/calendar';

/** The most business minutes `sla/calculate` adds (about eight years of 8-hour days). */
export const MAX_CALCULATE_MINUTES = 1_000_000;

// Extended ISO 8601 with a date, a time and an offset: an instant, not a wall time. Luxon checks
// the numbers (no 25:00, no 30 February).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as ISO 8601 text with an offset (`2026-03-27T16:00+01:00`, `2026-03-27T15:00:00Z`). */
export const isoInstantSchema = z
  .string()
  .max(40)
  .refine((text) => ISO_INSTANT.test(text) && DateTime.fromISO(text, { setZone: true }).isValid, {
    message: 'Not an instant: write ISO 8601 with an offset, e.g. 2026-03-27T16:00+01:00',
  });

/** The instant of a valid {@link isoInstantSchema} text, in epoch ms. */
export function instantOfIso(text: string): number {
  return DateTime.fromISO(text, { setZone: true }).toMillis();
}

/** One stretch of a deadline's explanation (docs/business-time.md, "Explanation"). */
export const deadlineSegmentSchema = z.object({
  kind: z.enum(['counted', 'skipped']),
  reason: z.enum(['closed', 'weekend', 'holiday', 'paused']).optional(),
  fromMs: z.number(),
  toMs: z.number(),
  fromLocal: z.string(),
  toLocal: z.string(),
  minutes: z.number(),
});

/** Why a deadline falls where it does: the clock's outcome and the stretches that counted or were skipped. */
export const deadlineExplanationSchema = z.object({
  outcome: z.enum(['due', 'paused', 'beyond-horizon']),
  dueAt: z.number().optional(),
  pausedAt: z.number().optional(),
  remainingMinutes: z.number().optional(),
  timeZone: z.string(),
  startAt: z.number(),
  targetMinutes: z.number(),
  countedMinutes: z.number(),
  pausedMinutes: z.number(),
  segments: z.array(deadlineSegmentSchema),
});

/** Business-time arithmetic on a calendar in its JSON form, for tools and the matrix editor (spread into `appContract`). */
export const slaMethods = {
  /**
   * With `minutes`: when that many business minutes from `start` run out (`dueAt` as ISO 8601 in
   * the calendar's zone, null beyond the five-year horizon) and why. With `end`: the business
   * minutes from `start` to `end` (fractional, negative when `end` is earlier). Give one of the two.
   */
  'sla/calculate': {
    input: z
      .strictObject({
        calendar: calendarSchema,
        start: isoInstantSchema,
        minutes: z.number().min(0).max(MAX_CALCULATE_MINUTES).optional(),
        end: isoInstantSchema.optional(),
      })
      .superRefine((input, ctx) => {
        if ((input.minutes === undefined) === (input.end === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'Give either minutes (to get the due time) or end (to get the minutes between)' });
        }
      }),
    output: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('due'),
        dueAt: z.string().nullable(),
        dueAtMs: z.number().nullable(),
        explanation: deadlineExplanationSchema,
      }),
      z.object({ kind: z.literal('between'), minutes: z.number() }),
    ]),
  },
} as const;
