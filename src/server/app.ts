import Fastify, { type FastifyInstance } from 'fastify';
import { SYNC_PROTOCOL_VERSION } from '../shared/contract/sync-protocol';

/**
 * The vendor backend's HTTP app. For now it answers health checks and names the sync
 * protocol it speaks; accounts, push, pull and the live stream come with the sync work.
 */
export function createServer(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, requestTimeout: 30_000 });
  app.get('/health', async () => ({ ok: true, value: { status: 'up', protocolVersion: SYNC_PROTOCOL_VERSION } }));
  return app;
}
