// The escalation matrix document (DESIGN.md §3): support levels and the groups that staff them,
// SLA targets per support plan × priority, named business-hours calendars, and the escalation
// rules (routing when a ticket arrives, time triggers while its clocks run). A lead edits it as a
// draft and publishes it as a numbered version; every SLA deadline names the version it came from.
//
// Two layers, like the calendar: the shape schemas below check JSON types only, so a document
// that is still being typed (a 0 in a cell, an unknown group) keeps its shape and every rule
// problem can be shown on its cell at once; `validateMatrix` (validate.ts) checks the rules.
// `matrixDocumentSchema` is both together, for contract inputs that must be publishable.
import { z } from 'zod';
import { calendarShapeSchema } from '../../business-time/calendar';
import { SLA_CLOCKS } from '../../business-time/sla-clocks';
import { idSchema, instantSchema } from '../ids';
import { channelSchema, supportLevelSchema, ticketPrioritySchema, ticketStatusSchema, type TicketStatus } from '../ticket';

/** The version of the document's format; bumped (with a migration) when the shape changes. */
export const MATRIX_FORMAT = 1;

/** The calendar reference that means "the customer's own business hours" (see {@link customerHoursSchema}). */
export const CUSTOMER_CALENDAR = 'customer';

/** The statuses that pause the SLA clocks unless a plan says otherwise. */
export const DEFAULT_PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'on-hold'];

/**
 * A key of a plan or calendar in the document (`enterprise`, `emea`): lower-case letters, digits
 * and hyphens, starting with a letter or digit, at most 40 characters. Keys stay stable while
 * names change, so problem paths, diffs and tickets refer to keys. Checked by `validateMatrix`.
 */
export const MATRIX_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A display name in the document (level, plan, calendar, rule, trigger); emptiness is a rule problem, not a shape one. */
const nameSchema = z.string().max(200);

/** One support level: display name, what it handles, the groups (by name) that staff it, whether customers may see it. */
export const supportLevelSpecSchema = z.strictObject({
  name: nameSchema,
  scope: z.string().max(2000),
  /** Group names, in order: the first is where an escalation to this level lands. */
  groups: z.array(z.string().max(200)),
  /** Whether the level shows on anything the customer sees; L4 (development) never does. */
  customerVisible: z.boolean(),
});
/** One support level of the matrix. */
export type SupportLevelSpec = z.infer<typeof supportLevelSpecSchema>;

/** The four support levels L1–L4, each present exactly once. */
export const matrixLevelsSchema = z.strictObject({
  L1: supportLevelSpecSchema,
  L2: supportLevelSpecSchema,
  L3: supportLevelSpecSchema,
  L4: supportLevelSpecSchema,
});
/** The support levels of the matrix, keyed L1–L4. */
export type MatrixLevels = z.infer<typeof matrixLevelsSchema>;

/**
 * The SLA target of one plan × priority cell, in business minutes: a positive whole number per
 * clock, or null for no target on that clock. `calendar` overrides the plan's calendar for this
 * priority (e.g. Enterprise urgent counted 24/7).
 */
export const slaTargetSpecSchema = z.strictObject({
  firstResponseMinutes: z.number().nullable(),
  nextResponseMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  calendar: z.string().optional(),
});
/** The SLA target of one plan × priority cell. */
export type SlaTargetSpec = z.infer<typeof slaTargetSpecSchema>;

/**
 * A support plan: display name, the calendar that counts its targets (a calendar key, or
 * {@link CUSTOMER_CALENDAR}), the statuses that pause its clocks, and a target per priority.
 * A priority without a target is a problem `validateMatrix` reports on its cell.
 */
export const supportPlanSpecSchema = z.strictObject({
  name: nameSchema,
  calendar: z.string(),
  pausedStatuses: z.array(ticketStatusSchema),
  targets: z.partialRecord(ticketPrioritySchema, slaTargetSpecSchema),
});
/** One support plan of the matrix with its SLA targets. */
export type SupportPlanSpec = z.infer<typeof supportPlanSpecSchema>;

/** A named business-hours calendar: a display name and the calendar in its JSON form (docs/business-time.md). */
export const namedCalendarSchema = z.strictObject({
  name: nameSchema,
  calendar: calendarShapeSchema,
});
/** A named business-hours calendar of the matrix. */
export type NamedCalendar = z.infer<typeof namedCalendarSchema>;

/**
 * What {@link CUSTOMER_CALENDAR} means: the weekly hours of the team calendar `hoursFrom`, read as
 * wall times in the customer's own time zone, closed on `holidays` (local dates).
 */
export const customerHoursSchema = z.strictObject({
  hoursFrom: z.string(),
  holidays: z.array(z.string()),
});
/** How the customer's local business hours are derived. */
export type CustomerHours = z.infer<typeof customerHoursSchema>;

/**
 * What a routing rule tests on a ticket. An absent field matches every ticket; a present list
 * matches a ticket whose value is one of it, except `tags`, which the ticket must all carry.
 * An empty list would match nothing and is a rule problem. `plans` are plan keys,
 * `organisations` organisation ids.
 */
export const ticketConditionsSchema = z.strictObject({
  plans: z.array(z.string()).optional(),
  priorities: z.array(ticketPrioritySchema).optional(),
  channels: z.array(channelSchema).optional(),
  categories: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  organisations: z.array(z.string()).optional(),
});
/** The conditions of a routing rule. */
export type TicketConditions = z.infer<typeof ticketConditionsSchema>;

/** What a time trigger tests: the routing conditions plus the ticket's current level and group (by name). */
export const triggerConditionsSchema = ticketConditionsSchema.extend({
  levels: z.array(supportLevelSchema).optional(),
  groups: z.array(z.string()).optional(),
});
/** The conditions of a time trigger. */
export type TriggerConditions = z.infer<typeof triggerConditionsSchema>;

/** Where a ticket lands: a support level and a group (by name) that staffs it. */
export const matrixRouteSchema = z.strictObject({
  level: supportLevelSchema,
  group: z.string(),
});
/** A level and group a ticket is routed to. */
export type MatrixRoute = z.infer<typeof matrixRouteSchema>;

/** A routing rule: when a new ticket meets `when`, it starts at `level` in `group`. Rules are tried in order; the first match wins. */
export const routingRuleSchema = z.strictObject({
  /** Stable id (a UUID or a short slug): diffs and merges follow it when the rule moves or is renamed. */
  id: z.string().max(100),
  name: nameSchema,
  when: ticketConditionsSchema,
  level: supportLevelSchema,
  group: z.string(),
});
/** One routing rule. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** Routing: the rules in order, and the route of a ticket no rule matches. */
export const matrixRoutingSchema = z.strictObject({
  rules: z.array(routingRuleSchema),
  fallback: matrixRouteSchema,
});
/** The routing part of the matrix. */
export type MatrixRouting = z.infer<typeof matrixRoutingSchema>;

/** Who a notification goes to: the ticket's assignee, every member of its group, its group's lead, or the team's leads. */
export const TRIGGER_RECIPIENTS = ['assignee', 'group', 'group-lead', 'team-leads'] as const;
/** A recipient of a trigger's notification. */
export const triggerRecipientSchema = z.enum(TRIGGER_RECIPIENTS);
/** A recipient of a trigger's notification. */
export type TriggerRecipient = z.infer<typeof triggerRecipientSchema>;

/**
 * What a trigger does when it fires: notify people, escalate one level up (to the first group
 * of that level; nothing above L4), or escalate to a named group (at that group's level).
 */
export const triggerActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('notify'), recipients: z.array(triggerRecipientSchema) }),
  z.strictObject({ type: z.literal('escalate-next-level') }),
  z.strictObject({ type: z.literal('escalate-to-group'), group: z.string() }),
]);
/** One action of a time trigger. */
export type TriggerAction = z.infer<typeof triggerActionSchema>;

/**
 * When a trigger fires on its clock: once `percent` of the target has run out (`share`, 1–99,
 * counted in business minutes with the clock's pauses), or at the deadline itself (`breach`).
 */
export const triggerMomentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('share'), percent: z.number() }),
  z.strictObject({ kind: z.literal('breach') }),
]);
/** The moment on a clock at which a trigger fires. */
export type TriggerMoment = z.infer<typeof triggerMomentSchema>;

/**
 * A time trigger: on tickets that meet `when`, at a moment of one SLA clock, run `actions`, and
 * again every `repeatEveryMinutes` business minutes after that while the clock stays unmet (null:
 * once). The backend fires each (ticket, trigger, clock start, repetition) at most once.
 */
export const timeTriggerSchema = z.strictObject({
  /** Stable id (a UUID or a short slug), as for routing rules. */
  id: z.string().max(100),
  name: nameSchema,
  clock: z.enum(SLA_CLOCKS),
  at: triggerMomentSchema,
  repeatEveryMinutes: z.number().nullable(),
  when: triggerConditionsSchema,
  actions: z.array(triggerActionSchema),
});
/** One time trigger. */
export type TimeTrigger = z.infer<typeof timeTriggerSchema>;

/**
 * The shape of the matrix document (JSON types only; `validateMatrix` checks the rules). `plans`
 * and `calendars` are keyed by {@link MATRIX_KEY_PATTERN} keys.
 */
export const matrixDocumentShapeSchema = z.strictObject({
  format: z.literal(MATRIX_FORMAT),
  levels: matrixLevelsSchema,
  plans: z.record(z.string(), supportPlanSpecSchema),
  calendars: z.record(z.string(), namedCalendarSchema),
  customerHours: customerHoursSchema,
  routing: matrixRoutingSchema,
  triggers: z.array(timeTriggerSchema),
});
/**
 * The escalation matrix document. Treat a document as immutable once used: calendars derived
 * from it (customer hours) and compiled calendars are cached per object.
 */
export type MatrixDocument = z.infer<typeof matrixDocumentShapeSchema>;

/** Whether a matrix version is still being edited or is (or was) the one in force. */
export const MATRIX_VERSION_STATUSES = ['draft', 'published'] as const;
/** The status of a matrix version. */
export const matrixVersionStatusSchema = z.enum(MATRIX_VERSION_STATUSES);
/** The status of a matrix version. */
export type MatrixVersionStatus = z.infer<typeof matrixVersionStatusSchema>;

/** Who saved or published a matrix version: the agent's id and their name as it was then. */
export const matrixAuthorSchema = z.strictObject({
  id: idSchema,
  name: z.string().max(200),
});
/** The author of a matrix version. */
export type MatrixAuthor = z.infer<typeof matrixAuthorSchema>;

/**
 * A version of the matrix. Published versions are numbered 1, 2, 3… in publish order; a draft
 * carries the number it would get and `basedOnVersion`, the published version it was edited
 * from (null for the first). Publishing requires `basedOnVersion` to still be the current one
 * (DESIGN.md §4); otherwise the draft is rebased first (`rebaseMatrixDraft`). Instants are epoch ms.
 */
export const matrixVersionShapeSchema = z.strictObject({
  version: z.number().int().positive(),
  status: matrixVersionStatusSchema,
  author: matrixAuthorSchema,
  /** When this version was last saved (a draft) or published. */
  savedAt: instantSchema,
  /** When it was published; null for a draft. */
  publishedAt: instantSchema.nullable(),
  /** What changed, in the author's words (prefilled from `diffMatrix`). */
  changeSummary: z.string().max(5000),
  basedOnVersion: z.number().int().positive().nullable(),
  document: matrixDocumentShapeSchema,
});
/** A saved or published version of the escalation matrix. */
export type MatrixVersion = z.infer<typeof matrixVersionShapeSchema>;
