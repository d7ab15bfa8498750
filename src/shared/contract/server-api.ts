import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/ids';
import { ROLES, roleSchema, type Role } from '../domain/team';
import {
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  streamQuerySchema,
  streamTicketResponseSchema,
} from './sync-protocol';
import { matrixVersionShapeSchema } from '../domain/escalation-matrix/schema';
import { PRESENCE_ROLES, presenceReportResponseSchema, presenceReportSchema } from './presence-protocol';

/** An e-mail address as accounts use it: trimmed, lower case, at most 254 characters. */
export const accountEmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('Not an e-mail address'));

/** The shortest password an account may get; long passphrases beat clever rules. */
export const MIN_PASSWORD_CHARS = 12;
/** A password as sent to log in: never trimmed, bounded so the KDF is not fed megabytes. */
export const passwordSchema = z.string().min(1, 'The password is empty').max(256);
/** A new account's password. */
export const newPasswordSchema = z.string().min(MIN_PASSWORD_CHARS, `A password has at least ${MIN_PASSWORD_CHARS} characters`).max(256);

/** An account as the API shows it: never its password hash. */
export const accountSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** When an admin disabled the account (epoch ms), or null while it may sign in. */
  disabledAt: instantSchema.nullable(),
  createdAt: instantSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** A sign-in session as the API shows it: never its token. */
export const sessionSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  createdAt: instantSchema,
  expiresAt: instantSchema,
  revokedAt: instantSchema.nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

const empty = z.object({}).strict();
const accountIdInput = z.object({ accountId: idSchema }).strict();

/** Who may call a route: anyone, the holder of a stream ticket, or a session with one of the roles. */
export type RouteAccess = 'public' | 'stream-ticket' | readonly Role[];
/** What a route answers: the one envelope, the raw OpenAPI document, or an SSE stream. */
export type RouteResponse = 'envelope' | 'document' | 'event-stream';

/** One HTTP route of the backend. */
export interface RouteDefinition {
  method: 'GET' | 'POST';
  /** Fastify-style path; `:name` segments are inputs. */
  path: string;
  access: RouteAccess;
  /** Path parameters, query (GET) and body (POST) merged into one object, validated as a whole. */
  input: z.ZodType;
  /** The `value` of the success envelope (for `event-stream`, nothing: see the stream events). */
  output: z.ZodType;
  response: RouteResponse;
  summary: string;
  /** The body limit of this route in bytes, when it differs from the server's default. */
  bodyLimitBytes?: number;
}

/** Everyone signed in, whatever their role. */
const SIGNED_IN: readonly Role[] = ROLES;
/** Administrators only. */
const ADMINS: readonly Role[] = ['admin'];

/** The largest push body, in bytes: a batch of mutations with long message bodies. */
export const PUSH_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * The backend's HTTP API, one table: every route with its access rule (the declarative role
 * table the server enforces on every request, and that the role-matrix test walks), its input and
 * output schemas (validated by the server, published as OpenAPI at GET /openapi.json), named
 * `area/verb-object` like the app contract.
 */
export const serverApi = {
  'server/get-health': {
    method: 'GET',
    path: '/health',
    access: 'public',
    input: empty,
    output: z.object({ status: z.literal('up'), protocolVersion: z.number().int() }),
    response: 'envelope',
    summary: 'Whether the backend is up, and the sync protocol version it speaks.',
  },
  'server/get-openapi': {
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    input: empty,
    output: z.record(z.string(), z.unknown()),
    response: 'document',
    summary: 'This API as an OpenAPI 3.1 document (not wrapped in the envelope).',
  },
  'auth/login': {
    method: 'POST',
    path: '/auth/login',
    access: 'public',
    input: z.object({ email: accountEmailSchema, password: passwordSchema }).strict(),
    output: z.object({
      /** The bearer token: send it as `Authorization: Bearer <token>`; shown once, stored hashed. */
      token: z.string(),
      session: sessionSchema,
      account: accountSchema,
    }),
    response: 'envelope',
    summary: 'Signs in with e-mail and password; rate-limited per account and per address.',
  },
  'auth/logout': {
    method: 'POST',
    path: '/auth/logout',
    access: SIGNED_IN,
    input: empty,
    output: z.object({ revoked: z.boolean() }),
    response: 'envelope',
    summary: 'Revokes the calling session.',
  },
  'auth/get-session': {
    method: 'GET',
    path: '/auth/session',
    access: SIGNED_IN,
    input: empty,
    output: z.object({ session: sessionSchema, account: accountSchema }),
    response: 'envelope',
    summary: 'The calling session and its account.',
  },
  'sync/push': {
    method: 'POST',
    path: '/sync/push',
    access: SIGNED_IN,
    input: pushRequestSchema,
    output: pushResponseSchema,
    response: 'envelope',
    summary: "Applies a batch of the client's outbox, each (client id, seq) exactly once and in order.",
    bodyLimitBytes: PUSH_BODY_LIMIT_BYTES,
  },
  'sync/pull': {
    method: 'POST',
    path: '/sync/pull',
    access: SIGNED_IN,
    input: pullRequestSchema,
    output: pullResponseSchema,
    response: 'envelope',
    summary: 'The changes after a cursor in commit order, or a reset.',
  },
  'sync/create-stream-ticket': {
    method: 'POST',
    path: '/sync/stream-ticket',
    access: SIGNED_IN,
    input: empty,
    output: streamTicketResponseSchema,
    response: 'envelope',
    summary: 'A short-lived, single-use ticket to open the live stream with.',
  },
  'sync/open-stream': {
    method: 'GET',
    path: '/sync/stream',
    access: 'stream-ticket',
    input: streamQuerySchema,
    output: z.never(),
    response: 'event-stream',
    summary: 'Server-sent events that poke the desktop to pull (coalesced); closes when access ends.',
  },
  'presence/report': {
    method: 'POST',
    path: '/presence',
    access: PRESENCE_ROLES,
    input: presenceReportSchema,
    output: presenceReportResponseSchema,
    response: 'envelope',
    summary:
      "Replaces what the calling session is on (tickets it views or replies to); a heartbeat, expiring without one. Told to the team's live streams, never stored.",
  },
  'admin/list-accounts': {
    method: 'GET',
    path: '/admin/accounts',
    access: ADMINS,
    input: empty,
    output: z.array(accountSchema),
    response: 'envelope',
    summary: 'Every account of the team.',
  },
  'admin/create-account': {
    method: 'POST',
    path: '/admin/accounts',
    access: ADMINS,
    input: z
      .object({
        email: accountEmailSchema,
        name: z.string().trim().min(1).max(200),
        role: roleSchema,
        password: newPasswordSchema,
        groupId: idSchema.nullable().optional(),
        timeZone: z.string().min(1).max(64).optional(),
        language: z.string().min(2).max(16).optional(),
      })
      .strict(),
    output: accountSchema,
    response: 'envelope',
    summary: 'Creates an account and its agent profile.',
  },
  'admin/disable-account': {
    method: 'POST',
    path: '/admin/accounts/:accountId/disable',
    access: ADMINS,
    input: accountIdInput,
    output: accountSchema,
    response: 'envelope',
    summary: "Disables an account: its sessions stop working at once and its live streams close.",
  },
  'admin/enable-account': {
    method: 'POST',
    path: '/admin/accounts/:accountId/enable',
    access: ADMINS,
    input: accountIdInput,
    output: accountSchema,
    response: 'envelope',
    summary: 'Lets a disabled account sign in again (its old sessions stay revoked).',
  },
  'admin/list-sessions': {
    method: 'GET',
    path: '/admin/accounts/:accountId/sessions',
    access: ADMINS,
    input: accountIdInput,
    output: z.array(sessionSchema),
    response: 'envelope',
    summary: "An account's sessions, newest first.",
  },
  'admin/revoke-sessions': {
    method: 'POST',
    path: '/admin/accounts/:accountId/revoke-sessions',
    access: ADMINS,
    input: accountIdInput,
    output: z.object({ revoked: z.number().int().nonnegative() }),
    response: 'envelope',
    summary: "Revokes every session of an account and closes its live streams.",
  },
  'admin/revoke-session': {
    method: 'POST',
    path: '/admin/sessions/:sessionId/revoke',
    access: ADMINS,
    input: z.object({ sessionId: idSchema }).strict(),
    output: z.object({ revoked: z.boolean() }),
    response: 'envelope',
    summary: 'Revokes one session and closes its live streams.',
  },
  'matrix/list-versions': {
    method: 'GET',
    path: '/matrix/versions',
    access: SIGNED_IN,
    input: empty,
    output: z.array(matrixVersionShapeSchema.omit({ document: true })),
    response: 'envelope',
    summary: 'Every published version of the escalation matrix, newest first, without their documents.',
  },
  'matrix/get-version': {
    method: 'GET',
    path: '/matrix/versions/:version',
    access: SIGNED_IN,
    input: z.object({ version: z.string().regex(/^[1-9][0-9]{0,8}$/, 'Not a version number').transform(Number) }).strict(),
    output: matrixVersionShapeSchema,
    response: 'envelope',
    summary: 'One published version of the escalation matrix with its document.',
  },
} as const satisfies Record<string, RouteDefinition>;

/** The API table's type. */
export type ServerApi = typeof serverApi;
/** A route name of the API. */
export type RouteName = keyof ServerApi;
/** Every route name, in table order. */
export const ROUTE_NAMES = Object.keys(serverApi) as RouteName[];
/** What a route takes, after validation. */
export type RouteInput<R extends RouteName> = z.output<ServerApi[R]['input']>;
/** What a route answers inside the envelope. */
export type RouteOutput<R extends RouteName> = z.output<ServerApi[R]['output']>;

/** Whether a role may call a route (a public route: everyone; a stream route: checked by its ticket). */
export function roleMayCall(route: RouteDefinition, role: Role | null): boolean {
  if (route.access === 'public' || route.access === 'stream-ticket') return true;
  return role !== null && route.access.includes(role);
}
