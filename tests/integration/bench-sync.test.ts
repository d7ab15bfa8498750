// `npm run bench:sync` at a small size, as CI runs it: every sync figure of DESIGN.md §5 is
// printed once (the backend's push throughput once per storage), as a well-formed JSON line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = {
  BENCH_SYNC_CLIENTS: 10,
  BENCH_SYNC_CLIENT_MUTATIONS: 40,
  BENCH_SYNC_BOOTSTRAP_TICKETS: 800,
  BENCH_SYNC_CATCHUP_STORE: 2000,
  BENCH_SYNC_CATCHUP_CHANGES: 800,
  BENCH_SYNC_TICKETS: 400,
  BENCH_SYNC_PUSH: 200,
  BENCH_SYNC_LIVE: 5,
};

/** A figure line as DESIGN.md §5 shows it; a figure that depends on the backend's storage names it. */
const figureSchema = z
  .object({
    metric: z.string(),
    value: z.number().refine(Number.isFinite, 'a finite number'),
    budget: z.number().refine(Number.isFinite, 'a finite number'),
    goal: z.number().refine(Number.isFinite, 'a finite number'),
    better: z.enum(['lower', 'higher']),
    size: z.number().int().positive(),
    storage: z.enum(['sqlite', 'postgres']).optional(),
  })
  .strict();

let cacheDir: string;
let run: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-sync-cache-'));
  const child = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['bench/sync.ts'], {
    cwd: root,
    env: { ...process.env, ...Object.fromEntries(Object.entries(SIZES).map(([name, value]) => [name, String(value)])), BENCH_CACHE_DIR: cacheDir },
    encoding: 'utf8',
    timeout: 420_000,
  });
  run = { status: child.status, stdout: child.stdout, stderr: child.stderr };
}, 480_000);

afterAll(() => {
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

function figures() {
  return run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => figureSchema.parse(JSON.parse(line)));
}

test('exits cleanly when run at a small size', () => {
  expect({ status: run.status, stderrTail: run.status === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ status: 0, stderrTail: '' });
});

test('prints every sync figure once, the push throughput once per storage, when run', () => {
  const names = figures().map((figure) => (figure.storage ? `${figure.metric}:${figure.storage}` : figure.metric));
  expect([...names].sort()).toEqual(
    [
      'backend_mutations_per_s:postgres',
      'backend_mutations_per_s:sqlite',
      'bootstrap_100k_s',
      'catchup_50k_s',
      'live_visible_p95_ms',
      'longest_stall_ms',
      'push_10k_s',
    ].sort(),
  );
});

test('prints the size each figure was measured at, and rates as better when higher, when run', () => {
  const sizes = Object.fromEntries(figures().map((figure) => [figure.storage ? `${figure.metric}:${figure.storage}` : figure.metric, figure.size]));
  expect({
    sizes: { ...sizes, catchup_50k_s: sizes.catchup_50k_s! > SIZES.BENCH_SYNC_CATCHUP_CHANGES / 2 },
    higher: figures().filter((figure) => figure.better === 'higher').map((figure) => figure.metric),
  }).toEqual({
    sizes: {
      'backend_mutations_per_s:postgres': SIZES.BENCH_SYNC_CLIENTS * SIZES.BENCH_SYNC_CLIENT_MUTATIONS,
      'backend_mutations_per_s:sqlite': SIZES.BENCH_SYNC_CLIENTS * SIZES.BENCH_SYNC_CLIENT_MUTATIONS,
      bootstrap_100k_s: SIZES.BENCH_SYNC_BOOTSTRAP_TICKETS,
      longest_stall_ms: SIZES.BENCH_SYNC_BOOTSTRAP_TICKETS,
      catchup_50k_s: true,
      push_10k_s: SIZES.BENCH_SYNC_PUSH,
      live_visible_p95_ms: SIZES.BENCH_SYNC_LIVE,
    },
    higher: ['backend_mutations_per_s', 'backend_mutations_per_s'],
  });
});
