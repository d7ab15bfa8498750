import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZE = 2000;
const REQUIRED_METRICS = [
  'import_rows_per_s',
  'view_query_p95_ms',
  'custom_view_query_p95_ms',
  'next_page_p95_ms',
  'open_ticket_p95_ms',
  'change_commit_p99_ms',
  'main_rss_mb_at_1m',
  'deadline_per_s',
  'recompute_100k_open_s',
  'recompute_longest_stall_ms',
];
/** Rates, where more is better; every other figure is a time, a size or memory. */
const RATE_METRICS = ['import_rows_per_s', 'deadline_per_s'];

/** A figure line exactly as DESIGN.md §5 shows it. */
const figureSchema = z
  .object({
    metric: z.string(),
    value: z.number().refine(Number.isFinite, 'a finite number'),
    budget: z.number().refine(Number.isFinite, 'a finite number'),
    goal: z.number().refine(Number.isFinite, 'a finite number'),
    better: z.enum(['lower', 'higher']),
    size: z.number(),
  })
  .strict();

let cacheDir: string;
let run: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-cache-'));
  const child = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['bench/run.ts'], {
    cwd: root,
    env: { ...process.env, BENCH_TICKETS: String(SIZE), BENCH_CACHE_DIR: cacheDir },
    encoding: 'utf8',
    timeout: 240_000,
  });
  run = { status: child.status, stdout: child.stdout, stderr: child.stderr };
}, 300_000);

afterAll(() => {
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

function lines(): string[] {
  return run.stdout.split('\n').filter((line) => line.length > 0);
}

test('exits cleanly when run at a small size', () => {
  expect({ status: run.status, stderrTail: run.status === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ status: 0, stderrTail: '' });
});

test('prints every required figure, and every figure, exactly once when run', () => {
  const metrics = lines().map((line) => (JSON.parse(line) as { metric: string }).metric);
  expect(REQUIRED_METRICS.filter((metric) => !metrics.includes(metric))).toEqual([]);
  expect(metrics.filter((metric, i) => metrics.indexOf(metric) !== i)).toEqual([]);
});

test('prints only JSON figure lines with finite values and the run size when run', () => {
  const figures = lines().map((line) => figureSchema.parse(JSON.parse(line)));
  expect(figures.length).toBeGreaterThan(0);
  expect(figures.filter((f) => f.size !== SIZE)).toEqual([]);
  expect(figures.filter((f) => (f.better === 'higher') !== RATE_METRICS.includes(f.metric))).toEqual([]);
});

test('keeps the seeded store in the cache when run', () => {
  expect(fs.readdirSync(cacheDir).filter((name) => name.startsWith(`${SIZE}-`) && name.endsWith('.db'))).toHaveLength(1);
});
