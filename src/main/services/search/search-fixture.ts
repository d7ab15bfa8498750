// A small store for search tests, written with the store's own insert functions: a few agents,
// groups and customers, and tickets whose subjects and threads hold the words the tests look for.
import path from 'node:path';
import type { Ticket } from '../../../shared/domain/ticket';
import { openStore, type Db } from '../../store/db';
import { addAgent, addCustomer, addGroup, addMessage, addSupportLevel, addTicket, FIXTURE_NOW } from '../../store/test-builders';
import { SearchService } from './search-service';

const DAY_MS = 86_400_000;

/** What a fixture ticket says and how it is set; every other field takes the builder's default. */
export interface FixtureTicket {
  key: string;
  subject: string;
  messages?: string[];
  requester?: 'ana' | 'bob' | 'carla';
  status?: Ticket['status'];
  priority?: Ticket['priority'];
  tags?: string[];
  assignee?: 'ada' | 'ben' | null;
  /** Days after the fixture's epoch (6 Jan 2025) the ticket was created. */
  createdDay?: number;
}

/** The store, the service searching it as Ada, and the ids of the fixture's tickets by key. */
export interface SearchFixture {
  db: Db;
  search: SearchService;
  ids: Record<string, string>;
  keyOf: (ticketId: string) => string;
  agents: { ada: string; ben: string };
}

/** Opens a store in `dir` and writes `tickets` in order: later tickets are newer, their messages too. */
export function buildSearchFixture(dir: string, tickets: readonly FixtureTicket[]): SearchFixture {
  const db = openStore(path.join(dir, 'search.db'));
  const ids: Record<string, string> = {};
  const agents = db.transaction(() => {
    const level = addSupportLevel(db);
    const group = addGroup(db, { name: 'Helpdesk Europe', level: level.level });
    addGroup(db, { name: 'Billing Specialists', level: level.level });
    const ada = addAgent(db, { name: 'Ada Agent', email: 'ada@support.example', groupId: group.id });
    const ben = addAgent(db, { name: 'Ben Müller', email: 'ben@support.example', groupId: group.id });
    const customers = {
      ana: addCustomer(db, { name: 'Ana Silva', email: 'ana@example.com' }),
      bob: addCustomer(db, { name: 'Bob Stone', email: 'bob@example.org' }),
      carla: addCustomer(db, { name: 'Carla Customer', email: 'carla@customer.example' }),
    };
    tickets.forEach((spec, i) => {
      const createdAt = FIXTURE_NOW + (spec.createdDay ?? 0) * DAY_MS + i * 60_000;
      const messages = spec.messages ?? [];
      const assignee = spec.assignee === undefined ? null : spec.assignee;
      const ticket = addTicket(db, {
        requesterId: customers[spec.requester ?? 'carla'].id,
        subject: spec.subject,
        status: spec.status ?? 'open',
        priority: spec.priority ?? 'normal',
        tags: spec.tags ?? [],
        assigneeId: assignee === null ? null : assignee === 'ada' ? ada.id : ben.id,
        groupId: group.id,
        createdAt,
        updatedAt: createdAt + messages.length * 1000,
      });
      messages.forEach((body, m) => addMessage(db, { ticketId: ticket.id, body, createdAt: createdAt + (m + 1) * 1000 }));
      ids[spec.key] = ticket.id;
    });
    return { ada: ada.id, ben: ben.id };
  })();
  const byId = new Map(Object.entries(ids).map(([key, id]) => [id, key]));
  return {
    db,
    search: new SearchService({ db, agentId: agents.ada }),
    ids,
    keyOf: (ticketId) => byId.get(ticketId) ?? ticketId,
    agents,
  };
}
