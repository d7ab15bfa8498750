import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore, type Db } from '../../store/db';
import { agentFromRow, type AgentDbRow } from '../../store/queries/team';
import { callFromRow, type CallDbRow } from '../../store/queries/calls';
import { customerFromRow, organisationFromRow, type CustomerDbRow, type OrganisationDbRow } from '../../store/queries/customers';
import { messageFromRow, type MessageDbRow } from '../../store/queries/messages';
import { getMeta } from '../../store/queries/meta';
import { ticketFromRow, type TicketDbRow } from '../../store/queries/tickets';
import { makeTempDir, removeTempDir } from '../../store/test-builders';
import { callSchema } from '../../../shared/domain/call';
import { customerSchema, e164Schema, organisationSchema } from '../../../shared/domain/customer';
import { messageSchema } from '../../../shared/domain/message';
import { agentSchema } from '../../../shared/domain/team';
import { ticketSchema } from '../../../shared/domain/ticket';
import { CORPUS_DE } from './corpus-de';
import { CORPUS_EN } from './corpus-en';
import { CORPUS_NL } from './corpus-nl';
import type { LanguageCorpus } from './corpus-types';
import { seedSampleData, type SeedSummary } from './sample-data';

const DAY_MS = 86_400_000;
/** Mon 6 Jan 2025 09:00 UTC. */
const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);
const TICKETS = 1500;
const UNSOLVED = "('new', 'open', 'pending', 'on-hold')";
const TABLES = ['support_levels', 'groups', 'agents', 'organisations', 'customers', 'tickets', 'messages', 'calls', 'meta'];

let dir: string;
let db: Db;
let summary: SeedSummary;

function all<T>(sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

function count(sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

function seededStore(name: string, tickets: number, seed: number): { db: Db; summary: SeedSummary } {
  const store = openStore(path.join(dir, name));
  return { db: store, summary: seedSampleData(store, { tickets, seed, now: NOW }) };
}

function dump(store: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, store.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
}

beforeAll(() => {
  dir = makeTempDir('sc-seed-');
  ({ db, summary } = seededStore('seeded.db', TICKETS, 7));
});

afterAll(() => {
  db.close();
  removeTempDir(dir);
});

describe('determinism', () => {
  test('writes the same rows with the same ids when seeded twice with one seed and now', () => {
    const twin = seededStore('twin.db', TICKETS, 7);
    try {
      expect(twin.summary).toEqual(summary);
      expect(dump(twin.db)).toEqual(dump(db));
    } finally {
      twin.db.close();
    }
  });

  test('writes other ids when the seed differs', () => {
    const other = seededStore('other.db', 200, 8);
    try {
      const ids = new Set(all<{ id: string }>('SELECT id FROM tickets').map((r) => r.id));
      const otherIds = other.db.prepare('SELECT id FROM tickets').all() as { id: string }[];
      expect(otherIds.filter((r) => ids.has(r.id))).toEqual([]);
    } finally {
      other.db.close();
    }
  });
});

describe('shape', () => {
  test('writes as many rows per table as the summary counts when seeding', () => {
    const counted = Object.fromEntries(TABLES.map((table) => [table, count(`SELECT count(*) AS n FROM ${table}`)]));
    expect(counted).toEqual({
      support_levels: summary.supportLevels,
      groups: summary.groups,
      agents: summary.agents,
      organisations: summary.organisations,
      customers: summary.customers,
      tickets: TICKETS,
      messages: summary.messages,
      calls: summary.calls,
      meta: summary.meta,
    });
    expect(summary.totalRows).toBe(Object.values(counted).reduce((sum, n) => sum + n, 0));
    expect(summary.agents).toBeGreaterThanOrEqual(20);
    expect(summary.agents).toBeLessThanOrEqual(40);
    expect(all('SELECT level FROM support_levels ORDER BY level')).toEqual([{ level: 'L1' }, { level: 'L2' }, { level: 'L3' }, { level: 'L4' }]);
  });

  test('writes rows the domain schemas accept when read back', () => {
    const failures: string[] = [];
    const check = (what: string, result: { success: boolean }) => {
      if (!result.success) failures.push(what);
    };
    for (const row of all<TicketDbRow>('SELECT * FROM tickets')) check(`ticket ${row.id}`, ticketSchema.safeParse(ticketFromRow(row)));
    for (const row of all<MessageDbRow>('SELECT * FROM messages')) check(`message ${row.id}`, messageSchema.safeParse(messageFromRow(row)));
    for (const row of all<CustomerDbRow>('SELECT * FROM customers')) check(`customer ${row.id}`, customerSchema.safeParse(customerFromRow(row)));
    for (const row of all<OrganisationDbRow>('SELECT * FROM organisations')) check(`organisation ${row.id}`, organisationSchema.safeParse(organisationFromRow(row)));
    for (const row of all<CallDbRow>('SELECT * FROM calls')) check(`call ${row.id}`, callSchema.safeParse(callFromRow(row)));
    for (const row of all<AgentDbRow>('SELECT * FROM agents')) check(`agent ${row.id}`, agentSchema.safeParse(agentFromRow(row)));
    expect(failures).toEqual([]);
  });

  test('gives every ticket a requester, group and assignee that exist when seeding', () => {
    expect({
      missingRequesters: count('SELECT count(*) AS n FROM tickets t LEFT JOIN customers c ON c.id = t.requester_id WHERE c.id IS NULL'),
      missingGroups: count('SELECT count(*) AS n FROM tickets t LEFT JOIN groups g ON g.id = t.group_id WHERE g.id IS NULL'),
      missingAssignees: count(
        'SELECT count(*) AS n FROM tickets t LEFT JOIN agents a ON a.id = t.assignee_id WHERE t.assignee_id IS NOT NULL AND a.id IS NULL',
      ),
      assigneesOutsideTheGroup: count(
        'SELECT count(*) AS n FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE a.group_id IS NOT t.group_id',
      ),
      groupsOfAnotherLevel: count('SELECT count(*) AS n FROM tickets t JOIN groups g ON g.id = t.group_id WHERE g.level <> t.level'),
      orphanMessages: count('SELECT count(*) AS n FROM messages m LEFT JOIN tickets t ON t.id = m.ticket_id WHERE t.id IS NULL'),
      ticketsWithoutMessages: count('SELECT count(*) AS n FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)'),
    }).toEqual({
      missingRequesters: 0,
      missingGroups: 0,
      missingAssignees: 0,
      assigneesOutsideTheGroup: 0,
      groupsOfAnotherLevel: 0,
      orphanMessages: 0,
      ticketsWithoutMessages: 0,
    });
  });

  test('stores every phone number in E.164 form when seeding customers and calls', () => {
    const numbers = [
      ...all<{ phones: string }>('SELECT phones FROM customers').flatMap((r) => JSON.parse(r.phones) as string[]),
      ...all<{ caller_number: string }>('SELECT caller_number FROM calls').map((r) => r.caller_number),
    ];
    expect(numbers.length).toBeGreaterThan(summary.customers);
    expect(numbers.filter((n) => !e164Schema.safeParse(n).success)).toEqual([]);
  });

  test('spreads customers over plans, time zones, languages and opt-outs when seeding', () => {
    const distinct = (column: string) => all<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM customers ORDER BY v`).map((r) => r.v);
    expect(distinct('plan')).toEqual(['basic', 'business', 'enterprise']);
    expect(distinct('language')).toEqual(['de', 'en', 'nl']);
    expect(distinct('proficiency')).toEqual(['advanced', 'beginner', 'intermediate']);
    expect(distinct('time_zone')).toEqual(expect.arrayContaining(['Europe/Amsterdam', 'Europe/Berlin', 'America/New_York']));
    expect(distinct('time_zone').length).toBeGreaterThanOrEqual(10);
    expect(count("SELECT count(*) AS n FROM customers WHERE opt_outs <> '[]'")).toBeGreaterThan(0);
  });

  test('spreads tickets over channels, statuses, priorities and levels when seeding', () => {
    const distinct = (column: string) => all<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM tickets ORDER BY v`).map((r) => r.v);
    expect(distinct('channel')).toEqual(['chat', 'email', 'phone', 'social', 'web']);
    expect(distinct('status')).toEqual(['closed', 'new', 'on-hold', 'open', 'pending', 'solved']);
    expect(distinct('priority')).toEqual(['high', 'low', 'normal', 'urgent']);
    expect(distinct('level')).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(count("SELECT count(*) AS n FROM tickets WHERE tags <> '[]'")).toBeGreaterThan(TICKETS / 2);
  });
});

describe('threads', () => {
  const corpora: Record<string, LanguageCorpus> = { en: CORPUS_EN, nl: CORPUS_NL, de: CORPUS_DE };

  function customerTexts(corpus: LanguageCorpus): string[] {
    return [...Object.values(corpus.topics).flatMap((t) => t.openings), ...corpus.customerFollowUps, ...corpus.customerThanks];
  }

  function agentTexts(corpus: LanguageCorpus): string[] {
    return [
      ...Object.values(corpus.topics).flatMap((t) => t.replies),
      ...corpus.agentFollowUps,
      ...corpus.agentHandOvers,
      ...corpus.agentPending,
      ...corpus.agentSolved,
    ];
  }

  test.each(['en', 'nl', 'de'])('writes the %s requesters\' threads in their language when seeding', (language) => {
    const corpus = corpora[language]!;
    const bodies = (authorType: string) =>
      all<{ body: string }>(
        `SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN customers c ON c.id = t.requester_id
         WHERE c.language = ? AND m.author_type = ? AND m.kind = 'reply'`,
        language,
        authorType,
      ).map((r) => r.body);
    const fromCustomers = bodies('customer');
    const fromAgents = bodies('agent');
    expect(fromCustomers.length).toBeGreaterThan(50);
    expect(fromAgents.length).toBeGreaterThan(50);
    const texts = customerTexts(corpus);
    const replies = agentTexts(corpus);
    expect(fromCustomers.filter((body) => !texts.some((text) => body.includes(text)))).toEqual([]);
    expect(fromAgents.filter((body) => !replies.some((text) => body.includes(text)))).toEqual([]);
  });

  test('writes customer replies, agent replies and internal notes when seeding', () => {
    expect(all('SELECT DISTINCT kind, author_type FROM messages ORDER BY kind, author_type')).toEqual([
      { kind: 'note', author_type: 'agent' },
      { kind: 'reply', author_type: 'agent' },
      { kind: 'reply', author_type: 'customer' },
    ]);
  });

  test('hands escalated tickets to their level with a note and the specialist\'s answer when seeding', () => {
    // Every ticket above L1 that waits for the customer or is done has an escalation note by the
    // helpdesk, and an agent of the ticket's group answered after it.
    const escalated = all<{ id: string; group_id: string }>(
      "SELECT id, group_id FROM tickets WHERE level <> 'L1' AND status IN ('pending', 'solved', 'closed')",
    );
    expect(escalated.length).toBeGreaterThan(50);
    const unanswered = escalated.filter(({ id, group_id }) => {
      const thread = all<{ kind: string; author_id: string | null }>('SELECT kind, author_id FROM messages WHERE ticket_id = ? ORDER BY created_at, rowid', id);
      const members = new Set(all<{ id: string }>('SELECT id FROM agents WHERE group_id = ?', group_id).map((a) => a.id));
      const noteAt = thread.findIndex((m) => m.kind === 'note' && m.author_id !== null && !members.has(m.author_id));
      return noteAt < 0 || !thread.slice(noteAt + 1).some((m) => m.kind === 'reply' && m.author_id !== null && members.has(m.author_id));
    });
    expect(unanswered.map((t) => t.id)).toEqual([]);
  });

  test('writes HTML bodies for customer email only when seeding', () => {
    expect(count("SELECT count(*) AS n FROM messages WHERE body_format = 'html'")).toBeGreaterThan(0);
    expect(all("SELECT DISTINCT channel, author_type FROM messages WHERE body_format = 'html'")).toEqual([
      { channel: 'email', author_type: 'customer' },
    ]);
    expect(count("SELECT count(*) AS n FROM messages WHERE body_format = 'html' AND body NOT LIKE '<p>%</p>'")).toBe(0);
  });

  test('writes about five messages per ticket, some threads of around fifty, when seeding', () => {
    const perTicket = all<{ n: number }>('SELECT count(*) AS n FROM messages GROUP BY ticket_id').map((r) => r.n);
    const average = perTicket.reduce((sum, n) => sum + n, 0) / perTicket.length;
    expect(average).toBeGreaterThan(4);
    expect(average).toBeLessThan(6.5);
    expect(perTicket.filter((n) => n >= 40).length).toBeGreaterThan(0);
  });
});

describe('time', () => {
  test('keeps every instant in the 90 days before now, in order, when seeding', () => {
    const windowStart = NOW - 90 * DAY_MS;
    expect({
      createdOutside: count('SELECT count(*) AS n FROM tickets WHERE created_at < ? OR created_at > ?', windowStart, NOW),
      updatedBeforeCreated: count('SELECT count(*) AS n FROM tickets WHERE updated_at < created_at'),
      updatedAfterNow: count('SELECT count(*) AS n FROM tickets WHERE updated_at > ?', NOW),
      messagesOutsideTheirTicket: count(
        'SELECT count(*) AS n FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.created_at < t.created_at OR m.created_at > t.updated_at',
      ),
      solvedWithoutSolvedAt: count("SELECT count(*) AS n FROM tickets WHERE status IN ('solved', 'closed') AND solved_at IS NULL"),
      unsolvedWithSolvedAt: count(`SELECT count(*) AS n FROM tickets WHERE status IN ${UNSOLVED} AND solved_at IS NOT NULL`),
      solvedOutOfOrder: count('SELECT count(*) AS n FROM tickets WHERE solved_at < created_at OR solved_at > updated_at'),
      dueWhileNotRunning: count("SELECT count(*) AS n FROM tickets WHERE due_at IS NOT NULL AND status NOT IN ('new', 'open')"),
      runningWithoutDue: count("SELECT count(*) AS n FROM tickets WHERE due_at IS NULL AND status IN ('new', 'open')"),
      dueBeforeCreated: count('SELECT count(*) AS n FROM tickets WHERE due_at <= created_at'),
    }).toEqual({
      createdOutside: 0,
      updatedBeforeCreated: 0,
      updatedAfterNow: 0,
      messagesOutsideTheirTicket: 0,
      solvedWithoutSolvedAt: 0,
      unsolvedWithSolvedAt: 0,
      solvedOutOfOrder: 0,
      dueWhileNotRunning: 0,
      runningWithoutDue: 0,
      dueBeforeCreated: 0,
    });
    // Some deadlines have passed and some are still ahead: the SLA views have something to show.
    expect(count('SELECT count(*) AS n FROM tickets WHERE due_at < ?', NOW)).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM tickets WHERE due_at >= ?', NOW)).toBeGreaterThan(0);
  });

  test('logs calls of every outcome with consistent times when seeding', () => {
    expect(all<{ outcome: string }>('SELECT DISTINCT outcome FROM calls ORDER BY outcome').map((r) => r.outcome)).toEqual([
      'answered',
      'callback',
      'missed',
      'voicemail',
    ]);
    expect(all('SELECT DISTINCT direction FROM calls ORDER BY direction')).toEqual([{ direction: 'inbound' }, { direction: 'outbound' }]);
    expect({
      answeredOutOfOrder: count(
        "SELECT count(*) AS n FROM calls WHERE outcome = 'answered' AND NOT (queued_at <= answered_at AND answered_at <= ended_at)",
      ),
      unansweredWithAnswer: count("SELECT count(*) AS n FROM calls WHERE outcome <> 'answered' AND answered_at IS NOT NULL"),
      phoneTicketsWithoutCall: count(
        "SELECT count(*) AS n FROM tickets t WHERE t.channel = 'phone' AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.ticket_id = t.id)",
      ),
    }).toEqual({ answeredOutOfOrder: 0, unansweredWithAnswer: 0, phoneTicketsWithoutCall: 0 });
  });
});

describe('the signed-in agent', () => {
  test('signs in an L1 agent who has open tickets of their own when seeding', () => {
    const agentId = getMeta(db, 'agent_id');
    expect(agentId).toBeDefined();
    expect(all('SELECT g.level FROM agents a JOIN groups g ON g.id = a.group_id WHERE a.id = ?', agentId)).toEqual([{ level: 'L1' }]);
    expect(count(`SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND status IN ${UNSOLVED}`, agentId)).toBeGreaterThanOrEqual(10);
  });

  test('leaves some unsolved tickets unassigned when seeding', () => {
    expect(count(`SELECT count(*) AS n FROM tickets WHERE assignee_id IS NULL AND status IN ${UNSOLVED}`)).toBeGreaterThan(0);
  });
});

describe('the store around the data', () => {
  test('writes no outbox or audit rows when seeding', () => {
    expect({ outbox: count('SELECT count(*) AS n FROM outbox'), audit: count('SELECT count(*) AS n FROM audit_events') }).toEqual({
      outbox: 0,
      audit: 0,
    });
  });

  test('leaves the schema as a fresh store has it when seeding is done', () => {
    const fresh = openStore(path.join(dir, 'fresh.db'));
    try {
      const schemaOf = (store: Db) => store.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      expect(all('SELECT key FROM meta ORDER BY key')).toEqual([{ key: 'agent_id' }]);
    } finally {
      fresh.close();
    }
  });

  test('leaves every full-text index in step with its table when seeding is done', () => {
    const searchTables = all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%USING fts5%'");
    // FTS5's integrity-check compares the index with the content table and throws on a mismatch.
    for (const { name } of searchTables) expect(() => db.exec(`INSERT INTO ${name} (${name}) VALUES ('integrity-check')`)).not.toThrow();
  });
});
