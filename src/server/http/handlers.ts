import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, assert } from '../../shared/contract/errors';
import type { RouteInput, RouteName, RouteOutput, ServerApi } from '../../shared/contract/server-api';
import { SYNC_PROTOCOL_VERSION } from '../../shared/contract/sync-protocol';
import type { AccountService } from '../auth/account-service';
import type { Actor } from '../auth/actor';
import type { AuthService } from '../auth/auth-service';
import type { Storage } from '../storage/storage';
import { describeError, logger } from '../log';
import type { StreamHub } from '../stream/stream-hub';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { buildOpenApi } from './openapi';
import { getMatrixVersion, listMatrixVersions } from '../sla/matrix-versions';

const log = logger('http');

/** What the handlers work with. */
export interface Services {
  storage: Storage;
  auth: AuthService;
  accounts: AccountService;
  streams: StreamHub;
}

/** One request as a handler sees it: the checked actor (null on public routes) and the raw request. */
export interface RouteContext {
  actor: Actor | null;
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
}

/** A handler answers its route's output; an event-stream handler takes the response over instead. */
export type Handler<R extends RouteName> = (
  input: RouteInput<R>,
  ctx: RouteContext,
) => Promise<ServerApi[R]['response'] extends 'event-stream' ? void : RouteOutput<R>>;

/** The actor of a route that requires a session (the access check ran before the handler). */
function actorOf(ctx: RouteContext): Actor {
  assert(ctx.actor, 'a signed-in route has an actor');
  return ctx.actor;
}

let openApiDocument: Record<string, unknown> | null = null;

/** Every route's handler: a mapped type over the route table, so a missing one fails to compile. */
export const handlers: { [R in RouteName]: Handler<R> } = {
  'server/get-health': async () => ({ status: 'up', protocolVersion: SYNC_PROTOCOL_VERSION }),
  'server/get-openapi': async () => {
    openApiDocument ??= buildOpenApi(process.env.npm_package_version ?? '0.1.0');
    return openApiDocument;
  },
  'auth/login': async (input, { request, services }) => services.auth.login(input.email, input.password, request.ip),
  'auth/logout': async (_input, ctx) => {
    const actor = actorOf(ctx);
    return { revoked: await ctx.services.auth.revokeSession(actor.sessionId, actor.accountId) };
  },
  'auth/get-session': async (_input, ctx) => ctx.services.auth.describe(actorOf(ctx)),
  'sync/push': async (input, ctx) => push(ctx.services.storage, actorOf(ctx), input),
  'sync/pull': async (input, ctx) => pull(ctx.services.storage, actorOf(ctx), input),
  'sync/create-stream-ticket': async (_input, ctx) => ctx.services.auth.createStreamTicket(actorOf(ctx)),
  'sync/open-stream': async (input, { reply, services }) => {
    const actor = await services.auth.redeemStreamTicket(input.ticket);
    if (!actor) throw new AppError('unauthorized', 'The stream ticket is unknown, used or expired: get a new one', 'ticket');
    reply.hijack();
    try {
      await services.streams.open(actor, reply.raw);
    } catch (error) {
      // The response is ours now: the error handler cannot answer it, so end it here.
      log.error('a live stream failed to open', describeError(error));
      reply.raw.destroy();
    }
  },
  'presence/report': async (input, ctx) => ctx.services.streams.reportPresence(actorOf(ctx), input.tickets),
  'admin/list-accounts': async (_input, { services }) => services.accounts.list(),
  'admin/create-account': async (input, ctx) => {
    const { password, ...rest } = input;
    const passwordHash = await ctx.services.auth.hashPassword(password);
    return ctx.services.accounts.create({ ...rest, passwordHash }, actorOf(ctx).accountId);
  },
  'admin/disable-account': async (input, ctx) => ctx.services.accounts.disable(input.accountId, actorOf(ctx).accountId),
  'admin/enable-account': async (input, ctx) => ctx.services.accounts.enable(input.accountId, actorOf(ctx).accountId),
  'admin/list-sessions': async (input, { services }) => services.accounts.sessions(input.accountId),
  'admin/revoke-sessions': async (input, ctx) => ({
    revoked: await ctx.services.auth.revokeSessionsOf(input.accountId, actorOf(ctx).accountId),
  }),
  'admin/revoke-session': async (input, ctx) => ({
    revoked: await ctx.services.auth.revokeSession(input.sessionId, actorOf(ctx).accountId),
  }),
  'matrix/list-versions': async (_input, { services }) => listMatrixVersions(services.storage),
  'matrix/get-version': async (input, { services }) => getMatrixVersion(services.storage, input.version),
};
