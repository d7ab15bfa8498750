import { z } from 'zod';
import { idSchema, instantSchema } from './ids';

/** Support plans a customer can be on; their SLA binds the vendor. */
export const SUPPORT_PLANS = ['basic', 'business', 'enterprise'] as const;
export const supportPlanSchema = z.enum(SUPPORT_PLANS);
export type SupportPlan = z.infer<typeof supportPlanSchema>;

/** How at home a customer is with the product, so answers fit the reader. */
export const PROFICIENCIES = ['beginner', 'intermediate', 'advanced'] as const;
export const proficiencySchema = z.enum(PROFICIENCIES);
export type Proficiency = z.infer<typeof proficiencySchema>;

/** A phone number in E.164 form: + and up to 15 digits. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'Not an E.164 phone number');

/** An organisation customers belong to; its plan applies to its people. */
export const organisationSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  plan: supportPlanSchema,
  domain: z.string().nullable(),
  createdAt: instantSchema,
});
export type Organisation = z.infer<typeof organisationSchema>;

/** A customer (requester); `optOuts` lists the notification channels they declined (GDPR). */
export const customerSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  email: z.string().nullable(),
  phones: z.array(e164Schema),
  organisationId: idSchema.nullable(),
  plan: supportPlanSchema,
  timeZone: z.string(),
  language: z.string(),
  proficiency: proficiencySchema,
  optOuts: z.array(z.string()),
  createdAt: instantSchema,
});
export type Customer = z.infer<typeof customerSchema>;

/** Notification channels a customer can opt out of (GDPR); senders must respect them. */
export const OPT_OUT_CHANNELS = ['email', 'sms', 'phone', 'surveys', 'marketing'] as const;
export const optOutChannelSchema = z.enum(OPT_OUT_CHANNELS);

/** The customer fields an agent can change; every key optional, at least one present. */
export const customerPatchSchema = z
  .object({
    proficiency: proficiencySchema,
    language: z.string().min(2).max(10),
    timeZone: z.string().min(1).max(64),
    /** Phone numbers as the agent typed them ("+31 20 123 4567", "(415) 555-2671"); stored in E.164. */
    phones: z.array(z.string().trim().min(1, 'The phone number is empty').max(40)).max(10),
    optOuts: z.array(optOutChannelSchema).max(OPT_OUT_CHANNELS.length),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type CustomerPatch = z.infer<typeof customerPatchSchema>;
