// `npm run bench:sync`: the sync figures of DESIGN.md §5 against the real backend in its own
// process on loopback, with desktops on real stores in temp folders. One JSON line per figure on
// stdout (backend_mutations_per_s once per storage, with a `storage` field); progress on stderr.
//   BENCH_SYNC_STORAGES          storages for backend_mutations_per_s (default "sqlite,postgres")
//   BENCH_SYNC_CLIENTS           desktops pushing at once, each with a live stream (default 100)
//   BENCH_SYNC_CLIENT_MUTATIONS  mutations each of them pushes (default 500)
//   BENCH_SYNC_PUSH_BATCH        mutations per push request (default 100)
//   BENCH_SYNC_BOOTSTRAP_TICKETS tickets of the team a new desktop bootstraps from (default 100,000,
//                                with 5 messages each on average)
//   BENCH_SYNC_CATCHUP_STORE     tickets in the store of the desktop that catches up (default 1,000,000;
//                                the cached seeded store of bench/lib/store-cache.ts, BENCH_CACHE_DIR)
//   BENCH_SYNC_CATCHUP_CHANGES   changes made while it was offline (default 50,000)
//   BENCH_SYNC_TICKETS           tickets on the backend of the push and live figures (default 12,500)
//   BENCH_SYNC_PUSH              offline mutations pushed in one go (default 10,000)
//   BENCH_SYNC_LIVE              changes timed for live visibility (default 50)
import { makeSnapshot, startBackendProcess } from '../tests/integration/support/backend-process';
import type { TestDesktop } from '../tests/integration/support/desktop-kit';
import { printFigure, progress, type Figure } from './lib/figures';
import { makeTeamSnapshot } from './lib/team-snapshot';
import { benchBootstrap } from './sync-bootstrap';
import { benchCatchUp } from './sync-catchup';
import { benchLive, benchPush, signIn } from './sync-desktops';
import { benchBackendThroughput } from './sync-throughput';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

function storages(): ('sqlite' | 'postgres')[] {
  const names = (process.env.BENCH_SYNC_STORAGES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  for (const name of names) if (name !== 'sqlite' && name !== 'postgres') throw new Error(`BENCH_SYNC_STORAGES names sqlite and postgres, not "${name}"`);
  return names as ('sqlite' | 'postgres')[];
}

/** Each figure is printed as soon as it is known: a run that fails later still reports the earlier ones. */
function print(figures: Figure | Figure[]): void {
  for (const figure of [figures].flat()) printFigure(figure);
}

async function benchThroughput(): Promise<void> {
  const load = {
    clients: positiveInteger('BENCH_SYNC_CLIENTS', 100),
    mutationsPerClient: positiveInteger('BENCH_SYNC_CLIENT_MUTATIONS', 500),
    batchSize: positiveInteger('BENCH_SYNC_PUSH_BATCH', 100),
    tickets: 20_000,
  };
  for (const storage of storages()) print(await benchBackendThroughput(storage, load));
}

async function benchNewDesktop(): Promise<void> {
  const tickets = positiveInteger('BENCH_SYNC_BOOTSTRAP_TICKETS', 100_000);
  progress(`seeding a backend with a team of 40 agents and ${tickets} tickets`);
  const team = makeTeamSnapshot({ agents: 40, groups: 4, tickets, messagesPerTicket: 5 });
  const backend = await startBackendProcess(team.snapshot);
  try {
    print(await benchBootstrap(backend, team));
  } finally {
    await backend.stop();
  }
}

async function benchDesktops(): Promise<void> {
  const tickets = positiveInteger('BENCH_SYNC_TICKETS', 12_500);
  progress(`seeding a backend with ${tickets} tickets and ${tickets * 3} messages`);
  const made = makeSnapshot({ agents: 3, tickets, messagesPerTicket: 3 });
  const backend = await startBackendProcess(made.snapshot);
  const desktops: TestDesktop[] = [];
  try {
    const pusher = await signIn(backend, made.emails[0]!, false);
    desktops.push(pusher);
    await pusher.client().syncNow();
    print(await benchPush(pusher, made.ticketIds, positiveInteger('BENCH_SYNC_PUSH', 10_000)));
    const a = await signIn(backend, made.emails[1]!);
    const b = await signIn(backend, made.emails[2]!);
    desktops.push(a, b);
    progress('two live desktops catching up');
    await Promise.all([a.client().syncNow(), b.client().syncNow()]);
    print(await benchLive(a, b, made.ticketIds, positiveInteger('BENCH_SYNC_LIVE', 50)));
  } finally {
    for (const desktop of desktops) desktop.remove();
    await backend.stop();
  }
}

async function main(): Promise<void> {
  await benchThroughput();
  await benchNewDesktop();
  print(await benchCatchUp(positiveInteger('BENCH_SYNC_CATCHUP_STORE', 1_000_000), positiveInteger('BENCH_SYNC_CATCHUP_CHANGES', 50_000)));
  await benchDesktops();
}

await main();
