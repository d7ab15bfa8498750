import { z } from 'zod';
import { customerSchema, organisationSchema } from '../domain/customer';
import { idSchema, instantSchema } from '../domain/ids';
import { messageSchema } from '../domain/message';
import { agentSchema, groupSchema, ROLES, supportLevelInfoSchema, type Role } from '../domain/team';
import { ticketSchema } from '../domain/ticket';
import { ticketFieldChangeSchema } from '../domain/ticket-field-change';
import { syncedTicketLinkSchema } from '../domain/ticket-link';
import { savedViewSchema } from '../domain/view';
import { matrixVersionShapeSchema } from '../domain/escalation-matrix/schema';
import { notificationSchema } from '../domain/notification';
import { errorBodySchema } from './envelope';
import { presenceEventSchema } from './presence-protocol';

/**
 * The version of the desktop ↔ backend sync protocol. Bump it on any change of the wire
 * format and add one line to the history below. The backend answers a request of another
 * version with a `validation` error on the field `protocolVersion` (the desktop tells the agent
 * to update).
 *
 * History:
 * - 1: the outbox entry (client id, seq, mutation id, name, args, before-image); no endpoints yet.
 * - 2: push, pull (commit-ordered cursor, reset, outcomes of the client's mutations), stream tickets and the SSE poke stream.
 * - 3: entities `ticket-link` and `view` (personal views reach their owner only); mutations ticket/create, ticket/escalate, ticket/merge, ticket/link, ticket/unlink, view/save, view/delete, customer/update.
 * - 4: entities `matrix-version` (published escalation matrix versions) and `notification` (SLA trigger notifications, to their recipient only); mutation matrix/publish.
 * - 5: presence: POST /presence (what a session is on, with a heartbeat) and the live stream's `presence` event.
 * - 6: a pull from the beginning is a bootstrap: the team, then the agent's queue, then the latest value of everything; its cursors name their step (`<epoch>.<position>.<letter>`).
 */
export const SYNC_PROTOCOL_VERSION = 6;

/** The protocol version a request speaks; see {@link SYNC_PROTOCOL_VERSION}. */
export const protocolVersionSchema = z.number().int().positive();

/** A desktop's client id: a UUIDv7 made by the desktop, one per signed-in account on that desktop. */
export const clientIdSchema = idSchema;

/** A per-client sequence number: 1 for the client's first mutation, +1 for each next one, never reused. */
export const seqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The most mutations one push may carry (the client splits a longer outbox into batches). */
export const MAX_PUSH_MUTATIONS = 1000;

/** One outbox entry as pushed: the before-image stays on the desktop. */
export const pushMutationSchema = z
  .object({
    seq: seqSchema,
    /** UUID made with the mutation; identifies it across re-registrations. */
    mutationId: idSchema,
    /** A name of the mutation table (`src/shared/contract/mutations.ts`); an unknown one is rejected, not refused. */
    name: z.string().min(1).max(100),
    /** Validated per mutation by the backend with the table's schema: bad args reject that mutation only. */
    args: z.unknown(),
    /** When the agent made the change on the desktop (epoch ms). */
    createdAt: instantSchema,
  })
  .strict();
export type PushMutation = z.infer<typeof pushMutationSchema>;

/** POST /sync/push: a batch of the client's outbox, in ascending seq order. */
export const pushRequestSchema = z
  .object({
    protocolVersion: protocolVersionSchema,
    clientId: clientIdSchema,
    mutations: z.array(pushMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .strict()
  .superRefine((request, context) => {
    for (let i = 1; i < request.mutations.length; i += 1) {
      if (request.mutations[i]!.seq <= request.mutations[i - 1]!.seq) {
        context.addIssue({ code: 'custom', message: 'Mutations must be in ascending seq order', path: ['mutations', i, 'seq'] });
        return;
      }
    }
  });
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why the backend refused a mutation for good (validation, not-found, forbidden, conflict, unknown-method …). */
export const mutationErrorSchema = errorBodySchema;

/** What became of one pushed mutation. */
export const pushResultSchema = z.discriminatedUnion('status', [
  /** Applied now, exactly once. */
  z.object({ status: z.literal('applied'), seq: seqSchema, mutationId: idSchema }),
  /** Refused for good and recorded: roll its effect back locally and show the error; the queue moves on. */
  z.object({ status: z.literal('rejected'), seq: seqSchema, mutationId: idSchema, error: mutationErrorSchema }),
  /**
   * Seen before (same seq and mutation id, or the same mutation id under an earlier client id of
   * this account): nothing was applied again; `outcome` (and `error`) repeat the first answer.
   */
  z.object({
    status: z.literal('duplicate'),
    seq: seqSchema,
    mutationId: idSchema,
    outcome: z.enum(['applied', 'rejected']),
    error: mutationErrorSchema.optional(),
  }),
  /** The seq was already used by another mutation: this desktop was rolled back and must re-register. */
  z.object({ status: z.literal('conflict'), seq: seqSchema, mutationId: idSchema, error: mutationErrorSchema }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

/** Why a push stopped before its last mutation. */
export const pushStopSchema = z.discriminatedUnion('reason', [
  /** A seq was skipped: nothing from `seq` on was looked at; push again from `expectedSeq`. */
  z.object({ reason: z.literal('gap'), seq: seqSchema, expectedSeq: seqSchema }),
  /** A seq was reused with another mutation id: re-register (see docs/sync-protocol.md). */
  z.object({ reason: z.literal('conflict'), seq: seqSchema }),
]);
export type PushStop = z.infer<typeof pushStopSchema>;

/** The answer to a push: one result per mutation looked at, in order, and the client's last applied seq. */
export const pushResponseSchema = z.object({
  /** The highest seq of this client the backend has processed (applied or rejected); 0 before the first. */
  lastAppliedSeq: z.number().int().nonnegative(),
  results: z.array(pushResultSchema),
  /** Null when every mutation of the batch was looked at. */
  stopped: pushStopSchema.nullable(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * A pull cursor: opaque to the desktop. It names the backend's database (so a cursor from another
 * or a restored database is recognised), a position in commit order and, during a bootstrap, the
 * step it is in (what the agent needs first comes first).
 */
export const cursorSchema = z.string().regex(/^[0-9a-z]{1,32}\.[0-9]{1,16}(\.[a-z])?$/, 'Not a sync cursor');
export type Cursor = z.infer<typeof cursorSchema>;

/** The most changes one pull page answers, and the default. */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

/** POST /sync/pull: the changes after `cursor` (null: from the beginning, i.e. bootstrap or after a reset). */
export const pullRequestSchema = z
  .object({
    protocolVersion: protocolVersionSchema,
    clientId: clientIdSchema,
    cursor: cursorSchema.nullable(),
    /** The highest seq this desktop already saw confirmed; outcomes after it come back in `mutations`. */
    confirmedSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
  })
  .strict();
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** The kinds of synced entities, each with the schema of its value. */
export const syncEntities = {
  ticket: ticketSchema,
  message: messageSchema,
  'ticket-field-change': ticketFieldChangeSchema,
  customer: customerSchema,
  organisation: organisationSchema,
  agent: agentSchema,
  group: groupSchema,
  level: supportLevelInfoSchema,
  /** Keyed by `ticketLinkKey` (`<lower id>:<higher id>`); an unlinked pair is a tombstone. */
  'ticket-link': syncedTicketLinkSchema,
  /** Saved views: a personal one reaches its owner only, a shared one everyone who reads views. */
  view: savedViewSchema,
  /** Published escalation matrix versions, keyed by their number; never changed once published. */
  'matrix-version': matrixVersionShapeSchema,
  /** Notifications of the SLA scheduler: each reaches its recipient only. */
  notification: notificationSchema,
} as const;
/** A synced entity kind. */
export type SyncEntity = keyof typeof syncEntities;
/** Every synced entity kind. */
export const SYNC_ENTITIES = Object.keys(syncEntities) as SyncEntity[];
/** The value of one synced entity kind. */
export type SyncEntityValue<E extends SyncEntity> = z.output<(typeof syncEntities)[E]>;

/** Who works with customer data: everyone but knowledge authors. */
const CASE_WORKERS: readonly Role[] = ['agent', 'lead', 'admin'];

/**
 * Which roles receive which entities in a pull (the backend filters the change log by it): the
 * team's names reach everyone, tickets, customer data and views only those who work tickets. A
 * change may also name one account as its only reader (a personal view): others never receive it.
 */
export const syncEntityReaders: Record<SyncEntity, readonly Role[]> = {
  ticket: CASE_WORKERS,
  message: CASE_WORKERS,
  'ticket-field-change': CASE_WORKERS,
  customer: CASE_WORKERS,
  organisation: CASE_WORKERS,
  agent: ROLES,
  group: ROLES,
  level: ROLES,
  'ticket-link': CASE_WORKERS,
  view: CASE_WORKERS,
  // The matrix is the whole team's to read (its levels and targets concern everyone).
  'matrix-version': ROLES,
  notification: CASE_WORKERS,
};

/** The entity kinds a role receives in a pull. */
export function entitiesReadableBy(role: Role): SyncEntity[] {
  return SYNC_ENTITIES.filter((entity) => syncEntityReaders[entity].includes(role));
}

const upserts = SYNC_ENTITIES.map((entity) =>
  z.object({
    op: z.literal('upsert'),
    entity: z.literal(entity),
    /** The entity's key (its id; the level name for levels). */
    key: z.string(),
    /** The backend's authoritative value: replace the local row with it. */
    value: syncEntities[entity],
  }),
);

/** One change of a pull page: an upsert with the authoritative value, or a tombstone. */
export const syncChangeSchema = z.union([
  ...upserts,
  z.object({ op: z.literal('delete'), entity: z.enum(SYNC_ENTITIES as [SyncEntity, ...SyncEntity[]]), key: z.string() }),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;

/** The outcome of one of the client's mutations, as pull reports it. */
export const mutationOutcomeSchema = z.object({
  seq: seqSchema,
  mutationId: idSchema,
  outcome: z.enum(['applied', 'rejected']),
  error: mutationErrorSchema.optional(),
});
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

/** The most mutation outcomes one pull page carries. */
export const MAX_PULL_OUTCOMES = 1000;

/** The answer to a pull. */
export const pullResponseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('changes'),
    /** Changes in commit order; apply them in order (a later one for the same key wins). */
    changes: z.array(syncChangeSchema),
    /** Where the next pull starts. */
    cursor: cursorSchema,
    /** More changes wait after `cursor`: pull again at once. */
    hasMore: z.boolean(),
    /**
     * On the last page (`hasMore: false`): the highest seq of this client whose effect is in the
     * changes up to `cursor`, read in the same snapshot. Null on earlier pages: keep the outbox.
     */
    lastAppliedSeq: z.number().int().nonnegative().nullable(),
    /**
     * On the last page: the outcomes of this client's mutations after `confirmedSeq` up to
     * `lastAppliedSeq` (at most {@link MAX_PULL_OUTCOMES}), so the desktop drops exactly those
     * outbox rows and notices when its outbox no longer matches (a rollback: re-register).
     */
    mutations: z.array(mutationOutcomeSchema),
  }),
  z.object({
    kind: z.literal('reset'),
    /** `cursor-expired`: older than the retention window; `cursor-unknown`: from another or a restored database. */
    reason: z.enum(['cursor-expired', 'cursor-unknown']),
    message: z.string(),
  }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** How long a stream ticket is valid, in milliseconds. */
export const STREAM_TICKET_TTL_MS = 30_000;

/** POST /sync/stream-ticket: a short-lived single-use ticket to open the live stream with. */
export const streamTicketResponseSchema = z.object({
  ticket: z.string(),
  expiresAt: instantSchema,
});
export type StreamTicketResponse = z.infer<typeof streamTicketResponseSchema>;

/** GET /sync/stream?ticket=…: the stream ticket is the only credential (EventSource cannot send headers). */
export const streamQuerySchema = z.object({ ticket: z.string().min(1).max(200) }).strict();

/** The events of the live stream, name → data. */
export const streamEvents = {
  /** Sent once the stream is open: the head cursor at that moment. */
  ready: z.object({ head: cursorSchema }),
  /** Something changed: pull. Pokes are coalesced; `head` is the newest cursor known. */
  poke: z.object({ head: cursorSchema }),
  /** The backend ends the stream; do not reconnect with the same session when `reason` is about access. */
  closed: z.object({ reason: z.enum(['account-disabled', 'session-revoked', 'session-expired', 'server-closing']) }),
  /** Who is on a ticket now (agents, leads and admins only; see `presence-protocol.ts`). */
  presence: presenceEventSchema,
} as const;
/** A live stream event name. */
export type StreamEventName = keyof typeof streamEvents;
/** One live stream event. */
export type StreamEvent = { [E in StreamEventName]: { name: E; data: z.output<(typeof streamEvents)[E]> } }[StreamEventName];
