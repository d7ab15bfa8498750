// kill -9 at any moment loses no committed action and never corrupts the store (DESIGN §6).
// A child process (crash-writer.ts) changes tickets through TicketService and acknowledges each
// commit on stdout; this test kills it with SIGKILL after a random delay, several rounds on the
// same file, and checks after each round that the store is intact, that every acknowledged change
// is there with its outbox row and audit event, and that no outbox row lacks its effect.
// Replay a failure with CRASH_SEED=<seed>.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Message } from '../../src/shared/domain/message';
import type { Ticket } from '../../src/shared/domain/ticket';
import { openStore, type Db } from '../../src/main/store/db';
import { getMeta } from '../../src/main/store/queries/meta';
import { getMessage } from '../../src/main/store/queries/messages';
import { listOutbox, type OutboxEntry } from '../../src/main/store/queries/outbox';
import { getTicket } from '../../src/main/store/queries/tickets';
import { addWorld, makeTempDir, removeTempDir, type World } from '../../src/main/store/test-builders';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ROUNDS = 8;
/** The longest the writer runs after it said ready; each round picks a random delay below it. */
const MAX_RUN_MS = 400;

const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2_147_483_647);

/** mulberry32: a small seeded generator, so a failing round can be replayed with its seed. */
function seededRandom(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Ack =
  | { seq: number; ticketId: string; kind: 'update'; patch: Record<string, unknown> }
  | { seq: number; ticketId: string; kind: 'message'; messageId: string; marker: string };

let dir: string;
let child: ChildProcess | null = null;

beforeEach(() => {
  dir = makeTempDir('sc-crash-');
});

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  removeTempDir(dir);
});

/** Runs the writer until it has worked `runMs` after saying ready, then kills it with SIGKILL. */
async function runAndKill(file: string, round: number, agentId: string, runMs: number): Promise<{ acks: Ack[]; killed: boolean }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, file, String(round), agentId], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SC_LOG: 'silent' },
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );

  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (stdout.startsWith('ready ') || proc.exitCode !== null) {
          clearInterval(poll);
          resolve(stdout.startsWith('ready '));
        }
      }, 2);
    }),
    closed.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
  ]);
  if (!ready) {
    proc.kill('SIGKILL');
    await closed;
    throw new Error(`round ${round}: the writer did not start (seed=${seed})\n${stderr}`);
  }
  await new Promise((resolve) => setTimeout(resolve, runMs));
  proc.kill('SIGKILL');
  const { signal } = await closed;

  // Only whole lines count: the kill may cut the last one.
  const lines = stdout.split('\n').slice(0, -1);
  const acks = lines.filter((line) => line.startsWith('ack ')).map((line) => JSON.parse(line.slice(4)) as Ack);
  return { acks, killed: signal === 'SIGKILL' };
}

/** A copy of the store files as the kill left them (the WAL included, the shared-memory index not). */
function copyAsFound(file: string, round: number): string {
  const copyDir = path.join(dir, `after-round-${round}`);
  fs.mkdirSync(copyDir);
  const copy = path.join(copyDir, path.basename(file));
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

interface Found {
  integrity: unknown;
  seqs: number[];
  nextSeq: string | undefined;
  acks: unknown[];
  audit: unknown[];
  befores: unknown[];
  tickets: (Ticket | undefined)[];
  messages: (Message | undefined)[];
}

/**
 * What the store holds, next to what it must hold: the initial world with every outbox row's
 * effect replayed in seq order. Equal halves mean no acknowledged change is lost, every outbox row
 * has its effect and audit event, and no effect lacks its outbox row.
 */
function inspect(db: Db, world: World, acks: Ack[]): { found: Found; expected: Found } {
  const outbox = listOutbox(db, Number.MAX_SAFE_INTEGER);
  const bySeq = new Map(outbox.map((row) => [row.seq, row]));
  const maxSeq = outbox.at(-1)?.seq ?? 0;

  const audit = db
    .prepare<[], { entity_id: string; action: string; data: string }>('SELECT entity_id, action, data FROM audit_events ORDER BY id')
    .all()
    .map((row) => {
      const data = JSON.parse(row.data) as { seq: number; mutationId: string };
      return { seq: data.seq, mutationId: data.mutationId, entityId: row.entity_id, action: row.action };
    });
  const messageIds = db.prepare<[], string>('SELECT id FROM messages ORDER BY id').pluck().all();

  // The model: replay the outbox over the initial world.
  const tickets = new Map(world.tickets.map((ticket) => [ticket.id, { ...ticket }]));
  const messages = new Map(world.messages.map((message) => [message.id, message]));
  const befores: unknown[] = [];
  const expectedAudit: unknown[] = [];
  for (const row of outbox) {
    const args = row.args as { ticketId: string };
    const ticket = tickets.get(args.ticketId);
    if (!ticket) throw new Error(`outbox row ${row.seq} names an unknown ticket ${args.ticketId}`);
    if (row.name === 'ticket/update-fields') {
      const { patch, updatedAt } = row.args as { patch: Partial<Ticket>; updatedAt: number };
      const old = Object.fromEntries(Object.keys(patch).map((key) => [key, ticket[key as keyof Ticket]]));
      befores.push({ ...old, updatedAt: ticket.updatedAt, solvedAt: ticket.solvedAt });
      Object.assign(ticket, patch, { updatedAt });
      expectedAudit.push({ seq: row.seq, mutationId: row.mutationId, entityId: ticket.id, action: 'fields-updated' });
    } else if (row.name === 'ticket/add-message') {
      const { messageId, kind, body, createdAt } = row.args as { messageId: string; kind: Message['kind']; body: string; createdAt: number };
      befores.push({ updatedAt: ticket.updatedAt });
      ticket.updatedAt = createdAt;
      messages.set(messageId, {
        id: messageId,
        ticketId: ticket.id,
        kind,
        authorType: 'agent',
        authorId: world.agent.id,
        authorName: world.agent.name,
        channel: ticket.channel,
        bodyFormat: 'markdown',
        body,
        attachments: [],
        createdAt,
      });
      expectedAudit.push({ seq: row.seq, mutationId: row.mutationId, entityId: ticket.id, action: kind === 'reply' ? 'reply-added' : 'note-added' });
    } else {
      throw new Error(`outbox row ${row.seq} has an unexpected name ${row.name}`);
    }
  }

  const asAcked = (ack: Ack, row: OutboxEntry | undefined): unknown => {
    if (!row) return { seq: ack.seq, missing: 'no outbox row' };
    const args = row.args as { ticketId: string; patch?: unknown; messageId?: string; body?: string };
    return row.name === 'ticket/update-fields'
      ? { seq: row.seq, ticketId: args.ticketId, kind: 'update', patch: args.patch }
      : { seq: row.seq, ticketId: args.ticketId, kind: 'message', messageId: args.messageId, marker: args.body?.split(' ')[0] };
  };

  const found: Found = {
    integrity: db.pragma('integrity_check', { simple: true }),
    seqs: outbox.map((row) => row.seq),
    nextSeq: getMeta(db, 'next_seq'),
    acks: acks.map((ack) => asAcked(ack, bySeq.get(ack.seq))),
    audit,
    befores: outbox.map((row) => row.before),
    tickets: world.tickets.map((ticket) => getTicket(db, ticket.id)),
    messages: messageIds.map((id) => getMessage(db, id)),
  };
  const expected: Found = {
    integrity: 'ok',
    // Nothing confirms outbox rows here, so they are exactly 1..n, and the counter is past them.
    seqs: Array.from({ length: maxSeq }, (_, i) => i + 1),
    nextSeq: maxSeq === 0 ? '1' : String(maxSeq + 1),
    acks,
    audit: expectedAudit,
    befores,
    tickets: [...tickets.values()],
    messages: [...messages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  return { found, expected };
}

function inspectStore(file: string, world: World, acks: Ack[]): { found: Found; expected: Found } {
  // Opened the way the app opens it after a crash: read-only inspection, then WAL recovery.
  const db = openStore(file);
  try {
    return inspect(db, world, acks);
  } finally {
    db.close();
  }
}

test('loses no acknowledged change and keeps the store intact when the writer is killed with SIGKILL', { timeout: 60_000 }, async () => {
  console.log(`crash test: seed=${seed} rounds=${ROUNDS}`);
  const random = seededRandom(seed);
  const file = path.join(dir, 'support-console.db');
  const db = openStore(file);
  const world = addWorld(db, { tickets: 5, messagesPerTicket: 1 });
  db.close();

  const acks: Ack[] = [];
  let seqBefore = 0;
  const rounds: unknown[] = [];
  const expectedRounds: unknown[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const runMs = Math.floor(random() * MAX_RUN_MS);
    const run = await runAndKill(file, round, world.agent.id, runMs);
    acks.push(...run.acks);

    // Check a copy, so the next round's writer starts on the hot files exactly as the kill left them.
    const { found, expected } = inspectStore(copyAsFound(file, round), world, acks);
    expect(found, `seed=${seed} round=${round} runMs=${runMs}`).toEqual(expected);

    // The round went on from where the last one stopped: its acks are the next seqs in a row, and
    // at most the one change committed just before the kill went unacknowledged.
    const seqAfter = found.seqs.at(-1) ?? 0;
    console.log(`round ${round}: killed after ${runMs} ms, ${run.acks.length} acknowledged, ${seqAfter} changes in the store`);
    const acked = run.acks.map((ack) => ack.seq);
    const lastAcked = acked.at(-1) ?? seqBefore;
    rounds.push({ round, killed: run.killed, acked, unacknowledged: seqAfter - lastAcked <= 1 });
    expectedRounds.push({
      round,
      killed: true,
      acked: Array.from({ length: acked.length }, (_, i) => seqBefore + 1 + i),
      unacknowledged: true,
    });
    seqBefore = seqAfter;
  }
  expect(rounds, `seed=${seed}`).toEqual(expectedRounds);

  // The original files, after the last kill, as the next start of the app finds them.
  const { found, expected } = inspectStore(file, world, acks);
  expect(found, `seed=${seed} original file`).toEqual(expected);
  // The test proved something only if changes were made and acknowledged.
  expect(acks.length, `seed=${seed}`).toBeGreaterThan(ROUNDS);
});
