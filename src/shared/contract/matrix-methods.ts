import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/ids';
import { matrixDocumentShapeSchema, matrixVersionShapeSchema } from '../domain/escalation-matrix/schema';

// The escalation matrix and the SLA clock in the app contract (spread into `appContract`).
// Documents travel in their shape; the rules (`validateMatrix`) run in the core and the editor,
// and their problems travel as data, so a draft that breaks a rule can still be saved.

/** One problem of a matrix document, as `validateMatrix` reports it. */
export const matrixProblemSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  /** Dotted from the document's root: `plans.enterprise.targets.urgent.nextResponseMinutes`. */
  path: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** One change between two documents, as `diffMatrix` reports it. */
export const matrixChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'moved']),
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  summary: z.string(),
});

/** A value both the draft and the version in force changed, as `rebaseMatrixDraft` reports it. */
export const matrixConflictSchema = z.object({
  path: z.string(),
  base: z.unknown(),
  draft: z.unknown(),
  current: z.unknown(),
  summary: z.string(),
});

/** A version in the history list: everything but the document. */
export const matrixVersionSummarySchema = matrixVersionShapeSchema.omit({ document: true });

/** The agent's draft, kept in the local store until published or discarded. */
export const matrixDraftSchema = z.object({
  document: matrixDocumentShapeSchema,
  /** The published version the draft was edited from (null before the first publish). */
  basedOnVersion: z.number().int().positive().nullable(),
  savedAt: instantSchema,
  problems: z.array(matrixProblemSchema),
});

/** Which versions to compare: a published version's number, or the agent's draft. */
const matrixVersionRefSchema = z.union([z.number().int().positive(), z.literal('draft')]);

/** Per plan × priority, how many of the replayed tickets breached a target. */
export const matrixPreviewCellSchema = z.object({
  plan: z.string(),
  priority: z.string(),
  tickets: z.number().int().nonnegative(),
  breachedPublished: z.number().int().nonnegative(),
  breachedDraft: z.number().int().nonnegative(),
});

/** A deadline of one of a ticket's clocks, with the explanation the SLA panel shows. */
export const slaClockViewSchema = z.object({
  clock: z.enum(['firstResponse', 'nextResponse', 'resolution']),
  /** `none`: no target on this clock; `not-started`: nothing owed yet; `beyond-horizon`: the calendar has no working time left to run out in. */
  state: z.enum(['running', 'paused', 'met', 'breached', 'not-started', 'none', 'beyond-horizon']),
  /** The instant the clock's minutes run out (epoch ms), when it has one. */
  dueAt: instantSchema.nullable(),
  targetMinutes: z.number().int().nonnegative().nullable(),
  /** Business minutes used so far and left (negative once breached). */
  elapsedMinutes: z.number(),
  remainingMinutes: z.number().nullable(),
  /** The intervals that counted, were paused (pending time) or skipped (nights, weekends, holidays). */
  segments: z.array(
    z.object({
      start: instantSchema,
      end: instantSchema,
      kind: z.enum(['counted', 'paused', 'closed', 'holiday']),
      minutes: z.number(),
      label: z.string().optional(),
    }),
  ),
});

/** A ticket's SLA: the policy and matrix version that timed it, and each clock. */
export const ticketSlaViewSchema = z.object({
  ticketId: idSchema,
  matrixVersion: z.number().int().positive().nullable(),
  plan: z.string().nullable(),
  priority: z.string(),
  calendar: z.object({ key: z.string(), name: z.string(), timeZone: z.string() }).nullable(),
  pausedStatuses: z.array(z.string()),
  /** The clock that runs out first among those still running; null when none runs. */
  next: slaClockViewSchema.nullable(),
  clocks: z.array(slaClockViewSchema),
  breached: z.boolean(),
});

/** The matrix and SLA methods of the app contract. */
export const matrixMethods = {
  /** The version in force, the agent's draft (if any) and whether this agent may publish. */
  'matrix/get': {
    input: z.object({}).strict(),
    output: z.object({
      published: matrixVersionShapeSchema.nullable(),
      draft: matrixDraftSchema.nullable(),
      canPublish: z.boolean(),
    }),
  },
  /** Every published version, newest first, without their documents. */
  'matrix/list-versions': {
    input: z.object({}).strict(),
    output: z.array(matrixVersionSummarySchema),
  },
  /** One published version with its document. */
  'matrix/get-version': {
    input: z.object({ version: z.number().int().positive() }).strict(),
    output: matrixVersionShapeSchema,
  },
  /** The changes from one version (or the draft) to another. */
  'matrix/diff': {
    input: z.object({ from: matrixVersionRefSchema, to: matrixVersionRefSchema }).strict(),
    output: z.array(matrixChangeSchema),
  },
  /** Saves the agent's draft locally (problems and all); answers it with its problems. */
  'matrix/save-draft': {
    input: z
      .object({
        document: matrixDocumentShapeSchema,
        basedOnVersion: z.number().int().positive().nullable(),
      })
      .strict(),
    output: matrixDraftSchema,
  },
  /** Throws the draft away. */
  'matrix/discard-draft': { input: z.object({}).strict(), output: z.object({ discarded: z.boolean() }) },
  /** Merges the draft onto the version now in force; conflicts keep the version in force's value. */
  'matrix/rebase-draft': {
    input: z.object({}).strict(),
    output: z.object({ draft: matrixDraftSchema, conflicts: z.array(matrixConflictSchema) }),
  },
  /** What-if: the last `days` days of tickets replayed under the draft and under the version in force. */
  'matrix/preview': {
    input: z.object({ days: z.number().int().min(1).max(90).default(30) }).strict(),
    output: z.object({
      from: instantSchema,
      to: instantSchema,
      tickets: z.number().int().nonnegative(),
      cells: z.array(matrixPreviewCellSchema),
    }),
  },
  /**
   * Publishes the draft with a change summary. Refused with `validation` (problems in `details`)
   * when it breaks a rule, `forbidden` for roles other than lead and admin, and `conflict` when
   * the draft's `basedOnVersion` is no longer the version in force (rebase first).
   */
  'matrix/publish': {
    input: z.object({ changeSummary: z.string().trim().min(1).max(5000) }).strict(),
    output: matrixVersionShapeSchema,
  },
  /** A ticket's SLA clocks under the version in force, with their explanation. */
  'ticket/get-sla': {
    input: z.object({ ticketId: idSchema }).strict(),
    output: ticketSlaViewSchema,
  },
} as const;
