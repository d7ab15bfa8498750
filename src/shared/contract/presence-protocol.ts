import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { Role } from '../domain/team';

/**
 * What an agent is doing on a ticket: `viewing` it (open on screen) or `replying` (writing a
 * public reply in its composer).
 */
export const PRESENCE_ACTIVITIES = ['viewing', 'replying'] as const;
/** One of {@link PRESENCE_ACTIVITIES}. */
export const presenceActivitySchema = z.enum(PRESENCE_ACTIVITIES);
export type PresenceActivity = z.infer<typeof presenceActivitySchema>;

/** The roles that work tickets: they report presence and see each other's. Knowledge authors do neither. */
export const PRESENCE_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];

/** How long a report holds without the next heartbeat, in milliseconds (the backend's default). */
export const PRESENCE_TTL_MS = 30_000;

/** The most tickets one session may be on at once (windows side by side); a report naming more is refused. */
export const MAX_PRESENCE_TICKETS = 4;

/** The most agents one presence event lists for a ticket (the backend's per-account caps keep it far below). */
export const MAX_PRESENCE_AGENTS = 500;

/** One ticket a session is on, and what its agent does there. */
export const presenceEntrySchema = z.object({ ticketId: idSchema, activity: presenceActivitySchema }).strict();
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

/**
 * POST /presence: everything the calling session is on right now, replacing what it reported
 * before (an empty list: it left). Sent again as a heartbeat; ephemeral, never in the change log.
 */
export const presenceReportSchema = z
  .object({
    tickets: z.array(presenceEntrySchema).max(MAX_PRESENCE_TICKETS, `At most ${MAX_PRESENCE_TICKETS} tickets at once`),
  })
  .strict()
  .superRefine((report, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of report.tickets.entries()) {
      if (seen.has(entry.ticketId)) {
        context.addIssue({ code: 'custom', message: 'A ticket is named twice', path: ['tickets', index, 'ticketId'] });
        return;
      }
      seen.add(entry.ticketId);
    }
  });
export type PresenceReport = z.infer<typeof presenceReportSchema>;

/** The answer to a presence report: how long it holds (ms); report again well before (a third of it). */
export const presenceReportResponseSchema = z.object({ ttlMs: z.number().int().positive() });

/** One agent on a ticket as the live stream tells it; an agent on several desktops counts once, `replying` winning. */
export const presenceAgentSchema = z.object({
  agentId: idSchema,
  name: z.string(),
  activity: presenceActivitySchema,
});
export type PresenceAgent = z.infer<typeof presenceAgentSchema>;

/**
 * The live stream's `presence` event: who is on one ticket now (the whole list, replacing the
 * previous one; empty when everyone left). Sent when it changes, and once per occupied ticket
 * when a stream opens.
 */
export const presenceEventSchema = z.object({
  ticketId: idSchema,
  agents: z.array(presenceAgentSchema).max(MAX_PRESENCE_AGENTS),
});
export type PresenceEvent = z.infer<typeof presenceEventSchema>;
