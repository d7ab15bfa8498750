import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { serverSnapshotSchema } from '../../../shared/contract/server-snapshot';
import { buildSampleSnapshot } from './sample-snapshot';

// Mon 2 Nov 2026 09:00 UTC: every sample instant lies in the 90 days before it.
const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const PASSWORD = 'sample password for tests';
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sample-snapshot-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('buildSampleSnapshot', () => {
  test('makes a snapshot the backend accepts, whose rows all refer to rows it holds', () => {
    const { snapshot } = buildSampleSnapshot({ tickets: 60, seed: 1, now: NOW, password: PASSWORD, scratchDir: tempDir() });
    expect(serverSnapshotSchema.safeParse(snapshot).success).toBe(true);
    const customers = new Set(snapshot.customers.map((customer) => customer.id));
    const tickets = new Set(snapshot.tickets.map((ticket) => ticket.id));
    const agents = new Set(snapshot.agents.map((agent) => agent.id));
    const groups = new Set(snapshot.groups.map((group) => group.id));
    expect({
      tickets: snapshot.tickets.length,
      levels: snapshot.levels.map((level) => level.level),
      ticketsWithUnknownRequester: snapshot.tickets.filter((ticket) => !customers.has(ticket.requesterId)).length,
      ticketsWithUnknownAssignee: snapshot.tickets.filter((ticket) => ticket.assigneeId !== null && !agents.has(ticket.assigneeId)).length,
      ticketsWithUnknownGroup: snapshot.tickets.filter((ticket) => ticket.groupId !== null && !groups.has(ticket.groupId)).length,
      messagesOfUnknownTickets: snapshot.messages.filter((message) => !tickets.has(message.ticketId)).length,
      instantsAfterNow: snapshot.tickets.filter((ticket) => ticket.createdAt > NOW || ticket.updatedAt > NOW).length,
    }).toEqual({
      tickets: 60,
      levels: ['L1', 'L2', 'L3', 'L4'],
      ticketsWithUnknownRequester: 0,
      ticketsWithUnknownAssignee: 0,
      ticketsWithUnknownGroup: 0,
      messagesOfUnknownTickets: 0,
      instantsAfterNow: 0,
    });
    expect(snapshot.messages.length).toBeGreaterThan(60);
  });

  test('gives accounts to the signed-in agent, a teammate, their lead and a knowledge author, all with the password', () => {
    const { snapshot, me, accounts } = buildSampleSnapshot({ tickets: 10, seed: 1, now: NOW, password: PASSWORD, scratchDir: tempDir() });
    const agentOf = (id: string) => snapshot.agents.find((agent) => agent.id === id)!;
    expect({
      roles: accounts.map((account) => account.role),
      meFirst: accounts[0],
      teammateInMyGroup: agentOf(accounts[1]!.agentId).groupId === agentOf(me.agentId).groupId,
      passwords: snapshot.accounts.map((account) => account.password),
      accountAgents: snapshot.accounts.map((account) => account.agentId),
    }).toEqual({
      roles: ['agent', 'agent', 'lead', 'author'],
      meFirst: me,
      teammateInMyGroup: true,
      passwords: [PASSWORD, PASSWORD, PASSWORD, PASSWORD],
      accountAgents: accounts.map((account) => account.agentId),
    });
  });

  test('makes the same world from the same seed and instant, and leaves no scratch store behind', () => {
    const scratchDir = tempDir();
    const first = buildSampleSnapshot({ tickets: 20, seed: 1, now: NOW, password: PASSWORD, scratchDir });
    const second = buildSampleSnapshot({ tickets: 20, seed: 1, now: NOW, password: PASSWORD, scratchDir });
    expect(second.snapshot).toEqual(first.snapshot);
    expect(fs.readdirSync(scratchDir)).toEqual([]);
  });
});
