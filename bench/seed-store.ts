// Child process of the bench: seeds a fresh store and reports the seeding time on stdout as one
// JSON line. Seeding runs apart so the parent's memory figure measures a desktop that opened a
// full store, not one that has just generated it.
import { openStore } from '../src/main/store/db';
import { seedSampleData } from '../src/main/services/seed/sample-data';

const [file, tickets, seed, now] = process.argv.slice(2);
if (!file || !tickets || !seed || !now) throw new Error('usage: seed-store.ts <file> <tickets> <seed> <now>');

const db = openStore(file);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const summary = seedSampleData(db, { tickets: Number(tickets), seed: Number(seed), now: Number(now) });
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// CPU time tells a busy machine apart from a slow import: on a shared host the wall time is longer.
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
db.close();
process.stdout.write(`${JSON.stringify({ summary, ms, cpuMs, maxRssMb })}\n`);
