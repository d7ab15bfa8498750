// Test builders: small fixtures written with the store's own insert functions, so tests do not
// depend on the sample-data seed. Every builder takes overrides and returns what it inserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../shared/domain/ids';
import type { Customer } from '../../shared/domain/customer';
import type { Message } from '../../shared/domain/message';
import type { Agent, Group, SupportLevelInfo } from '../../shared/domain/team';
import type { Ticket } from '../../shared/domain/ticket';
import type { Db } from './db';
import { insertCustomer } from './queries/customers';
import { insertMessage } from './queries/messages';
import { insertAgent, insertGroup, insertSupportLevel } from './queries/team';
import { prepareInsertTicket, ticketToRow } from './queries/tickets';

/** The instant fixtures are made at: Mon 6 Jan 2025 09:00 UTC. */
export const FIXTURE_NOW = Date.UTC(2025, 0, 6, 9, 0, 0);

/** A fresh empty folder under the OS temp folder; remove it with {@link removeTempDir}. */
export function makeTempDir(prefix = 'sc-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function addSupportLevel(db: Db, overrides: Partial<SupportLevelInfo> = {}): SupportLevelInfo {
  const level: SupportLevelInfo = { level: 'L1', name: 'Helpdesk', scope: 'First contact', ...overrides };
  insertSupportLevel(db, level, FIXTURE_NOW);
  return level;
}

export function addGroup(db: Db, overrides: Partial<Group> = {}): Group {
  const group: Group = { id: newId(), name: 'Helpdesk Europe', level: 'L1', ...overrides };
  insertGroup(db, group, FIXTURE_NOW);
  return group;
}

export function addAgent(db: Db, overrides: Partial<Agent> = {}): Agent {
  const agent: Agent = {
    id: newId(),
    name: 'Ada Agent',
    email: 'ada@support.example',
    role: 'agent',
    groupId: null,
    timeZone: 'Europe/Amsterdam',
    language: 'en',
    ...overrides,
  };
  insertAgent(db, agent, FIXTURE_NOW);
  return agent;
}

export function addCustomer(db: Db, overrides: Partial<Customer> = {}): Customer {
  const customer: Customer = {
    id: newId(),
    name: 'Carla Customer',
    email: 'carla@customer.example',
    phones: ['+31201234567'],
    organisationId: null,
    plan: 'business',
    timeZone: 'Europe/Amsterdam',
    language: 'en',
    proficiency: 'intermediate',
    optOuts: [],
    createdAt: FIXTURE_NOW,
    ...overrides,
  };
  insertCustomer(db, customer);
  return customer;
}

/** Inserts a ticket; `requesterId` must name an existing customer for the ticket to show in lists. */
export function addTicket(db: Db, overrides: Partial<Ticket> & Pick<Ticket, 'requesterId'>): Ticket {
  const ticket: Ticket = {
    id: newId(),
    number: null,
    subject: 'The export button does nothing',
    status: 'open',
    priority: 'normal',
    channel: 'email',
    category: null,
    tags: [],
    organisationId: null,
    assigneeId: null,
    groupId: null,
    level: 'L1',
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    solvedAt: null,
    dueAt: null,
    mergedIntoId: null,
    ...overrides,
  };
  prepareInsertTicket(db).run(ticketToRow(ticket));
  return ticket;
}

export function addMessage(db: Db, overrides: Partial<Message> & Pick<Message, 'ticketId'>): Message {
  const message: Message = {
    id: newId(),
    kind: 'reply',
    authorType: 'customer',
    authorId: null,
    authorName: 'Carla Customer',
    channel: 'email',
    bodyFormat: 'markdown',
    body: 'Hello, the export button does nothing when I click it.',
    attachments: [],
    createdAt: FIXTURE_NOW,
    ...overrides,
  };
  insertMessage(db, message);
  return message;
}

/** A small world: one level, group, agent and customer, and tickets with a thread each. */
export interface World {
  level: SupportLevelInfo;
  group: Group;
  agent: Agent;
  customer: Customer;
  tickets: Ticket[];
  messages: Message[];
}

export function addWorld(db: Db, options: { tickets?: number; messagesPerTicket?: number } = {}): World {
  return db.transaction(() => {
    const level = addSupportLevel(db);
    const group = addGroup(db, { level: level.level });
    const agent = addAgent(db, { groupId: group.id });
    const customer = addCustomer(db);
    const tickets: Ticket[] = [];
    const messages: Message[] = [];
    for (let i = 0; i < (options.tickets ?? 3); i++) {
      // Distinct updated_at, one minute apart, so list order is known.
      const ticket = addTicket(db, { requesterId: customer.id, subject: `Ticket ${i + 1}`, updatedAt: FIXTURE_NOW + i * 60_000 });
      tickets.push(ticket);
      for (let m = 0; m < (options.messagesPerTicket ?? 1); m++) {
        messages.push(addMessage(db, { ticketId: ticket.id, body: `Message ${m + 1} of ticket ${i + 1}`, createdAt: FIXTURE_NOW + m }));
      }
    }
    return { level, group, agent, customer, tickets, messages };
  })();
}

/** Every row of every table, keyed by table name: compare two snapshots to prove nothing was written. */
export function snapshotStore(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  // Table names come from sqlite_schema, never from user text.
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
}
