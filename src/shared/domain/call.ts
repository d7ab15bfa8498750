import { z } from 'zod';
import { idSchema, instantSchema } from './ids';
import { e164Schema } from './customer';

export const callDirectionSchema = z.enum(['inbound', 'outbound']);
export const callOutcomeSchema = z.enum(['answered', 'missed', 'voicemail', 'callback']);

/** A logged phone call; ASA is `answeredAt - queuedAt`. */
export const callSchema = z.object({
  id: idSchema,
  direction: callDirectionSchema,
  callerNumber: e164Schema,
  customerId: idSchema.nullable(),
  agentId: idSchema.nullable(),
  ticketId: idSchema.nullable(),
  queuedAt: instantSchema,
  answeredAt: instantSchema.nullable(),
  endedAt: instantSchema.nullable(),
  outcome: callOutcomeSchema,
  notes: z.string(),
});
export type Call = z.infer<typeof callSchema>;
