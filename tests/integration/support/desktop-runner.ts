// A desktop in a process of its own, so the convergence test can kill it with SIGKILL: the app's
// core (store, services, sync client with its live stream) on a data folder, driven over stdin.
// It syncs by itself as the app does (a push soon after each change, a pull on every poke), over
// a network with seeded faults, and can be told to kill itself at a moment of its sync.
//
//   node --import tsx tests/integration/support/desktop-runner.ts '<RunnerOptions as JSON>'
//
// stdin: one request a line, `{"id":…,"do":…}` (see Request). stdout, one line each:
//   ready                    the core is open and syncing (when it has a session)
//   token <token>            the session token after a sign-in (the test restarts with it)
//   answer <json>            {id, ok: true, value} or {id, ok: false, error}
//   crash <point>            written just before it kills itself at an armed crash point
import fs from 'node:fs';
import readline from 'node:readline';
import { openCore } from '../../../src/main/services/core';
import type { SyncCredentials } from '../../../src/main/services/sync/sync-service';
import { knownClientIds, listRejections, setCursor } from '../../../src/main/store/queries/sync-state';
import { toErrorBody } from '../../../src/shared/contract/errors';
import { performOp, type Op } from './convergence-ops';
import { faultyNetwork, noFaults, prng } from './faulty-network';
import { localSyncedData } from './synced-data';

/** Where the runner kills itself: as a push leaves, once the backend answered a push or a pull, or after a slice of a pull was applied. */
export type CrashPoint = 'push-sent' | 'push-answered' | 'pull-answered' | 'pull-apply';

export interface RunnerOptions {
  dataDir: string;
  /** The session token of an earlier run (null: not signed in yet). */
  token: string | null;
  faultSeed: number;
  faults: boolean;
}

export type Request =
  | { id: number; do: 'sign-in'; url: string; email: string; password: string }
  | { id: number; do: 'perform'; op: Op }
  | { id: number; do: 'set-online'; online: boolean }
  | { id: number; do: 'faults'; on: boolean }
  /** The next pull meets a cursor from another database: a reset, the outbox kept. */
  | { id: number; do: 'reset' }
  /** Kill itself at the `count`-th time `point` comes (counted from now). */
  | { id: number; do: 'arm'; point: CrashPoint; count: number }
  | { id: number; do: 'snapshot' }
  | { id: number; do: 'quit' };

/** What `snapshot` answers: the store's synced data (due times left out: the SLA clock derives them here), outbox and rejections. */
export interface RunnerSnapshot {
  data: ReturnType<typeof localSyncedData>;
  outbox: { seq: number; mutationId: string; name: string }[];
  rejections: { mutationId: string; final: boolean; code: string; field: string | null }[];
  clientIds: string[];
  faults: ReturnType<typeof noFaults>;
}

/** Writes a whole line with a blocking write, so an answer is on the pipe before anything else runs. */
function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(1, bytes, written);
    } catch (error) {
      // A non-blocking pipe that is full: wait for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

const options = JSON.parse(process.argv[2] ?? '') as RunnerOptions;
const random = prng(options.faultSeed);
const faults = { on: options.faults };
const counts = noFaults();
let armed: { point: CrashPoint; remaining: number } | null = null;
/** A pull was answered since the arm: change events from now on come from applying it. */
let pulling = false;
/** A local change is being made: its events are not a pull's. */
let performing = false;

function crash(point: CrashPoint): never {
  say(`crash ${point}`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: SIGKILL');
}

function due(point: CrashPoint): boolean {
  if (armed?.point !== point) return false;
  armed.remaining -= 1;
  return armed.remaining <= 0;
}

const network = faultyNetwork(random, faults, counts);
const crashingNetwork: typeof fetch = async (input, init) => {
  const url = String(input);
  const push = url.endsWith('/sync/push');
  const pull = url.endsWith('/sync/pull');
  if (push && due('push-sent')) {
    // The request leaves; the process dies within a few milliseconds, before or after the backend took it.
    network(input, init).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
    crash('push-sent');
  }
  const response = await network(input, init);
  // The backend acted and answered; the desktop never takes the answer in.
  if (push && due('push-answered')) crash('push-answered');
  if (pull && due('pull-answered')) crash('pull-answered');
  if (pull) pulling = true;
  return response;
};

const credentials: SyncCredentials = (() => {
  let token = options.token;
  return {
    load: () => token,
    save: (next) => {
      token = next;
      if (next !== null) say(`token ${next}`);
    },
  };
})();

const core = openCore({
  dataDir: options.dataDir,
  version: 'test',
  sync: {
    credentials,
    fetch: crashingNetwork,
    // Small pages applied in the smallest slices, so a pull is many transactions a kill can fall between.
    config: { initialBackoffMs: 20, maxBackoffMs: 200, pushDebounceMs: 10, pullLimit: 5, sliceBudgetMs: 1, live: true },
  },
});
const db = core.db;
if (!db) throw new Error(`the store did not open: ${core.storeError?.message}`);
core.events.subscribe((event) => {
  // Applied slices of a pull announce what they changed once they committed.
  if (performing || !pulling || !['ticket/changed', 'customer/changed', 'view/changed'].includes(event.name)) return;
  if (due('pull-apply')) crash('pull-apply');
});

function answer(id: number, run: () => unknown): void {
  try {
    say(`answer ${JSON.stringify({ id, ok: true, value: run() ?? null })}`);
  } catch (error) {
    say(`answer ${JSON.stringify({ id, ok: false, error: { ...toErrorBody(error), stack: (error as Error).stack } })}`);
  }
}

async function handle(request: Exclude<Request, { do: 'perform' }>): Promise<unknown> {
  switch (request.do) {
    case 'sign-in':
      return core.handlers['sync/sign-in']({ url: request.url, email: request.email, password: request.password });
    case 'set-online':
      return core.handlers['sync/set-online']({ online: request.online });
    case 'faults':
      faults.on = request.on;
      return null;
    case 'reset':
      setCursor(db!, 'zz00zz00zz00.1');
      return null;
    case 'arm':
      armed = { point: request.point, remaining: request.count };
      pulling = false;
      return null;
    case 'snapshot': {
      const snapshot: RunnerSnapshot = {
        data: localSyncedData(db!, { withDueAt: false }),
        outbox: db!.prepare<[], { seq: number; mutationId: string; name: string }>('SELECT seq, mutation_id AS mutationId, name FROM outbox ORDER BY seq').all(),
        rejections: listRejections(db!, 10_000).map((r) => ({ mutationId: r.mutationId, final: r.final, code: r.error.code, field: r.error.field ?? null })),
        clientIds: knownClientIds(db!),
        faults: counts,
      };
      return snapshot;
    }
    case 'quit':
      core.close();
      return null;
  }
}

const lines = readline.createInterface({ input: process.stdin });
// Requests are handled one at a time, in order: a change is answered before the next request is read.
let queue = Promise.resolve();
lines.on('line', (line) => {
  const request = JSON.parse(line) as Request;
  queue = queue.then(async () => {
    if (request.do === 'perform') {
      // The change and its acknowledgement in one synchronous run: no crash point (they all sit in
      // the sync client's asynchronous work) can fall between a committed change and its answer.
      performing = true;
      try {
        answer(request.id, () => performOp({ db: db!, handlers: core.handlers }, request.op));
      } finally {
        performing = false;
      }
      return;
    }
    let value: unknown;
    try {
      value = await handle(request);
    } catch (error) {
      answer(request.id, () => {
        throw error;
      });
      return;
    }
    answer(request.id, () => value);
    if (request.do === 'quit') process.exit(0);
  });
});
// The test went away: so does this desktop.
lines.on('close', () => process.exit(0));
say('ready');
