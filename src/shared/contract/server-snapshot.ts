import { z } from 'zod';
import { customerSchema, organisationSchema } from '../domain/customer';
import { idSchema } from '../domain/ids';
import { messageSchema } from '../domain/message';
import { agentSchema, groupSchema, supportLevelInfoSchema } from '../domain/team';
import { ticketSchema } from '../domain/ticket';
import { newPasswordSchema } from './server-api';

/**
 * A team's data as one JSON document, to seed a new backend with (`SC_SEED_SNAPSHOT`): the
 * team, its customers, tickets and threads. Tickets without a number get one on import, in
 * creation order. `accounts` gives agents a password so they can sign in (with the agent's e-mail
 * and role); agents without one are team profiles only (names on tickets and messages).
 */
export const serverSnapshotSchema = z
  .object({
    levels: z.array(supportLevelInfoSchema).default([]),
    groups: z.array(groupSchema).default([]),
    agents: z.array(agentSchema).default([]),
    accounts: z.array(z.object({ agentId: idSchema, password: newPasswordSchema }).strict()).default([]),
    organisations: z.array(organisationSchema).default([]),
    customers: z.array(customerSchema).default([]),
    tickets: z.array(ticketSchema).default([]),
    messages: z.array(messageSchema).default([]),
  })
  .strict();
export type ServerSnapshot = z.infer<typeof serverSnapshotSchema>;
