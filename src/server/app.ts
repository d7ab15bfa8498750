import http from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError, toErrorBody, type ErrorBody, type ErrorCode } from '../shared/contract/errors';
import { HTTP_STATUS_OF } from '../shared/contract/http-status';
import { ROUTE_NAMES, serverApi, type RouteDefinition, type RouteName } from '../shared/contract/server-api';
import { AccountService } from './auth/account-service';
import type { Actor } from './auth/actor';
import { AuthService, DEFAULT_AUTH_CONFIG, type AuthConfig } from './auth/auth-service';
import { RateLimitedError } from './auth/rate-limited-error';
import { handlers, type Handler, type RouteContext, type Services } from './http/handlers';
import { describeError, logger } from './log';
import type { Storage } from './storage/storage';
import { DEFAULT_STREAM_CONFIG, StreamHub, type StreamConfig } from './stream/stream-hub';

const log = logger('http');

/** Size and time limits of the HTTP server. */
export interface HttpLimits {
  /** The largest request body, in bytes (routes may allow more: see `bodyLimitBytes` in the route table). */
  bodyLimitBytes: number;
  /** The whole request (headers and body) must arrive within this; a slow client gets 408 and is cut off. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed (event streams excepted). */
  idleTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the request and header timeouts (their precision). */
  timeoutCheckIntervalMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  bodyLimitBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
};

export interface ServerOptions {
  storage: Storage;
  auth?: Partial<AuthConfig>;
  stream?: Partial<StreamConfig>;
  http?: Partial<HttpLimits>;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
}

function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return field === undefined ? { code, message } : { code, message, field };
}

function sendError(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(HTTP_STATUS_OF[body.code]).send({ ok: false, error: body });
}

/** Turns a schema failure into a `validation` error naming the first offending field. */
function validationError(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const issue = issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  return new AppError('validation', issue?.message ?? 'Invalid input', field);
}

/** The bearer token of a request, if it carries one. */
function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  return match ? match[1]! : null;
}

/** Path parameters, query (GET) or body (POST) as one object, or a `validation` error. */
function rawInput(route: RouteDefinition, request: FastifyRequest): Record<string, unknown> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const source: unknown = route.method === 'GET' ? request.query : request.body;
  // No body at all reads as `{}`; a JSON body must be an object (`null`, arrays and scalars are not).
  if (source === undefined) return { ...params };
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw new AppError('validation', 'The body must be a JSON object');
  for (const key of Object.keys(params)) {
    if (Object.hasOwn(source, key)) throw new AppError('validation', `${key} belongs in the path only`, key);
  }
  return { ...(source as Record<string, unknown>), ...params };
}

/**
 * The vendor backend's HTTP app. Every route comes from the one route table
 * (`src/shared/contract/server-api.ts`): its access rule is checked first (no session → 401, a
 * role not in the table → 403), then its input is validated with the shared schema, then its
 * handler runs. Every answer is the envelope; nothing leaves with a stack trace.
 */
export function createServer(options: ServerOptions): FastifyInstance {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const auth = new AuthService(options.storage, { ...DEFAULT_AUTH_CONFIG, ...options.auth });
  const streams = new StreamHub(options.storage, auth, { ...DEFAULT_STREAM_CONFIG, ...options.stream });
  const services: Services = { storage: options.storage, auth, accounts: new AccountService(options.storage), streams };

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    forceCloseConnections: true,
    return503OnClosing: true,
    // The timeouts live on the Node server: Fastify leaves them to us with a serverFactory.
    serverFactory: (handler) => {
      const server = http.createServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
          maxHeaderSize: 16 * 1024,
        },
        handler,
      );
      server.setTimeout(limits.idleTimeoutMs);
      return server;
    },
  });

  // JSON only: no text/plain bodies (a cross-site form could send one without a preflight).
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) reply.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
      return sendError(reply, error.toBody());
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, errorBody('too-large', 'The request body is too large'));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, errorBody('malformed', 'Send the body as application/json'));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, errorBody('malformed', 'The request is not valid JSON or HTTP'));
    }
    log.error('a request failed', { method: request.method, url: request.url.split('?')[0], ...describeError(error) });
    return sendError(reply, toErrorBody(error));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, errorBody('not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
  });

  for (const name of ROUTE_NAMES) registerRoute(app, name, services);

  streams.start();
  app.addHook('preClose', (done) => {
    // Open streams would keep close() waiting for every desktop to leave.
    streams.stop();
    done();
  });
  return app;
}

function registerRoute<R extends RouteName>(app: FastifyInstance, name: R, services: Services): void {
  const route: RouteDefinition = serverApi[name];
  const handler = handlers[name] as Handler<R>;
  app.route({
    method: route.method,
    url: route.path,
    ...(route.bodyLimitBytes !== undefined ? { bodyLimit: route.bodyLimitBytes } : {}),
    handler: async (request, reply) => {
      let actor: Actor | null = null;
      if (Array.isArray(route.access)) {
        const token = bearerToken(request);
        actor = token === null ? null : await services.auth.authenticate(token);
        if (!actor) return sendError(reply, errorBody('unauthorized', 'Sign in first: this needs a valid session'));
        if (!route.access.includes(actor.role)) {
          return sendError(reply, errorBody('forbidden', `The role ${actor.role} may not call ${name}`));
        }
      }
      const parsed = route.input.safeParse(rawInput(route, request));
      if (!parsed.success) throw validationError(parsed.error.issues);
      const ctx: RouteContext = { actor, request, reply, services };
      const value = await handler(parsed.data as never, ctx);
      if (route.response === 'event-stream') return reply;
      if (route.response === 'document') return reply.send(value);
      return reply.send({ ok: true, value });
    },
  });
}
