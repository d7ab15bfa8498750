import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
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
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** The largest request body the host accepts, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How often an idle event stream gets a comment line, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

export interface HostOptions {
  core: Core;
  /** The built renderer (index.html and assets); omitted, only the API is served. */
  rendererDir?: string;
}

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
    // The method name is the rest of the path (`/rpc/ticket/list`); keep it whole.
    routerOptions: { maxParamLength: 200 },
  });

  // JSON only: Fastify also parses text/plain by default, a type a cross-site form may send
  // without a preflight.
  app.removeContentTypeParser('text/plain');

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

  // Method names contain a slash (`ticket/list`), so the whole rest of the path is the name.
  app.post<{ Params: { '*': string } }>('/rpc/*', async (request, reply) => {
    const result = await dispatch(core.handlers, request.params['*'], request.body ?? {});
    if (result.ok) return reply.send(result);
    return reply.code(HTTP_STATUS_OF[result.error.code]).send(result);
  });

  // Open event streams never go idle, so closing the server would wait for every browser tab to
  // leave; they are ended first instead (EventSource reconnects to whoever listens next).
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });

  app.get('/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    streams.add(res);
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
      streams.delete(res);
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
      // @fastify/static 10 hands over the reply, not the raw response.
      setHeaders: (reply) => reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY),
    });
  }
  return app;
}
