import { z } from 'zod';
import { AppError, type ErrorCode } from '../../../shared/contract/errors';
import { errorBodySchema } from '../../../shared/contract/envelope';
import { serverApi, type RouteInput, type RouteName, type RouteOutput } from '../../../shared/contract/server-api';
import { cursorSchema, mutationOutcomeSchema } from '../../../shared/contract/sync-protocol';
import type { PulledPage } from './pull-apply';

/** A failure the backend answered (or the network caused), with the HTTP status when there was one. */
export class BackendError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | null,
    field?: string,
  ) {
    super(code, message, field);
  }
}

/** The answer to a pull, its changes not yet validated (the page applier checks each in its slice). */
export type PullAnswer = ({ kind: 'changes' } & PulledPage) | { kind: 'reset'; reason: 'cursor-expired' | 'cursor-unknown'; message: string };

// Validating a page of a thousand values with the union schema in one go would stall the process
// for tens of milliseconds: the frame is checked here, each change later, slice by slice.
const pullFrameSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('changes'),
    changes: z.array(z.unknown()),
    cursor: cursorSchema,
    hasMore: z.boolean(),
    lastAppliedSeq: z.number().int().nonnegative().nullable(),
    mutations: z.array(mutationOutcomeSchema),
  }),
  z.object({ kind: z.literal('reset'), reason: z.enum(['cursor-expired', 'cursor-unknown']), message: z.string() }),
]);

/** How the desktop reaches the backend. */
export interface BackendClientOptions {
  /** The backend's base URL, e.g. `http://127.0.0.1:5318`. */
  baseUrl: string;
  /** The session token; null until signed in. */
  token: string | null;
  /** The fetch to use (tests wrap it to lose or repeat requests). */
  fetch?: typeof fetch;
  /** A request that takes longer than this is abandoned (and answered `offline`). */
  timeoutMs?: number;
}

/**
 * The backend's HTTP API as the desktop calls it: routes and schemas from the one route table
 * (`src/shared/contract/server-api.ts`), every answer unwrapped from the envelope. A request
 * that never got an answer (no network, refused, timed out, aborted) throws `offline`; an
 * answered failure throws its code.
 */
export class BackendClient {
  readonly baseUrl: string;
  token: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: BackendClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  login(input: RouteInput<'auth/login'>, signal?: AbortSignal): Promise<RouteOutput<'auth/login'>> {
    return this.call('auth/login', input, signal);
  }

  logout(signal?: AbortSignal): Promise<RouteOutput<'auth/logout'>> {
    return this.call('auth/logout', {}, signal);
  }

  push(input: RouteInput<'sync/push'>, signal?: AbortSignal): Promise<RouteOutput<'sync/push'>> {
    return this.call('sync/push', input, signal);
  }

  async pull(input: RouteInput<'sync/pull'>, signal?: AbortSignal): Promise<PullAnswer> {
    const value = await this.request('sync/pull', input, signal);
    const parsed = pullFrameSchema.safeParse(value);
    if (!parsed.success) throw new BackendError('malformed', 'The backend answered a pull in an unknown shape', null);
    return parsed.data;
  }

  createStreamTicket(signal?: AbortSignal): Promise<RouteOutput<'sync/create-stream-ticket'>> {
    return this.call('sync/create-stream-ticket', {}, signal);
  }

  /** Tells the backend what this session is on now (a heartbeat too); answers how long it holds. */
  reportPresence(input: RouteInput<'presence/report'>, signal?: AbortSignal): Promise<RouteOutput<'presence/report'>> {
    return this.call('presence/report', input, signal);
  }

  /** The URL of the live stream for a stream ticket (the ticket is the only credential it carries). */
  streamUrl(ticket: string): string {
    return `${this.baseUrl}${serverApi['sync/open-stream'].path}?ticket=${encodeURIComponent(ticket)}`;
  }

  private async call<R extends RouteName>(name: R, input: RouteInput<R>, signal?: AbortSignal): Promise<RouteOutput<R>> {
    const value = await this.request(name, input, signal);
    const parsed = serverApi[name].output.safeParse(value);
    if (!parsed.success) throw new BackendError('malformed', `The backend answered ${name} in an unknown shape`, null);
    return parsed.data as RouteOutput<R>;
  }

  private async request(name: RouteName, input: unknown, signal?: AbortSignal): Promise<unknown> {
    const route = serverApi[name];
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== null && Array.isArray(route.access)) headers.authorization = `Bearer ${this.token}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const init: RequestInit = { method: route.method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
    if (route.method === 'POST') {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(input);
    }
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${route.path}`, init);
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BackendError('offline', `The backend cannot be reached (${reason})`, null);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new BackendError(response.status >= 500 ? 'internal' : 'malformed', `The backend answered ${response.status} without JSON`, response.status);
    }
    const envelope = body as { ok?: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true && response.ok) return envelope.value;
    const error = errorBodySchema.safeParse(envelope.error);
    if (!error.success) throw new BackendError('internal', `The backend answered ${response.status} in an unknown shape`, response.status);
    throw new BackendError(error.data.code, error.data.message, response.status, error.data.field);
  }
}
