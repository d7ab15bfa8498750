import type { Db } from '../../store/db';
import { BulkLoadWorker, finishBulkLoad } from '../../store/bulk-load-worker';
import { detachForBulkLoad, enterBulkWriteMode, type BulkLoadPlan } from '../../store/queries/bulk-load';
import { setMeta } from '../../store/queries/meta';
import { assert } from '../../../shared/contract/errors';
import { ArrivalSchedule } from './arrivals';
import { seedCustomers } from './customers';
import { Prng } from './prng';
import { SAMPLE_LEVELS, seedTeam } from './team';
import { TextPools } from './text-pools';
import { StagedMessages } from './staged-messages';
import { SampleTicketWriter } from './ticket-writer';

const DAY_MS = 86_400_000;
/** Sample tickets are spread over this many days before `now`. */
export const SAMPLE_WINDOW_DAYS = 90;
/** Tickets per transaction: large enough for bulk speed, small enough that memory and the WAL stay flat. */
const SLICE_TICKETS = 5000;
/**
 * The tables sample data fills in bulk. Rows arrive in creation order, so most index keys are
 * appended and cheap to keep; tickets by requester and by organisation arrive at random and are
 * built once at the end.
 */
const BULK_LOAD: BulkLoadPlan = {
  tables: ['customers', 'tickets', 'messages', 'calls'],
  indexes: ['tickets_by_requester', 'tickets_by_organisation'],
};
/**
 * Messages are most of the rows and nearly all the bytes: they are written on a second core,
 * with their search index, while this thread writes the rest (bulk-load-worker.ts).
 */
const STAGED_TABLES = ['messages'];

/** What to generate: how many tickets, from which seed, relative to which instant. */
export interface SeedOptions {
  tickets: number;
  seed: number;
  /** Epoch milliseconds; every generated instant lies before it. */
  now: number;
}

/** Rows written per table, and in all. */
export interface SeedSummary {
  supportLevels: number;
  groups: number;
  agents: number;
  organisations: number;
  customers: number;
  tickets: number;
  messages: number;
  calls: number;
  meta: number;
  totalRows: number;
}

/**
 * Fills an empty store with a support team's world: levels L1–L4, groups and agents, organisations
 * and customers, tickets with threads in English, Dutch and German, and calls. The same seed and
 * `now` write the same rows with the same ids. Meta `agent_id` names the signed-in L1 agent.
 * Writes no outbox or audit rows: sample data is the initial state, not a local change.
 * Runs in transactions of a few thousand tickets, so memory stays flat at any size; messages and
 * their search index are written on a second core and copied in at the end, the other search
 * indexes are rebuilt at the end (a crash before that leaves meta `bulk_load_detached`, and the
 * next openStore finishes the load).
 */
export function seedSampleData(db: Db, options: SeedOptions): SeedSummary {
  assert(Number.isInteger(options.tickets) && options.tickets >= 0, 'the number of sample tickets is a whole number');
  // Sample data can be made again from its seed: writing it needs no fsync.
  const leaveBulkWriteMode = enterBulkWriteMode(db);
  try {
    return writeSampleData(db, options);
  } finally {
    leaveBulkWriteMode();
  }
}

function writeSampleData(db: Db, options: SeedOptions): SeedSummary {
  const prng = new Prng(options.seed);
  const startMs = options.now - SAMPLE_WINDOW_DAYS * DAY_MS;
  const customerCount = Math.max(50, Math.round(options.tickets / 8));

  const { team, customers, detached } = db.transaction(() => {
    // The search indexes (and the tickets' indexes) are built once, not kept up row by row.
    const detached = detachForBulkLoad(db, BULK_LOAD);
    const team = seedTeam(db, prng, startMs - 400 * DAY_MS);
    const customers = seedCustomers(db, prng, customerCount, startMs);
    setMeta(db, 'agent_id', team.me.id);
    return { team, customers, detached };
  })();
  const worker = BulkLoadWorker.start(db, detached, STAGED_TABLES);
  const messages = worker ? new StagedMessages(db, worker) : null;

  const writer = new SampleTicketWriter(
    db,
    prng,
    team,
    customers,
    new TextPools(prng),
    new ArrivalSchedule(startMs, options.now, Math.max(1, options.tickets)),
    options.now,
    messages ?? undefined,
  );
  const writeSlice = db.transaction((first: number, last: number) => {
    for (let number = first; number <= last; number++) writer.write(number);
    // The slice's messages commit on the worker before the slice commits here.
    messages?.commitSlice();
  });
  for (let first = 1; first <= options.tickets; first += SLICE_TICKETS) {
    writeSlice(first, Math.min(options.tickets, first + SLICE_TICKETS - 1));
  }
  finishBulkLoad(db, worker);

  const summary = {
    supportLevels: SAMPLE_LEVELS.length,
    groups: team.groups.length,
    agents: team.agents.length,
    organisations: customers.organisations,
    customers: customers.count,
    tickets: writer.counts.tickets,
    messages: writer.counts.messages,
    calls: writer.counts.calls,
    meta: 1,
  };
  return { ...summary, totalRows: Object.values(summary).reduce((sum, n) => sum + n, 0) };
}
