import { expect, test } from 'vitest';
import type { PresenceEntry } from '../../shared/contract/presence-protocol';
import { PresenceRegistry } from './presence-registry';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const TTL = 30_000;
const TICKET_A = '01940000-0000-7000-8000-00000000000a';
const TICKET_B = '01940000-0000-7000-8000-00000000000b';
const ANA = '01940000-0000-7000-8000-0000000000a1';
const BEN = '01940000-0000-7000-8000-0000000000b1';

function notice(sessionId: string, accountId: string, name: string, tickets: PresenceEntry[]) {
  return { sessionId, accountId, name, tickets, ttlMs: TTL };
}

test('lists the agents on a ticket, replying first and then by name, and says which tickets changed', () => {
  const registry = new PresenceRegistry(8);
  expect(registry.report(notice('s-cas', 'cas', 'Cas', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0)).toEqual(new Set([TICKET_A]));
  registry.report(notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  registry.report(notice('s-ben', BEN, 'Ben', [{ ticketId: TICKET_A, activity: 'replying' }]), T0);
  expect(registry.agentsOn(TICKET_A)).toEqual([
    { agentId: BEN, name: 'Ben', activity: 'replying' },
    { agentId: ANA, name: 'Ana', activity: 'viewing' },
    { agentId: 'cas', name: 'Cas', activity: 'viewing' },
  ]);
});

test('counts an agent on two desktops once, replying winning over viewing', () => {
  const registry = new PresenceRegistry(8);
  registry.report(notice('laptop', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  const changed = registry.report(notice('desktop', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'replying' }]), T0);
  expect({ changed, agents: registry.agentsOn(TICKET_A) }).toEqual({
    changed: new Set([TICKET_A]),
    agents: [{ agentId: ANA, name: 'Ana', activity: 'replying' }],
  });
});

test('replaces a session’s previous report: moving to another ticket changes both', () => {
  const registry = new PresenceRegistry(8);
  registry.report(notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  const changed = registry.report(notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_B, activity: 'viewing' }]), T0 + 1000);
  expect({ changed, onA: registry.agentsOn(TICKET_A), occupied: registry.occupiedTickets() }).toEqual({
    changed: new Set([TICKET_A, TICKET_B]),
    onA: [],
    occupied: [TICKET_B],
  });
});

test('changes nothing on a heartbeat that repeats the report, and keeps it past its first ttl', () => {
  const registry = new PresenceRegistry(8);
  const report = notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]);
  registry.report(report, T0);
  // T0 + 10 s: the heartbeat; the report now holds until T0 + 40 s.
  expect(registry.report(report, T0 + 10_000)).toEqual(new Set());
  expect(registry.expire(T0 + TTL)).toEqual(new Set());
  expect(registry.agentsOn(TICKET_A)).toEqual([{ agentId: ANA, name: 'Ana', activity: 'viewing' }]);
});

test('drops a report that was not renewed within its ttl', () => {
  const registry = new PresenceRegistry(8);
  registry.report(notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'replying' }]), T0);
  registry.report(notice('s-ben', BEN, 'Ben', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0 + 5_000);
  // T0 + 30 s: Ana's report runs out; Ben's holds until T0 + 35 s.
  expect(registry.expire(T0 + TTL - 1)).toEqual(new Set());
  expect(registry.expire(T0 + TTL)).toEqual(new Set([TICKET_A]));
  expect({ agents: registry.agentsOn(TICKET_A), size: registry.size }).toEqual({ agents: [{ agentId: BEN, name: 'Ben', activity: 'viewing' }], size: 1 });
});

test('forgets a session that reports no ticket', () => {
  const registry = new PresenceRegistry(8);
  registry.report(notice('s-ana', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  expect(registry.report(notice('s-ana', ANA, 'Ana', []), T0 + 1)).toEqual(new Set([TICKET_A]));
  expect({ size: registry.size, occupied: registry.occupiedTickets() }).toEqual({ size: 0, occupied: [] });
});

test('keeps at most the cap of sessions per account: the one nearest expiry gives way', () => {
  const registry = new PresenceRegistry(2);
  registry.report(notice('first', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  registry.report(notice('second', ANA, 'Ana', [{ ticketId: TICKET_B, activity: 'viewing' }]), T0 + 1000);
  const changed = registry.report(notice('third', ANA, 'Ana', [{ ticketId: TICKET_B, activity: 'replying' }]), T0 + 2000);
  expect({ changed, size: registry.size, onA: registry.agentsOn(TICKET_A), onB: registry.agentsOn(TICKET_B) }).toEqual({
    changed: new Set([TICKET_A, TICKET_B]),
    size: 2,
    onA: [],
    onB: [{ agentId: ANA, name: 'Ana', activity: 'replying' }],
  });
});

test('drops every session of an account, or just one, when access ends', () => {
  const registry = new PresenceRegistry(8);
  registry.report(notice('laptop', ANA, 'Ana', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  registry.report(notice('desktop', ANA, 'Ana', [{ ticketId: TICKET_B, activity: 'viewing' }]), T0);
  registry.report(notice('s-ben', BEN, 'Ben', [{ ticketId: TICKET_A, activity: 'viewing' }]), T0);
  expect(registry.drop(ANA, 'laptop')).toEqual(new Set([TICKET_A]));
  expect(registry.occupiedTickets().sort()).toEqual([TICKET_A, TICKET_B]);
  expect(registry.drop(ANA, null)).toEqual(new Set([TICKET_B]));
  expect({ onA: registry.agentsOn(TICKET_A), size: registry.size }).toEqual({ onA: [{ agentId: BEN, name: 'Ben', activity: 'viewing' }], size: 1 });
});
