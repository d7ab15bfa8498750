// bootstrap_100k_s and longest_stall_ms: a new desktop (the app's services, as the shell opens
// them) signs in to a backend that holds a team's tickets and their threads and pulls all of
// it, while this process, the one that answers the UI, is watched for stalls. Also reports when
// the agent's own queue was complete in the store, and how much else had arrived by then.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCore, type Core } from '../src/main/services/core';
import type { Db } from '../src/main/store/db';
import type { BackendProcess } from '../tests/integration/support/backend-process';
import { progress, type Figure } from './lib/figures';
import { TEAM_PASSWORD, type TeamSnapshot } from './lib/team-snapshot';

function countTickets(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets WHERE deleted_at IS NULL').get()!.n;
}

/** The agent's queue as the store holds it: unsolved tickets assigned to them, and unassigned ones of their group. */
function queueOf(db: Db, agentId: string): string[] {
  return db
    .prepare<[string, string], { id: string }>(
      `SELECT id FROM tickets WHERE deleted_at IS NULL AND unsolved = 1
         AND (assignee_id = ? OR (assignee_id IS NULL AND group_id = (SELECT group_id FROM agents WHERE id = ?)))`,
    )
    .all(agentId, agentId)
    .map((row) => row.id);
}

/** Bootstraps a new desktop as the team's first agent; answers the figures. */
export async function benchBootstrap(backend: BackendProcess, team: TeamSnapshot): Promise<Figure[]> {
  const tickets = team.snapshot.tickets.length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-bootstrap-'));
  let core: Core | null = null;
  try {
    core = openCore({ dataDir, version: 'bench', sync: { config: { live: false } } });
    const db = core.db;
    if (!db) throw core.storeError ?? new Error('the bench store did not open');
    // When each ticket was first heard of, and how many tickets had been heard of by then.
    const arrivals = new Map<string, { at: number; heard: number }>();
    let finished!: () => void;
    const synced = new Promise<void>((resolve) => (finished = resolve));
    core.events.subscribe((event) => {
      if (event.name === 'ticket/changed' && !arrivals.has(event.payload.ticketId)) {
        arrivals.set(event.payload.ticketId, { at: performance.now(), heard: arrivals.size + 1 });
      }
      if (event.name === 'sync/status-changed' && event.payload.state === 'online' && event.payload.lastSyncAt !== null) finished();
    });
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const started = performance.now();
    await core.handlers['sync/sign-in']({ url: backend.base, email: team.emails[0]!, password: TEAM_PASSWORD });
    await synced;
    const seconds = (performance.now() - started) / 1000;
    histogram.disable();
    const present = countTickets(db);
    if (present !== tickets) throw new Error(`the desktop holds ${present} of ${tickets} tickets after its bootstrap`);
    progress(
      `bootstrapped ${tickets} tickets and ${team.snapshot.messages.length} messages in ${seconds.toFixed(2)} s; ` +
        `event loop delay p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${(histogram.max / 1e6).toFixed(1)} ms`,
    );
    // The queue as it stands at the end (the backend's SLA scheduler may have moved tickets meanwhile).
    const me = team.snapshot.agents.find((agent) => agent.email === team.emails[0])!;
    const queue = queueOf(db, me.id);
    const last = queue.map((id) => arrivals.get(id)).reduce((latest, arrival) => (arrival && (!latest || arrival.at > latest.at) ? arrival : latest), undefined as { at: number; heard: number } | undefined);
    progress(
      last === undefined
        ? "the agent's queue is empty"
        : `the agent's queue (${queue.length} tickets) was complete after ${((last.at - started) / 1000).toFixed(2)} s, when ${last.heard} of ${tickets} tickets had arrived`,
    );
    return [
      { metric: 'bootstrap_100k_s', value: (seconds * 100_000) / tickets, budget: 30, goal: 10, better: 'lower', size: tickets },
      { metric: 'longest_stall_ms', value: histogram.max / 1e6, budget: 50, goal: 10, better: 'lower', size: tickets },
    ];
  } finally {
    core?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
