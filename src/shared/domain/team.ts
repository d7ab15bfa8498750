import { z } from 'zod';
import { idSchema } from './ids';
import { supportLevelSchema } from './ticket';

/** Roles on the team; the backend enforces what each may do. */
export const ROLES = ['agent', 'lead', 'author', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** A support level with its display name and what it handles. */
export const supportLevelInfoSchema = z.object({
  level: supportLevelSchema,
  name: z.string(),
  scope: z.string(),
});
export type SupportLevelInfo = z.infer<typeof supportLevelInfoSchema>;

/** A group of agents that staffs one support level. */
export const groupSchema = z.object({
  id: idSchema,
  name: z.string(),
  level: supportLevelSchema,
});
export type Group = z.infer<typeof groupSchema>;

/** A member of the support team. */
export const agentSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  groupId: idSchema.nullable(),
  timeZone: z.string(),
  language: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;
