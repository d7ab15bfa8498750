import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/ids';
import { changeAuthorSchema, ticketPatchFieldSchema } from '../domain/ticket-field-change';
import { errorBodySchema } from './envelope';

/**
 * Where the desktop's sync stands: `signed-out` (no backend or no session), `paused` (the agent
 * chose to work offline), `offline` (the backend cannot be reached; retrying), `syncing`
 * (pushing or pulling), `online` (caught up), `stopped` (access ended: see `error`).
 */
export const SYNC_STATES = ['signed-out', 'paused', 'offline', 'syncing', 'online', 'stopped'] as const;
export const syncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof syncStateSchema>;

/** A local change the backend refused (`final`), or that no longer applies on the backend's newer data and still awaits its verdict. */
export const syncRejectionSchema = z.object({
  mutationId: idSchema,
  seq: z.number().int().positive(),
  /** The mutation's name, e.g. `ticket/update-fields`. */
  name: z.string(),
  args: z.unknown(),
  error: errorBodySchema,
  final: z.boolean(),
  /** When the desktop learned of it (epoch ms). */
  at: instantSchema,
});
export type SyncRejectionView = z.infer<typeof syncRejectionSchema>;

/** The desktop's sync status, as `sync/get-status` answers and `sync/status-changed` carries it. */
export const syncStatusSchema = z.object({
  state: syncStateSchema,
  /** The agent's "work offline" switch: no traffic at all while on. */
  workOffline: z.boolean(),
  backendUrl: z.string().nullable(),
  /** The signed-in account (its agent id), or null. */
  accountId: idSchema.nullable(),
  /** Local changes not yet confirmed by the backend. */
  pending: z.number().int().nonnegative(),
  /** When a pull last reached the backend's head (epoch ms). */
  lastSyncAt: instantSchema.nullable(),
  /** Whether the live stream is open (another agent's change shows within a second). */
  live: z.boolean(),
  /** Why sync stopped or fails right now (`account-disabled`, `offline` …), or null. */
  error: errorBodySchema.nullable(),
  /** How many rejections there are; `rejections` lists the newest 50. */
  rejectionCount: z.number().int().nonnegative(),
  rejections: z.array(syncRejectionSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * Another agent's change that replaced a value set from this desktop: the UI says "priority was
 * set to urgent by Bo at 10:42; your change to high was overridden".
 */
export const overriddenNoteSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  field: ticketPatchFieldSchema,
  /** The value that won. */
  value: z.unknown(),
  /** This desktop's value that was replaced. */
  yourValue: z.unknown(),
  changedBy: changeAuthorSchema,
  overwritten: changeAuthorSchema,
  /** When the backend applied the winning change (epoch ms). */
  appliedAt: instantSchema,
});
export type OverriddenNoteView = z.infer<typeof overriddenNoteSchema>;

const empty = z.object({}).strict();

/** The sync methods of the app contract (spread into `appContract`). */
export const syncMethods = {
  /** The sync status: state, pending changes, last sync, rejections. */
  'sync/get-status': { input: empty, output: syncStatusSchema },
  /** Signs in to a team's backend; the desktop syncs with it from then on. */
  'sync/sign-in': {
    input: z
      .object({
        url: z.url({ protocol: /^https?$/ }).max(2000),
        email: z.string().trim().min(1).max(254),
        password: z.string().min(1).max(256),
      })
      .strict(),
    output: syncStatusSchema,
  },
  /** Signs out: sync stops; pending changes stay in the outbox for the next sign-in. */
  'sync/sign-out': { input: empty, output: syncStatusSchema },
  /** The "work offline" switch: `online: false` stops all traffic until switched back. */
  'sync/set-online': { input: z.object({ online: z.boolean() }).strict(), output: syncStatusSchema },
  /** Makes a refused change again as a new local change (its rules are checked again). */
  'sync/retry-rejected': { input: z.object({ mutationId: idSchema }).strict(), output: syncStatusSchema },
  /** Forgets a refused change (the agent has read it). */
  'sync/discard-rejected': { input: z.object({ mutationId: idSchema }).strict(), output: syncStatusSchema },
  /** Other agents' changes that overrode this desktop's values, newest first (of one ticket when given). */
  'sync/list-overridden': {
    input: z.object({ ticketId: idSchema.optional() }).strict(),
    output: z.array(overriddenNoteSchema),
  },
  /** Hides an overridden note once read. */
  'sync/dismiss-overridden': { input: z.object({ noteId: idSchema }).strict(), output: z.object({ dismissed: z.boolean() }) },
} as const;

/** The sync events of the app events (spread into `appEvents`). */
export const syncEvents = {
  /** The sync status changed (state, pending count, last sync, rejections). */
  'sync/status-changed': syncStatusSchema,
} as const;
