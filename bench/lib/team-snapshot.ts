// A support team's backend as a snapshot, shaped like a real desk rather than a test fixture:
// most tickets solved or closed, the unsolved ones spread over the agents' queues and their
// groups' unassigned piles, a thread of a few messages each. Deterministic for a seed.
import type { ServerSnapshot } from '../../src/shared/contract/server-snapshot';
import type { Customer } from '../../src/shared/domain/customer';
import type { Message } from '../../src/shared/domain/message';
import type { Agent, Group } from '../../src/shared/domain/team';
import { TICKET_PRIORITIES, UNSOLVED_STATUSES, type Ticket, type TicketStatus } from '../../src/shared/domain/ticket';
import { Prng } from '../../src/main/services/seed/prng';
import { uuidv7At } from '../../src/main/services/seed/uuid7';

/** The password of every account of a generated team. */
export const TEAM_PASSWORD = 'correct horse battery staple';

export interface TeamSnapshot {
  snapshot: ServerSnapshot;
  /** Sign-in e-mail of each agent, in order. */
  emails: string[];
  ticketIds: string[];
}

const YEAR_MS = 365 * 86_400_000;
const BODIES = [
  'When I click export in the reports page nothing happens. I tried Firefox and Chrome, cleared the cache and signed in again; the button greys out for a second and then nothing is downloaded.',
  'Thanks for the quick answer. The workaround helps for now, but our finance team needs the monthly export by Friday: can you tell me when the fix will be released?',
  'I checked the logs you asked for: the request to /api/export returns 504 after about thirty seconds. Our account has roughly 40,000 invoices, maybe that is too many at once?',
  'We have rolled out the new version to all workstations. Since then two colleagues cannot log in with single sign-on; the others can. They all use the same browser.',
  'Could you reset the two-factor authentication for my colleague? She lost her phone and is locked out. Her user name is in the CC of this mail.',
];

/** A team of `agents` agents in `groups` groups with `tickets` tickets of `messagesPerTicket` messages on average. */
export function makeTeamSnapshot(options: { agents: number; groups: number; tickets: number; messagesPerTicket: number; seed?: number; now?: number }): TeamSnapshot {
  const prng = new Prng(options.seed ?? 7);
  const now = options.now ?? Date.now();
  const id = (at: number) => uuidv7At(prng, at);
  const groups: Group[] = Array.from({ length: options.groups }, (_, i) => ({ id: id(now - YEAR_MS), name: `Helpdesk ${i + 1}`, level: 'L1' }));
  const agents: Agent[] = Array.from({ length: options.agents }, (_, i) => ({
    id: id(now - YEAR_MS),
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@team.example`,
    role: 'agent',
    groupId: groups[i % groups.length]!.id,
    timeZone: 'Europe/Amsterdam',
    language: 'en',
  }));
  const customers: Customer[] = Array.from({ length: Math.max(1, Math.ceil(options.tickets / 10)) }, (_, i) => ({
    id: id(now - YEAR_MS),
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@example.com`,
    phones: [],
    organisationId: null,
    plan: 'business',
    timeZone: 'Europe/Amsterdam',
    language: 'en',
    proficiency: 'intermediate',
    optOuts: [],
    createdAt: now - YEAR_MS,
  }));
  const tickets: Ticket[] = [];
  const messages: Message[] = [];
  for (let i = 0; i < options.tickets; i += 1) {
    const customer = customers[prng.int(customers.length)]!;
    const agentIndex = prng.int(agents.length);
    const groupIndex = agentIndex % groups.length;
    // Three in four tickets are done; of the rest, one in five still waits for an assignee.
    const solved = prng.float() < 0.75;
    // Done tickets spread over the past year; open ones came in within the hour, so no SLA has run
    // out yet and the backend's SLA scheduler has nothing to escalate while a bench runs.
    const createdAt = solved ? now - YEAR_MS + Math.floor((i * YEAR_MS) / options.tickets) : now - prng.int(3_600_000);
    const status: TicketStatus = solved ? (prng.float() < 0.5 ? 'solved' : 'closed') : UNSOLVED_STATUSES[prng.int(UNSOLVED_STATUSES.length)]!;
    const assigned = solved || prng.float() >= 0.2;
    const count = 1 + prng.int(options.messagesPerTicket * 2 - 1);
    const ticket: Ticket = {
      id: id(createdAt),
      number: null,
      subject: `Ticket ${i + 1}: ${BODIES[i % BODIES.length]!.slice(0, 40)}`,
      status,
      priority: TICKET_PRIORITIES[prng.int(TICKET_PRIORITIES.length)]!,
      channel: 'email',
      category: null,
      tags: [],
      requesterId: customer.id,
      organisationId: null,
      assigneeId: assigned ? agents[agentIndex]!.id : null,
      groupId: groups[groupIndex]!.id,
      level: 'L1',
      createdAt,
      updatedAt: Math.min(now, createdAt + (count - 1) * 60_000),
      solvedAt: solved ? Math.min(now, createdAt + 3_600_000) : null,
      dueAt: null,
      mergedIntoId: null,
    };
    tickets.push(ticket);
    for (let m = 0; m < count; m += 1) {
      const fromCustomer = m % 2 === 0;
      messages.push({
        id: id(createdAt + m),
        ticketId: ticket.id,
        kind: 'reply',
        authorType: fromCustomer ? 'customer' : 'agent',
        authorId: fromCustomer ? customer.id : agents[agentIndex]!.id,
        authorName: fromCustomer ? customer.name : agents[agentIndex]!.name,
        channel: 'email',
        bodyFormat: 'markdown',
        body: BODIES[(i + m) % BODIES.length]!,
        attachments: [],
        createdAt: Math.min(now, createdAt + m * 60_000),
      });
    }
  }
  return {
    snapshot: {
      levels: [],
      groups,
      agents,
      accounts: agents.map((agent) => ({ agentId: agent.id, password: TEAM_PASSWORD })),
      organisations: [],
      customers,
      tickets,
      messages,
    },
    emails: agents.map((agent) => agent.email),
    ticketIds: tickets.map((ticket) => ticket.id),
  };
}
