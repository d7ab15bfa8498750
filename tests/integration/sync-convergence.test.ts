// Randomised convergence (DESIGN.md §7a): three desktops against the real backend, random
// operations (conflicting field edits, messages, refused changes), random offline periods, app
// restarts, requests that reach the backend twice, answers lost after the backend applied them,
// late copies of old pushes, and a backend restart. In the end every desktop holds exactly the
// backend's data, no mutation is lost and none was applied twice. The seed is printed; replay
// with SYNC_SEED=<seed>.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { setCursor } from '../../src/main/store/queries/sync-state';
import { insertAgent } from '../../src/main/store/queries/team';
import { newId } from '../../src/shared/domain/ids';
import type { TicketFieldsPatch } from '../../src/shared/domain/ticket';
import {
  localMessages,
  localTickets,
  openDesktop,
  outboxRows,
  serverTruth,
  startBackend,
  type TestBackend,
  type TestDesktop,
} from './support/desktop-kit';
import { issueSession, TEST_PASSWORD } from './support/server-kit';

const ROLES = ['agent', 'lead', 'admin'] as const;

type Step =
  | { kind: 'fields'; client: number; ticket: number; patch: TicketFieldsPatch }
  | { kind: 'message'; client: number; ticket: number; body: string }
  | { kind: 'refused'; client: number; ticket: number }
  | { kind: 'offline' | 'online' | 'sync' | 'restart-app' | 'reset'; client: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'restart-backend'; downMs: number };

const client = fc.integer({ min: 0, max: 2 });
const ticket = fc.integer({ min: 0, max: 3 });
const patch: fc.Arbitrary<TicketFieldsPatch> = fc.oneof(
  fc.record({ priority: fc.constantFrom('low', 'normal', 'high', 'urgent') }),
  fc.record({ status: fc.constantFrom('open', 'pending', 'on-hold', 'solved') }),
  fc.record({ tags: fc.array(fc.constantFrom('vip', 'billing', 'bug', 'refund'), { maxLength: 2 }) }),
  fc.record({ category: fc.constantFrom('billing', 'technical', null) }),
  fc.record({ priority: fc.constantFrom('high', 'urgent'), status: fc.constantFrom('open', 'pending') }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('fields' as const), client, ticket, patch }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('message' as const), client, ticket, body: fc.constantFrom('On it.', 'Fixed in 4.2', 'Can you send a screenshot?', 'Escalating.') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refused' as const), client, ticket }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const, 'sync' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('restart-app' as const, 'reset' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-backend' as const), downMs: fc.integer({ min: 0, max: 80 }) }) },
);

/** A small seeded PRNG for the network faults (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A network between one desktop and the backend that, while `faults.on`, sometimes delivers a
 * push or pull twice, loses the answer after the backend acted on it, fails before sending, or
 * later delivers a late copy of an old push.
 */
/** How many faults the network made, over every run. */
const injected = { twice: 0, lost: 0, down: 0, late: 0, backendRestarts: 0, resets: 0 };

function faultyNetwork(random: () => number, faults: { on: boolean }): typeof fetch {
  const oldPushes: { url: string; init: RequestInit }[] = [];
  return async (input, init) => {
    const url = String(input);
    const syncCall = url.endsWith('/sync/push') || url.endsWith('/sync/pull');
    if (!faults.on || !syncCall) return fetch(input, init);
    const roll = random();
    if (url.endsWith('/sync/push')) {
      oldPushes.push({ url, init: { method: 'POST', headers: init?.headers as Record<string, string>, body: init?.body as string } });
      if (oldPushes.length > 20) oldPushes.shift();
      if (random() < 0.15) {
        // A late copy of an earlier push arrives (its answer goes nowhere).
        const late = oldPushes[Math.floor(random() * oldPushes.length)]!;
        injected.late += 1;
        await fetch(late.url, late.init).then((response) => response.text()).catch(() => undefined);
      }
    }
    if (roll < 0.05) {
      injected.down += 1;
      throw new TypeError('fetch failed: the network is down');
    }
    if (roll < 0.15) {
      injected.lost += 1;
      await fetch(input, init).then((response) => response.text());
      throw new TypeError('fetch failed: the answer was lost');
    }
    if (roll < 0.3) {
      injected.twice += 1;
      await fetch(input, init).then((response) => response.text());
    }
    return fetch(input, init);
  };
}

interface Made {
  mutationId: string;
  refused: boolean;
  /** The message a `ticket/add-message` made. */
  messageId?: string;
}

async function runScenario(steps: Step[], faultSeed: number): Promise<void> {
  const backend: TestBackend = await startBackend({ tickets: 4 });
  // The first sync of each desktop goes through a healthy network; the faults start after.
  const faults = { on: false };
  const desktops: TestDesktop[] = [];
  const networks = ROLES.map((_, i) => faultyNetwork(prng(faultSeed + i), faults));
  const made: Made[][] = ROLES.map(() => []);
  const ghosts: string[] = [];
  try {
    for (const [i, role] of ROLES.entries()) {
      const desktop = openDesktop({ fetch: networks[i]!, config: { live: i !== 2 } });
      await desktop.sync.signIn({ url: backend.base, email: `${role}@support.example`, password: TEST_PASSWORD });
      ghosts.push(newId());
      desktops.push(desktop);
      await desktop.client().syncNow();
    }
    faults.on = true;
    const newest = (desktop: TestDesktop) => outboxRows(desktop.db).at(-1)!.mutationId;
    for (const s of steps) {
      switch (s.kind) {
        case 'fields': {
          const desktop = desktops[s.client]!;
          const before = outboxRows(desktop.db).at(-1)?.mutationId;
          desktop.tickets.updateFields({ ticketId: backend.world.tickets[s.ticket]!.id, patch: s.patch });
          // A patch equal to the ticket's values changes nothing and makes no mutation.
          const after = outboxRows(desktop.db).at(-1)?.mutationId;
          if (after !== undefined && after !== before) made[s.client]!.push({ mutationId: after, refused: false });
          break;
        }
        case 'message': {
          const desktop = desktops[s.client]!;
          const message = desktop.tickets.addMessage({ ticketId: backend.world.tickets[s.ticket]!.id, kind: 'reply', body: s.body });
          made[s.client]!.push({ mutationId: newest(desktop), refused: false, messageId: message.id });
          break;
        }
        case 'refused': {
          const desktop = desktops[s.client]!;
          const ticketId = backend.world.tickets[s.ticket]!.id;
          // An agent this desktop knows and the backend does not: assigning to them is refused.
          // (Made again when a reset's rebuild swept it: the backend never had it.)
          const ghost = ghosts[s.client]!;
          if (!desktop.db.prepare('SELECT 1 FROM agents WHERE id = ?').get(ghost)) {
            insertAgent(desktop.db, { id: ghost, name: 'Ghost', email: 'ghost@elsewhere.example', role: 'agent', groupId: null, timeZone: 'UTC', language: 'en' }, 1);
          }
          if (localTickets(desktop.db).find((t) => t.id === ticketId)?.assigneeId === ghosts[s.client]) break;
          desktop.tickets.updateFields({ ticketId, patch: { assigneeId: ghosts[s.client]! } });
          made[s.client]!.push({ mutationId: newest(desktop), refused: true });
          break;
        }
        case 'offline':
          desktops[s.client]!.sync.setOnline(false);
          break;
        case 'online':
          desktops[s.client]!.sync.setOnline(true);
          break;
        case 'sync':
          if (!desktops[s.client]!.sync.status().workOffline) await desktops[s.client]!.client().syncNow();
          break;
        case 'restart-app':
          desktops[s.client] = desktops[s.client]!.reopen();
          break;
        case 'reset':
          // The next pull meets a cursor from another database: a reset, the outbox kept.
          setCursor(desktops[s.client]!.db, 'zz00zz00zz00.1');
          injected.resets += 1;
          break;
        case 'wait':
          await new Promise((resolve) => setTimeout(resolve, s.ms));
          break;
        case 'restart-backend':
          await backend.restart(s.downMs);
          injected.backendRestarts += 1;
          break;
      }
    }

    // The network heals and everyone comes online: sync until every outbox is empty and every
    // desktop has pulled after the last push.
    faults.on = false;
    for (const desktop of desktops) desktop.sync.setOnline(true);
    for (let round = 0; round < 3; round += 1) {
      for (const desktop of desktops) await desktop.client().syncNow();
    }
    const token = (await issueSession(backend.storage, backend.world.accounts.admin.id)).token;
    const truth = await serverTruth(backend, token);
    const results = await backend.storage.write(async (tx) =>
      Promise.all(made.flat().map(async (m) => ({ ...m, result: await tx.firstResultOf(m.mutationId) }))),
    );
    const history = (await backend.storage.read((tx) => Promise.all(backend.world.tickets.map((t) => tx.listFieldChanges(t.id))))).flat();
    const writes = history.filter((change) => change.changedBy.mutationId !== null).map((change) => `${change.changedBy.mutationId}:${change.field}`);

    for (const [i, desktop] of desktops.entries()) {
      expect({ desktop: i, tickets: localTickets(desktop.db), messages: localMessages(desktop.db), outbox: outboxRows(desktop.db) }).toEqual({
        desktop: i,
        tickets: truth.tickets,
        messages: truth.messages,
        outbox: [],
      });
      const rejected = desktop.sync.status().rejections.filter((r) => r.final).map((r) => r.mutationId).sort();
      expect({ desktop: i, rejected }).toEqual({ desktop: i, rejected: made[i]!.filter((m) => m.refused).map((m) => m.mutationId).sort() });
    }
    // Nothing lost: every mutation has exactly the outcome it deserved.
    expect(results.filter((r) => r.result?.outcome !== (r.refused ? 'rejected' : 'applied')).map((r) => r.mutationId)).toEqual([]);
    // Nothing twice: each mutation wrote each field at most once, and each message exists once.
    expect(writes.filter((key, index) => writes.indexOf(key) !== index)).toEqual([]);
    expect(truth.messages.map((m) => m.id).sort()).toEqual(made.flat().flatMap((m) => (m.messageId ? [m.messageId] : [])).sort());
  } finally {
    for (const desktop of desktops) desktop.remove();
    await backend.close();
  }
}

test('converges three desktops with faults, offline periods and restarts: nothing lost, nothing twice', async () => {
  const seed = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.info(`[sync-convergence] seed ${seed} (replay with SYNC_SEED=${seed})`);
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 45 }), fc.integer({ min: 1, max: 2 ** 30 }), async (steps, faultSeed) => {
      await runScenario(steps, faultSeed);
    }),
    { seed, numRuns: Number(process.env.SYNC_RUNS ?? 5), endOnFailure: true },
  );
  console.info(`[sync-convergence] faults injected: ${JSON.stringify(injected)}`);
}, 120_000);
