// `sla/calculate` over the browser host's HTTP: a real core on a store in a temp folder, a
// loopback port, fetch. The same contract method the renderer reaches over IPC in Electron.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHost } from '../../src/main/host/host';
import { openCore, type Core } from '../../src/main/services/core';

let dir: string;
let core: Core;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sla-'));
  core = openCore({ dataDir: dir, version: '0.0.0-test', seedTickets: 0 });
  app = await createHost({ core });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the host has no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  const closed = app.close();
  app.server.closeAllConnections();
  await closed;
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const weekday = [['09:00', '17:00']];
const calendar = {
  timeZone: 'America/New_York',
  weeklyHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
  holidays: ['2026-11-26'],
};

async function post(input: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/rpc/sla/calculate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

test('answers the due time over HTTP when POST /rpc/sla/calculate is given minutes', async () => {
  // Wed 25 November 16:00 New York + 120: Wed 16–17 (60), Thanksgiving, Fri 09:00–10:00 (60) → Fri 10:00 −05:00
  const answer = await post({ calendar, start: '2026-11-25T21:00:00Z', minutes: 120 });
  expect(answer).toEqual({
    status: 200,
    body: {
      ok: true,
      value: expect.objectContaining({ kind: 'due', dueAt: '2026-11-27T10:00:00-05:00', dueAtMs: Date.parse('2026-11-27T15:00:00Z') }),
    },
  });
});

test('refuses a bad calendar over HTTP with 400 and the offending field', async () => {
  const answer = await post({ calendar: { ...calendar, weeklyHours: { ...calendar.weeklyHours, tue: [['09:00', '25:00']] } }, start: '2026-11-25T21:00:00Z', minutes: 60 });
  expect(answer).toEqual({
    status: 400,
    body: { ok: false, error: { code: 'validation', message: '25:00 is not a time HH:MM between 00:00 and 24:00', field: 'calendar.weeklyHours.tue.0.1' } },
  });
});

test('lists sla/calculate with its input schema when GET /rpc is asked', async () => {
  const response = await fetch(`${base}/rpc`);
  const body = (await response.json()) as { value: { name: string; input: { type: string; required: string[] } }[] };
  const method = body.value.find((m) => m.name === 'sla/calculate');
  expect(method && { type: method.input.type, required: method.input.required }).toEqual({ type: 'object', required: ['calendar', 'start'] });
});
