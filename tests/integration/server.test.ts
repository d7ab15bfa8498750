import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/server/app';
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/contract/sync-protocol';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = createServer();
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => app.close());

test('answers the health check with the protocol version when the backend is up', async () => {
  const response = await fetch(`${base}/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, value: { status: 'up', protocolVersion: SYNC_PROTOCOL_VERSION } });
});
