// `npm run bench`: prints one JSON line per figure on stdout (DESIGN.md §5); progress on stderr.
//   BENCH_TICKETS         size of the store (default 1,000,000)
//   BENCH_IMPORT_TICKETS  size of the fresh import that is timed (default: BENCH_TICKETS)
//   BENCH_CACHE_DIR       where seeded stores are cached between runs (default .bench-cache/)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, STORE_FILE } from '../src/main/services/core';
import { Prng } from '../src/main/services/seed/prng';
import type { TicketRow } from '../src/shared/domain/ticket';
import { benchBulkEditStall } from './bulk-edit';
import { benchChangeCommit } from './change-commit';
import { benchCustomViewQuery } from './custom-view';
import { benchDeadlines } from './deadlines';
import { importFigure } from './import';
import { printFigure, progress, Reservoir } from './lib/figures';
import { BENCH_NOW, ensureCachedStore, seedInChild } from './lib/store-cache';
import { memoryFigure } from './memory';
import { benchNextPage } from './next-page';
import { benchOpenTicket } from './open-ticket';
import { benchSearch } from './search';
import { benchRecompute } from './sla-recompute';
import { benchViewQuery } from './view-query';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const size = positiveInteger('BENCH_TICKETS', 1_000_000);
  const importTickets = positiveInteger('BENCH_IMPORT_TICKETS', size);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-'));
  try {
    // The import is timed on a fresh store every run; at full size it also fills the cache.
    progress(`importing ${importTickets} tickets into a fresh store`);
    const fresh = path.join(work, 'import.db');
    const imported = seedInChild(fresh, importTickets);
    progress(
      `imported ${imported.summary.totalRows} rows (${imported.summary.messages} messages) in ${Math.round(imported.ms)} ms ` +
        `(${Math.round(imported.cpuMs)} ms of CPU: ${Math.round(imported.summary.totalRows / (imported.cpuMs / 1000))} rows per CPU second; ` +
        `peak RSS ${Math.round(imported.maxRssMb)} MB)`,
    );
    printFigure(importFigure(imported, importTickets));
    const cached = ensureCachedStore(size, importTickets === size ? fresh : undefined);
    fs.rmSync(fresh, { force: true });

    // The query benches work on a copy: change_commit writes, and the cache must stay pristine.
    const dataDir = path.join(work, 'desktop');
    fs.mkdirSync(dataDir);
    fs.copyFileSync(cached, path.join(dataDir, STORE_FILE));
    const core = openCore({ dataDir, version: 'bench', seedTickets: 0 });
    if (!core.db) throw core.storeError ?? new Error('the bench store did not open');
    try {
      const prng = new Prng(42);
      printFigure(benchViewQuery(core, size));
      printFigure(benchCustomViewQuery(core, size, BENCH_NOW));
      const sample = new Reservoir<TicketRow>(20_000, () => prng.float());
      printFigure(benchNextPage(core, size, sample));
      printFigure(benchOpenTicket(core, size, sample.items.map((row) => row.id)));
      for (const figure of benchSearch(core, size)) printFigure(figure);
      printFigure(benchDeadlines(core, size, BENCH_NOW));
      printFigure(benchChangeCommit(core, size, sample.items, prng));
      printFigure(await benchBulkEditStall(core, size, sample.items));
      printFigure(memoryFigure(size));
    } finally {
      core.close();
    }
    // On a store of its own: every ticket open, with threads and status history.
    for (const figure of await benchRecompute(size, work, BENCH_NOW)) printFigure(figure);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
