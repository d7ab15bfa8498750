import { z } from 'zod';
import { SLA_CLOCKS } from '../business-time/sla-clocks';
import { idSchema, instantSchema } from './ids';
import { supportLevelSchema } from './ticket';

/** What an escalation the backend made on a trigger did: the levels and the group (by id and name) the ticket went to. */
export const slaEscalationSchema = z.object({
  from: supportLevelSchema,
  to: supportLevelSchema,
  groupId: idSchema.nullable(),
  groupName: z.string().nullable(),
});
export type SlaEscalation = z.infer<typeof slaEscalationSchema>;

/**
 * A notification the backend's SLA scheduler sent one agent when a time trigger of the escalation
 * matrix fired on a ticket (a share of a target used up, or a breach). Synced to the recipient's
 * desktops only; `occurrence` is 1 for the trigger's first moment and one more per repeat.
 */
export const notificationSchema = z.object({
  id: idSchema,
  recipientId: idSchema,
  ticketId: idSchema,
  ticketNumber: z.number().int().positive().nullable(),
  subject: z.string(),
  triggerId: z.string(),
  triggerName: z.string(),
  clock: z.enum(SLA_CLOCKS),
  moment: z.enum(['share', 'breach']),
  occurrence: z.number().int().positive(),
  /** The clock's deadline (epoch ms) when the trigger fired; null while a pause held it. */
  dueAt: instantSchema.nullable(),
  /** The escalation the same firing made, if it escalated. */
  escalation: slaEscalationSchema.nullable(),
  matrixVersion: z.number().int().positive(),
  createdAt: instantSchema,
});
export type Notification = z.infer<typeof notificationSchema>;
