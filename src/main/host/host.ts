import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { appContract } from '../../shared/contract/app-contract';
import { AppError, type ErrorBody, type ErrorCode } from '../../shared/contract/errors';
import { HTTP_STATUS_OF } from '../../shared/contract/http-status';
import type { AppEvent } from '../../shared/contract/app-events';
import { dispatch } from '../services/handlers';
import type { Core } from '../services/core';

/** The largest request body the host accepts, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How often an idle event stream gets a comment line, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

export interface HostOptions {
  core: Core;
  /** The built renderer (index.html and assets); omitted, only the API is served. */
  rendererDir?: string;
}

/** The Content-Security-Policy of the workspace page: our own code only, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function sendError(reply: FastifyReply, code: ErrorCode, message: string, field?: string): FastifyReply {
  const error: ErrorBody = field === undefined ? { code, message } : { code, message, field };
  return reply.code(HTTP_STATUS_OF[code]).send({ ok: false, error });
}

/**
 * The browser host: the app contract over HTTP for the renderer in a plain browser (and for
 * tests). `POST /rpc/<method>` answers the one envelope, `GET /rpc` lists the methods with their
 * input schemas, `GET /events` streams app events as SSE, and `/` serves the built workspace.
 * It listens on loopback only; cross-site pages are kept out by requiring a JSON content type
 * (which forces a CORS preflight that is never granted) and by checking `Origin`.
 */
export async function createHost(options: HostOptions): Promise<FastifyInstance> {
  const { core } = options;
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    logger: false,
    // The method name is a path segment; keep it whole.
    routerOptions: { maxParamLength: 200 },
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 'too-large', `The request is larger than ${MAX_BODY_BYTES} bytes`);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, 'malformed', 'Send the input as application/json');
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, 'malformed', 'The request body is not valid JSON');
    }
    return sendError(reply, 'internal', 'Something went wrong inside Support Console.');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 'not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}`));

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
      return sendError(reply, 'forbidden', 'Requests from other sites are refused');
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return undefined;
  });

  app.get('/rpc', async () => ({
    ok: true,
    value: Object.entries(appContract).map(([name, method]) => ({
      name,
      input: z.toJSONSchema(method.input, { io: 'input', unrepresentable: 'any' }),
    })),
  }));

  app.post<{ Params: { method: string } }>('/rpc/:method', async (request, reply) => {
    const result = await dispatch(core.handlers, request.params.method, request.body ?? {});
    if (result.ok) return reply.send(result);
    return reply.code(HTTP_STATUS_OF[result.error.code]).send(result);
  });

  app.get('/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    const send = (event: AppEvent) => res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    const unsubscribe = core.events.subscribe(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  if (options.rendererDir !== undefined) {
    const root = path.resolve(options.rendererDir);
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      throw new AppError('not-found', `The workspace is not built: ${root} has no index.html (run npm run build)`);
    }
    await app.register(fastifyStatic, {
      root,
      index: ['index.html'],
      wildcard: false,
      setHeaders: (res) => res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY),
    });
  }
  return app;
}
