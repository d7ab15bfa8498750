import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TICKET_STATUSES, SUPPORT_LEVELS, UNSOLVED_STATUSES, type Ticket, type TicketRow } from '../../../shared/domain/ticket';
import { BUILT_IN_VIEWS, type PageCursor, type View } from '../../../shared/domain/view';
import { openStore, type Db } from '../../store/db';
import { addAgent, addCustomer, addTicket, FIXTURE_NOW, makeTempDir, removeTempDir } from '../../store/test-builders';
import { EventBus } from '../event-bus';
import { TicketService } from './ticket-service';

// Replay a failure with FC_SEED=<seed> (fast-check also prints seed and path in its error).
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const numRuns = Number(process.env.FC_RUNS ?? 300);

let dir: string;
let db: Db;
let me: { id: string; name: string };
let other: { id: string; name: string };
let requester: { id: string; name: string };

beforeAll(() => {
  console.log(`ticket list pagination: seed=${seed} runs=${numRuns}`);
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
  me = addAgent(db, { name: 'Ada Me' });
  other = addAgent(db, { name: 'Otto Other', email: 'otto@support.example' });
  requester = addCustomer(db);
});

afterAll(() => {
  db.close();
  removeTempDir(dir);
});

interface GeneratedTicket {
  id: string;
  /** Few distinct minutes, so many tickets share an updated_at and the id breaks the tie. */
  minute: number;
  status: Ticket['status'];
  level: Ticket['level'];
  assignee: 'me' | 'other' | null;
  deleted: boolean;
}

const ticketArb: fc.Arbitrary<GeneratedTicket> = fc.record({
  id: fc.uuid(),
  minute: fc.integer({ min: 0, max: 12 }),
  status: fc.constantFrom(...TICKET_STATUSES),
  level: fc.constantFrom(...SUPPORT_LEVELS),
  assignee: fc.constantFrom('me' as const, 'other' as const, null),
  deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const scenarioArb = fc.record({
  tickets: fc.uniqueArray(ticketArb, { maxLength: 60, selector: (t) => t.id }),
  /** One page size per built-in view. */
  pageSizes: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: BUILT_IN_VIEWS.length, maxLength: BUILT_IN_VIEWS.length }),
  signedIn: fc.boolean(),
});

/** The model: which tickets a view keeps, written from the view's definition, not from the SQL. */
function keeps(view: View, ticket: Ticket, agentId: string | null): boolean {
  const { filter } = view;
  if (filter.unsolved !== undefined && UNSOLVED_STATUSES.includes(ticket.status) !== filter.unsolved) return false;
  if (filter.status !== undefined && ticket.status !== filter.status) return false;
  if (filter.level !== undefined && ticket.level !== filter.level) return false;
  if (filter.assignee === 'me') return agentId !== null && ticket.assigneeId === agentId;
  if (filter.assignee === 'none') return ticket.assigneeId === null;
  if (filter.assignee !== undefined) return ticket.assigneeId === filter.assignee;
  return true;
}

/** Newest updated first; among equal instants the greater id first (SQLite compares TEXT bytewise). */
function byKeyDescending(a: Ticket, b: Ticket): number {
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function pageThrough(service: TicketService, viewId: string, limit: number): { rows: TicketRow[]; oversizedPages: number } {
  const rows: TicketRow[] = [];
  let oversizedPages = 0;
  let after: PageCursor | null = null;
  // More pages than tickets means the cursor stopped moving.
  for (let pages = 0; pages <= 70; pages++) {
    const page = service.listTickets({ viewId, after, limit });
    rows.push(...page.rows);
    if (page.rows.length > limit) oversizedPages++;
    if (!page.next) return { rows, oversizedPages };
    after = page.next;
  }
  throw new Error(`view ${viewId} never ended (limit ${limit})`);
}

test('returns exactly the tickets of each built-in view, once each, newest updated first, across random page sizes', () => {
  fc.assert(
    fc.property(scenarioArb, ({ tickets, pageSizes, signedIn }) => {
      const live: Ticket[] = [];
      db.transaction(() => {
        db.prepare('DELETE FROM tickets').run();
        for (const generated of tickets) {
          const assigneeId = generated.assignee === 'me' ? me.id : generated.assignee === 'other' ? other.id : null;
          const ticket = addTicket(db, {
            id: generated.id,
            status: generated.status,
            level: generated.level,
            assigneeId,
            requesterId: requester.id,
            updatedAt: FIXTURE_NOW + generated.minute * 60_000,
            solvedAt: generated.status === 'solved' || generated.status === 'closed' ? FIXTURE_NOW : null,
          });
          if (generated.deleted) db.prepare('UPDATE tickets SET deleted_at = ? WHERE id = ?').run(FIXTURE_NOW, ticket.id);
          else live.push(ticket);
        }
      })();

      const agentId = signedIn ? me.id : null;
      const service = new TicketService({ db, clientId: 'client', agentId, now: () => FIXTURE_NOW }, new EventBus());
      const names = new Map([
        [me.id, me.name],
        [other.id, other.name],
      ]);
      BUILT_IN_VIEWS.forEach((view, i) => {
        const limit = pageSizes[i] ?? 1;
        const expected = live
          .filter((ticket) => keeps(view, ticket, agentId))
          .sort(byKeyDescending)
          .map((ticket) => ({
            ...ticket,
            requesterName: requester.name,
            assigneeName: ticket.assigneeId === null ? null : (names.get(ticket.assigneeId) ?? null),
          }));
        expect({ view: view.id, limit, ...pageThrough(service, view.id, limit) }).toEqual({
          view: view.id,
          limit,
          rows: expected,
          oversizedPages: 0,
        });
      });
    }),
    { seed, numRuns },
  );
});
