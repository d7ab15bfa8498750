// Randomised convergence (DESIGN.md §7a): four desktops against the real backend make random
// changes of every synced kind (field edits, messages, tickets created offline, escalations and
// merges that race, links, shared and personal views, customer edits, changes the backend
// refuses), through random offline periods, app restarts, resets, requests that reach the backend
// twice, answers lost after the backend applied them, late copies of old pushes and backend
// restarts. Three desktops run in this process; the fourth, a second desktop of the agent, runs
// the app's core in a process of its own that is killed with SIGKILL at random moments (as a push
// leaves, once the backend answered a push or a pull, between the slices of a pull, or whenever)
// and started again on the same store. In the end every desktop holds exactly the backend's data
// for its account, every acknowledged change got the outcome the written policy owes it, none was
// lost and none applied twice. The seed is printed; replay with SYNC_SEED=<seed> (starting at the
// failed run with SYNC_PATH=<path>, as fast-check prints it), soak with SYNC_RUNS=<runs> (and
// SYNC_STEPS=<most steps a run>).
import { isDeepStrictEqual } from 'node:util';
import fs from 'node:fs';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { CustomerService } from '../../src/main/services/customers/customer-service';
import { escalateTicket } from '../../src/main/services/tickets/escalate';
import { linkTickets, unlinkTickets } from '../../src/main/services/tickets/links';
import { mergeTickets } from '../../src/main/services/tickets/merge';
import { createTicket } from '../../src/main/services/tickets/ticket-create';
import { ViewService } from '../../src/main/services/views/view-service';
import { knownClientIds, listRejections, setCursor } from '../../src/main/store/queries/sync-state';
import { CHANNELS, type TicketFieldsPatch, type TicketLinkKind } from '../../src/shared/domain/ticket';
import { newId } from '../../src/shared/domain/ids';
import type { CustomerPatch } from '../../src/shared/domain/customer';
import type { ViewFilter } from '../../src/shared/domain/view';
import { serverSyncedData } from './support/backend-truth';
import { performOp, type Made, type Op, type OpHandlers } from './support/convergence-ops';
import { openDesktop, outboxRows, startBackend, type TestBackend, type TestDesktop } from './support/desktop-kit';
import { DesktopDied, DesktopProcess } from './support/desktop-process';
import type { CrashPoint, RunnerSnapshot } from './support/desktop-runner';
import { faultyNetwork, noFaults, prng, type FaultCounts } from './support/faulty-network';
import { makeTempDir, TEST_PASSWORD, T0 } from './support/server-kit';
import { localSyncedData, withoutDueAt, type SyncedData } from './support/synced-data';

/** The accounts of the desktops in this process; the desktop process is a second desktop of the agent. */
const ROLES = ['agent', 'lead', 'admin'] as const;
const PROCESS = ROLES.length;
const DESKTOPS = ROLES.length + 1;
const CRASH_POINTS: readonly CrashPoint[] = ['push-sent', 'push-answered', 'pull-answered', 'pull-apply'];

type Step =
  | { kind: 'fields'; client: number; ticket: number; patch: TicketFieldsPatch }
  | { kind: 'message'; client: number; ticket: number; body: string }
  | { kind: 'refused'; client: number; ticket: number }
  | { kind: 'create'; client: number; subject: string; priority: 'low' | 'normal' | 'high'; tags: string[]; channel: (typeof CHANNELS)[number] }
  | { kind: 'escalate'; client: number; ticket: number }
  | { kind: 'merge'; client: number; ticket: number; target: number }
  | { kind: 'link'; client: number; ticket: number; other: number; linkKind: TicketLinkKind }
  /** Removes a link made earlier (by any desktop), so unlinks race the links and kind changes. */
  | { kind: 'unlink'; client: number; link: number }
  | { kind: 'save-view'; client: number; view: number; name: string; scope: 'personal' | 'shared'; filter: number }
  | { kind: 'delete-view'; client: number; view: number }
  | { kind: 'customer'; client: number; customer: number; patch: CustomerPatch }
  | { kind: 'offline' | 'online' | 'sync' | 'restart-app' | 'reset'; client: number }
  /** The desktop process dies: now (after `delayMs`), or at the `count`-th time its sync reaches `at`. */
  | { kind: 'kill'; at: 'now' | CrashPoint; count: number; delayMs: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'restart-backend'; downMs: number };

const client = fc.integer({ min: 0, max: DESKTOPS - 1 });
// Indexes into the tickets and views known so far (taken modulo their number): created ones join.
const ticket = fc.nat(40);
const view = fc.nat(6);
const patch: fc.Arbitrary<TicketFieldsPatch> = fc.oneof(
  fc.record({ priority: fc.constantFrom('low', 'normal', 'high', 'urgent') }),
  fc.record({ status: fc.constantFrom('open', 'pending', 'on-hold', 'solved') }),
  // A tag named twice counts once (the regression of changedTicketFields).
  fc.record({ tags: fc.array(fc.constantFrom('vip', 'billing', 'bug', 'refund', 'BUG'), { maxLength: 3 }) }),
  fc.record({ category: fc.constantFrom('billing', 'technical', null) }),
  fc.record({ priority: fc.constantFrom('high', 'urgent'), status: fc.constantFrom('open', 'pending') }),
  // A level moved by hand races the escalations from that level.
  fc.record({ level: fc.constantFrom('L1', 'L2', 'L3') }),
);
const customerPatch: fc.Arbitrary<CustomerPatch> = fc.oneof(
  fc.record({ proficiency: fc.constantFrom('beginner', 'intermediate', 'advanced') }),
  fc.record({ language: fc.constantFrom('en', 'nl-BE', 'de') }),
  fc.record({ timeZone: fc.constantFrom('Europe/Amsterdam', 'Europe/Berlin', 'America/New_York') }),
  fc.record({ phones: fc.constantFrom<string[]>([], ['+31201234567'], ['+49 30 1234567', '+31201234567']) }),
  fc.record({ optOuts: fc.subarray(['email', 'sms', 'marketing'] as ('email' | 'sms' | 'marketing')[]) }),
  fc.record({ proficiency: fc.constantFrom('beginner', 'advanced'), timeZone: fc.constantFrom('Europe/Berlin', 'Asia/Tokyo') }),
);
const VIEW_FILTERS: readonly ViewFilter[] = [{ unsolved: true }, { levels: ['L2', 'L3'] }, { tags: ['billing'] }, { priorities: ['urgent'], unsolved: true }];

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('fields' as const), client, ticket, patch }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('message' as const), client, ticket, body: fc.constantFrom('On it.', 'Fixed in 4.2', 'Can you send a screenshot?') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refused' as const), client, ticket }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      client,
      subject: fc.constantFrom('Invoice shows the wrong VAT rate', 'Cannot log in', 'Export is empty'),
      priority: fc.constantFrom('low', 'normal', 'high'),
      tags: fc.subarray(['billing', 'vip', 'bug']),
      channel: fc.constantFrom(...CHANNELS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('escalate' as const), client, ticket }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), client, ticket, target: ticket }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('link' as const), client, ticket, other: ticket, linkKind: fc.constantFrom('related', 'duplicate', 'caused-by', 'causes') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlink' as const), client, link: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('save-view' as const),
      client,
      view,
      // Shared names clash in any letter case.
      name: fc.constantFrom('Urgent', 'urgent', 'Billing', 'VIP queue'),
      scope: fc.constantFrom('personal', 'shared'),
      filter: fc.nat(VIEW_FILTERS.length - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-view' as const), client, view }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('customer' as const), client, customer: fc.nat(1), patch: customerPatch }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const, 'sync' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('restart-app' as const, 'reset' as const), client }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('kill' as const), at: fc.constantFrom('now' as const, ...CRASH_POINTS), count: fc.integer({ min: 1, max: 3 }), delayMs: fc.integer({ min: 0, max: 60 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-backend' as const), downMs: fc.integer({ min: 0, max: 80 }) }) },
);

/** What the runs did, over every run: faults, kills by crash point, refusals the policy allowed. */
const tally = {
  runs: 0,
  steps: 0,
  faults: noFaults(),
  backendRestarts: 0,
  resets: 0,
  kills: {} as Record<string, number>,
  changes: {} as Record<string, number>,
  refusedByPolicy: {} as Record<string, number>,
};
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
const addFaults = (into: FaultCounts, from: FaultCounts) => {
  for (const key of Object.keys(into) as (keyof FaultCounts)[]) into[key] += from[key];
};

/** The methods a desktop of this process answers, from its services (as core.ts binds them). */
function serviceHandlers(desktop: TestDesktop): OpHandlers {
  const views = new ViewService(desktop.ctx, desktop.events);
  const customers = new CustomerService(desktop.ctx, desktop.events);
  return {
    'ticket/update-fields': (input) => desktop.tickets.updateFields(input),
    'ticket/add-message': (input) => desktop.tickets.addMessage(input),
    'ticket/create': (input) => createTicket(desktop.ctx, desktop.events, input),
    'ticket/escalate': (input) => escalateTicket(desktop.ctx, desktop.events, input),
    'ticket/merge': (input) => mergeTickets(desktop.ctx, desktop.events, input),
    'ticket/link': (input) => linkTickets(desktop.ctx, desktop.events, input),
    'ticket/unlink': (input) => unlinkTickets(desktop.ctx, desktop.events, input),
    'view/save': (input) => views.saveView(input),
    'view/delete': (input) => views.deleteView(input),
    'customer/update': (input) => customers.updateCustomer(input),
  };
}

/** The ids the steps' indexes pick from: grows as desktops create tickets and views. */
interface Refs {
  tickets: string[];
  views: string[];
  customers: string[];
  /** Per desktop, an agent only it knows: assigning a ticket to them is refused. */
  ghosts: string[];
  /** The pairs of tickets links were made between. */
  links: [string, string][];
}

const pick = (ids: readonly string[], index: number) => ids[index % ids.length]!;

/** The steps that change no data: the network, the apps, the backend. */
const CONTROLS = new Set<Step['kind']>(['offline', 'online', 'sync', 'restart-app', 'reset', 'kill', 'wait', 'restart-backend']);

/** The operation a change step makes, with its ids resolved (null: nothing to make it on yet). */
function opOf(s: Step, refs: Refs): Op | null {
  switch (s.kind) {
    case 'fields':
      return { kind: 'fields', ticketId: pick(refs.tickets, s.ticket), patch: s.patch };
    case 'message':
      return { kind: 'message', ticketId: pick(refs.tickets, s.ticket), body: s.body };
    case 'refused':
      return { kind: 'refused', ticketId: pick(refs.tickets, s.ticket), ghostId: refs.ghosts[s.client]! };
    case 'create':
      return {
        kind: 'create',
        input: { requesterId: refs.customers[0]!, subject: s.subject, body: 'It started this morning.', channel: s.channel, priority: s.priority, tags: s.tags },
      };
    case 'escalate':
      return { kind: 'escalate', ticketId: pick(refs.tickets, s.ticket), reason: 'Needs a specialist.' };
    case 'merge':
      return { kind: 'merge', sourceId: pick(refs.tickets, s.ticket), targetId: pick(refs.tickets, s.target) };
    case 'link':
      return { kind: 'link', ticketId: pick(refs.tickets, s.ticket), otherId: pick(refs.tickets, s.other), linkKind: s.linkKind };
    case 'unlink': {
      if (refs.links.length === 0) return null;
      const [ticketId, otherId] = refs.links[s.link % refs.links.length]!;
      return { kind: 'unlink', ticketId, otherId };
    }
    case 'save-view':
      return {
        kind: 'save-view',
        viewId: s.view < refs.views.length ? refs.views[s.view]! : null,
        input: { name: s.name, scope: s.scope, filter: VIEW_FILTERS[s.filter]!, sort: { field: 'updated', direction: 'desc' } },
      };
    case 'delete-view':
      return refs.views.length === 0 ? null : { kind: 'delete-view', viewId: pick(refs.views, s.view) };
    case 'customer':
      return { kind: 'customer', customerId: pick(refs.customers, s.customer), patch: s.patch };
    default:
      return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one desktop holds at the end, in the shapes the backend syncs. */
interface DesktopState {
  data: SyncedData & { linksReadFromOtherEnd: SyncedData['links'] };
  outbox: string[];
  rejections: { mutationId: string; final: boolean }[];
  clientIds: string[];
}

async function runScenario(steps: Step[], faultSeed: number, label: string): Promise<void> {
  const backend: TestBackend = await startBackend({ tickets: 4 });
  // Groups for the levels escalations go to (none for L4: an escalation there names no group).
  await backend.storage.write(async (tx) => {
    await tx.saveGroup({ id: newId(), name: 'Billing Specialists', level: 'L2' });
    await tx.saveGroup({ id: newId(), name: 'Platform Experts', level: 'L3' });
    await tx.saveCustomer({ ...backend.world.customer, id: newId(), name: 'Dirk Customer', email: 'dirk@customer.example', createdAt: T0 + 1 });
  });
  const customerIds = (await serverSyncedData(backend, backend.world.accounts.admin.id)).customers.map((customer) => customer.id);
  const accountOf = (i: number) => backend.world.accounts[i === PROCESS ? 'agent' : ROLES[i]!].id;
  // The first sync of each desktop goes through a healthy network; the faults start after.
  const faults = { on: false };
  const counts = ROLES.map(() => noFaults());
  const networks = ROLES.map((_, i) => faultyNetwork(prng(faultSeed + i), faults, counts[i]!));
  const refs: Refs = { tickets: backend.world.tickets.map((t) => t.id), views: [], customers: customerIds, ghosts: Array.from({ length: DESKTOPS }, () => newId()), links: [] };
  const made: Made[][] = Array.from({ length: DESKTOPS }, () => []);
  const desktops: TestDesktop[] = [];
  const processDir = makeTempDir('sc-desktop-process-');
  let starts = 0;
  const startProcess = (token: string | null) =>
    DesktopProcess.start({ dataDir: processDir, token, faultSeed: faultSeed + 1000 * ++starts, faults: faults.on });
  // The process starts while the desktops here sign in (a start takes a second).
  const processStarting = startProcess(null);
  let proc!: DesktopProcess;
  let processFaults = noFaults();

  /** Every acknowledged change of desktop `i` is still pending or has the backend's outcome: none was lost. */
  async function expectNothingLost(i: number, pending: ReadonlySet<string>, when: string): Promise<void> {
    const settled = made[i]!.filter((m) => !pending.has(m.mutationId));
    const results = await backend.storage.write((tx) => tx.firstResultsOf(settled.map((m) => m.mutationId)));
    const lost = settled.filter((m) => !results.has(m.mutationId)).map((m) => `${m.name} ${m.mutationId}`);
    expect(lost, `${label}, ${when}: desktop ${i} lost acknowledged changes (neither pending nor answered by the backend)`).toEqual([]);
  }

  /** The desktop process died (killed, or at its crash point): start it again on the same store and check it lost nothing. */
  async function restartProcess(when: string): Promise<void> {
    await proc.exited;
    bump(tally.kills, proc.crashedAt ?? 'now');
    proc = await startProcess(proc.token);
    // A crash point armed before may fire again only in a process armed again: this one starts unarmed.
    const after = await proc.request<RunnerSnapshot>({ do: 'snapshot' });
    await expectNothingLost(PROCESS, new Set(after.outbox.map((row) => row.mutationId)), `${when}, after a kill -9 of the desktop process`);
  }

  /** Asks the desktop process something that is safe to ask again; if it dies first (an armed crash point), it is restarted and asked again. */
  async function ask<T>(body: Parameters<DesktopProcess['request']>[0], when: string): Promise<T> {
    for (;;) {
      try {
        return await proc.request<T>(body);
      } catch (error) {
        if (!(error instanceof DesktopDied)) throw error;
        await restartProcess(when);
      }
    }
  }

  /** Tells the desktop process something an agent does; if it died first (an armed crash point), that action is lost with it. */
  async function tell(body: Parameters<DesktopProcess['request']>[0]): Promise<void> {
    try {
      await proc.request(body);
    } catch (error) {
      if (!(error instanceof DesktopDied)) throw error;
    }
  }

  async function perform(i: number, op: Op): Promise<Made[]> {
    if (i === PROCESS) {
      try {
        return await proc.request<Made[]>({ do: 'perform', op });
      } catch (error) {
        // It died at a crash point before it read the request: the change was never made.
        if (error instanceof DesktopDied) return [];
        throw error;
      }
    }
    const desktop = desktops[i]!;
    return performOp({ db: desktop.db, handlers: serviceHandlers(desktop) }, op);
  }

  async function stateOf(i: number, when: string): Promise<DesktopState> {
    if (i === PROCESS) {
      const snapshot = await ask<RunnerSnapshot>({ do: 'snapshot' }, when);
      return { data: snapshot.data, outbox: snapshot.outbox.map((row) => row.mutationId), rejections: snapshot.rejections, clientIds: snapshot.clientIds };
    }
    const desktop = desktops[i]!;
    return {
      data: localSyncedData(desktop.db),
      outbox: outboxRows(desktop.db).map((row) => row.mutationId),
      rejections: listRejections(desktop.db, 10_000).map((r) => ({ mutationId: r.mutationId, final: r.final })),
      clientIds: knownClientIds(desktop.db),
    };
  }

  /** What desktop `i` must hold: the backend's data for its account (due times derived on the desktop process). */
  const expectedOf = (i: number, truth: Map<string, SyncedData>): DesktopState['data'] => {
    const data = truth.get(accountOf(i))!;
    const tickets = i === PROCESS ? data.tickets.map(withoutDueAt) : data.tickets;
    return { ...data, tickets, linksReadFromOtherEnd: data.links };
  };

  try {
    for (const [i, role] of ROLES.entries()) {
      const desktop = openDesktop({ fetch: networks[i]!, config: { live: i !== 2 } });
      await desktop.sync.signIn({ url: backend.base, email: `${role}@support.example`, password: TEST_PASSWORD });
      desktops.push(desktop);
      await desktop.client().syncNow();
    }
    proc = await processStarting;
    await proc.request({ do: 'sign-in', url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
    faults.on = true;
    await proc.request({ do: 'faults', on: true });

    for (const [index, s] of steps.entries()) {
      const at = `step ${index + 1} of ${steps.length} (${JSON.stringify(s)})`;
      try {
        if ('client' in s && !CONTROLS.has(s.kind)) {
          const op = opOf(s, refs);
          const i = s.client;
          const changes = op ? await perform(i, op) : [];
          for (const change of changes) {
            made[i]!.push(change);
            bump(tally.changes, change.name);
            if (change.name === 'ticket/create' && change.ticketId) refs.tickets.push(change.ticketId);
            if (change.viewId && !refs.views.includes(change.viewId)) refs.views.push(change.viewId);
            if (op?.kind === 'link' && change.name === 'ticket/link') refs.links.push([op.ticketId, op.otherId]);
          }
        } else {
          await control(s);
        }
        if (!proc.alive) await restartProcess(at);
        for (const [i, desktop] of desktops.entries()) await expectNothingLost(i, new Set(outboxRows(desktop.db).map((row) => row.mutationId)), at);
      } catch (error) {
        if (error instanceof Error && !error.message.includes(label)) error.message = `${label}, ${at}: ${error.message}`;
        throw error;
      }
    }

    // The network heals and everyone comes online: sync until every outbox is empty and every
    // desktop holds the backend's data (the desktop process syncs by itself, poked by the stream).
    const atEnd = `after the last of ${steps.length} steps`;
    faults.on = false;
    if (!proc.alive) await restartProcess(atEnd);
    await ask({ do: 'faults', on: false }, atEnd);
    await ask({ do: 'set-online', online: true }, atEnd);
    for (const desktop of desktops) desktop.sync.setOnline(true);
    let truth = new Map<string, SyncedData>();
    let states: DesktopState[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const desktop of desktops) await desktop.client().syncNow();
      const accounts = [...new Set(Array.from({ length: DESKTOPS }, (_, i) => accountOf(i)))];
      truth = new Map(await Promise.all(accounts.map(async (id) => [id, await serverSyncedData(backend, id)] as const)));
      states = [];
      for (let i = 0; i < DESKTOPS; i += 1) states.push(await stateOf(i, atEnd));
      const converged = states.every((state, i) => state.outbox.length === 0 && isDeepStrictEqual(state.data, expectedOf(i, truth)));
      if (converged || Date.now() > deadline) break;
      await sleep(50);
    }

    const all = made.flat();
    const results = await backend.storage.write((tx) => tx.firstResultsOf(all.map((m) => m.mutationId)));
    for (const [i, state] of states.entries()) {
      expect({ desktop: i, ...state.data, outbox: state.outbox }, `${label}, ${atEnd}: desktop ${i} holds the backend's data for its account, its outbox empty`).toEqual({
        desktop: i,
        ...expectedOf(i, truth),
        outbox: [],
      });
      const refused = made[i]!.filter((m) => results.get(m.mutationId)?.outcome === 'rejected').map((m) => m.mutationId);
      expect(
        { desktop: i, provisional: state.rejections.filter((r) => !r.final), final: state.rejections.filter((r) => r.final).map((r) => r.mutationId).sort() },
        `${label}, ${atEnd}: desktop ${i} shows exactly the changes the backend refused`,
      ).toEqual({ desktop: i, provisional: [], final: refused.sort() });
      // The backend's records under every client id the desktop had (re-registrations included):
      // each acknowledged change, and nothing else (no change made without being acknowledged).
      const recorded = await backend.storage.read(async (tx) => {
        const ids: string[] = [];
        for (const clientId of state.clientIds) {
          const known = await tx.getSyncClient(clientId);
          if (known) ids.push(...(await tx.listOutcomes(clientId, 0, known.lastAppliedSeq, 1_000_000)).map((outcome) => outcome.mutationId));
        }
        return [...new Set(ids)].sort();
      });
      expect(recorded, `${label}, ${atEnd}: the backend recorded exactly desktop ${i}'s acknowledged changes`).toEqual(made[i]!.map((m) => m.mutationId).sort());
    }

    // Nothing lost: every change has the outcome the written policy owes it.
    const wrong = all.flatMap((m) => {
      const result = results.get(m.mutationId);
      if (!result) return [`${m.name} ${m.mutationId}: no outcome`];
      if (result.outcome === 'applied' && m.owed.outcome !== 'rejected') return [];
      if (result.outcome === 'rejected' && m.owed.outcome !== 'applied') {
        const allowed = m.owed.outcome === 'rejected' ? [m.owed.refusal] : m.owed.refusals;
        if (allowed.some((refusal) => refusal.code === result.error?.code && refusal.field === result.error?.field)) {
          if (m.owed.outcome === 'either') bump(tally.refusedByPolicy, `${m.name} ${result.error?.code} ${result.error?.field}`);
          return [];
        }
      }
      return [`${m.name} ${m.mutationId}: owed ${JSON.stringify(m.owed)}, got ${result.outcome} ${JSON.stringify(result.error)}`];
    });
    expect(wrong, `${label}, ${atEnd}: every change got the outcome the policy owes it`).toEqual([]);

    // Nothing twice: each change wrote each field once, each message and ticket exists once (and
    // only when its change was applied), the numbers are 1…n, one merge per merged ticket.
    const server = truth.get(backend.world.accounts.admin.id)!;
    const applied = all.filter((m) => results.get(m.mutationId)?.outcome === 'applied');
    const history = (await backend.storage.read((tx) => Promise.all(server.tickets.map((t) => tx.listFieldChanges(t.id))))).flat();
    const writes = history.filter((change) => change.changedBy.mutationId !== null).map((change) => `${change.changedBy.mutationId}:${change.field}`);
    const merges = applied.filter((m) => m.name === 'ticket/merge').map((m) => m.ticketId);
    const mergedInto = new Map(server.tickets.map((t) => [t.id, t.mergedIntoId]));
    // A ticket that received merges may be merged on (a chain), but a chain never comes back to where it started.
    const inCycle = (id: string) => {
      const seen = new Set([id]);
      for (let next = mergedInto.get(id) ?? null; next !== null; next = mergedInto.get(next) ?? null) {
        if (seen.has(next)) return true;
        seen.add(next);
      }
      return false;
    };
    expect(
      {
        fieldsWrittenTwice: writes.filter((key, index) => writes.indexOf(key) !== index),
        messages: server.messages.map((m) => m.id).sort(),
        tickets: server.tickets.map((t) => t.id).sort(),
        numbers: server.tickets.map((t) => t.number).sort((a, b) => (a ?? 0) - (b ?? 0)),
        mergedTwice: merges.filter((id, index) => merges.indexOf(id) !== index),
        merged: server.tickets.filter((t) => t.mergedIntoId !== null).map((t) => t.id).sort(),
        mergeCycles: server.tickets.filter((t) => inCycle(t.id)).map((t) => t.id),
      },
      `${label}, ${atEnd}: no change was applied twice`,
    ).toEqual({
      fieldsWrittenTwice: [],
      messages: applied.flatMap((m) => (m.messageId ? [m.messageId] : [])).sort(),
      tickets: [...backend.world.tickets.map((t) => t.id), ...applied.flatMap((m) => (m.name === 'ticket/create' && m.ticketId ? [m.ticketId] : []))].sort(),
      numbers: server.tickets.map((_, index) => index + 1),
      mergedTwice: [],
      merged: [...merges].sort(),
      mergeCycles: [],
    });

    tally.runs += 1;
    tally.steps += steps.length;
    tally.backendRestarts += steps.filter((s) => s.kind === 'restart-backend').length;
    tally.resets += steps.filter((s) => s.kind === 'reset').length;
    for (const count of counts) addFaults(tally.faults, count);
    addFaults(processFaults, (await ask<RunnerSnapshot>({ do: 'snapshot' }, atEnd)).faults);
    addFaults(tally.faults, processFaults);
    processFaults = noFaults();
  } catch (error) {
    // Every failure names the seed and the run (assertions also the step, or the end).
    if (error instanceof Error && !error.message.includes(label)) error.message = `${label}: ${error.message}`;
    throw error;
  } finally {
    for (const desktop of desktops) desktop.remove();
    await (proc ?? (await processStarting.catch(() => null)))?.kill();
    fs.rmSync(processDir, { recursive: true, force: true });
    await backend.close();
  }

  /** A step that is not a change: the network, the apps, the backend. */
  async function control(s: Step): Promise<void> {
    switch (s.kind) {
      case 'offline':
      case 'online':
        if (s.client === PROCESS) await tell({ do: 'set-online', online: s.kind === 'online' });
        else desktops[s.client]!.sync.setOnline(s.kind === 'online');
        return;
      case 'sync':
        // The desktop process syncs by itself; the others when asked (or poked by their stream).
        if (s.client !== PROCESS && !desktops[s.client]!.sync.status().workOffline) await desktops[s.client]!.client().syncNow();
        return;
      case 'restart-app':
        if (s.client === PROCESS) {
          // Quits as the app does (sync stops, the store closes), then starts again.
          await tell({ do: 'quit' });
          await proc.exited;
          proc = await startProcess(proc.token);
        } else {
          desktops[s.client] = desktops[s.client]!.reopen();
        }
        return;
      case 'reset':
        if (s.client === PROCESS) await tell({ do: 'reset' });
        else setCursor(desktops[s.client]!.db, 'zz00zz00zz00.1');
        return;
      case 'kill':
        if (s.at === 'now') {
          await sleep(s.delayMs);
          await proc.kill();
        } else {
          await tell({ do: 'arm', point: s.at, count: s.count });
        }
        return;
      case 'wait':
        await sleep(s.ms);
        return;
      case 'restart-backend':
        await backend.restart(s.downMs);
        return;
      default:
        throw new Error(`not a control step: ${s.kind}`);
    }
  }
}

const seed = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Runs and the most steps a run: sized for CI (a few seconds a run); a soak raises them. */
const numRuns = Number(process.env.SYNC_RUNS ?? 6);
const maxSteps = Number(process.env.SYNC_STEPS ?? 60);
/** fast-check's path of a failed run (printed with the failure): the replay starts at that run. */
const replayPath = process.env.SYNC_PATH;

test('converges four desktops, one killed with SIGKILL, through faults, offline periods and restarts: every change of every kind kept once', async () => {
  console.info(`[sync-convergence] seed ${seed} (replay with SYNC_SEED=${seed}), ${numRuns} runs`);
  let run = replayPath === undefined ? 0 : Number(replayPath.split(':')[0]);
  const started = Date.now();
  await fc.assert(
    // Lengths spread evenly over the range (fast-check favours short arrays): long runs are where races meet.
    fc.asyncProperty(fc.integer({ min: Math.min(20, maxSteps), max: maxSteps }).chain((length) => fc.array(step, { minLength: length, maxLength: length })), fc.integer({ min: 1, max: 2 ** 30 }), async (steps, faultSeed) => {
      run += 1;
      await runScenario(steps, faultSeed, `seed ${seed}, run ${run}`);
    }),
    { seed, numRuns, endOnFailure: true, ...(replayPath === undefined ? {} : { path: replayPath }) },
  );
  console.info(`[sync-convergence] ${tally.runs} runs, ${tally.steps} steps in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(tally)}`);
}, 60_000 + numRuns * 30_000);

test('keeps every acknowledged change of a desktop killed with SIGKILL as a push leaves, after the backend answered a push or a pull, and between the slices of a pull', async () => {
  const backend = await startBackend({ tickets: 3 });
  const dataDir = makeTempDir('sc-desktop-process-');
  const lead = openDesktop({ config: { live: false } });
  const start = (token: string | null) => DesktopProcess.start({ dataDir, token, faultSeed: 1, faults: false });
  let proc = await start(null);
  const [first, second, third] = backend.world.tickets.map((t) => t.id) as [string, string, string];
  try {
    await lead.sync.signIn({ url: backend.base, email: 'lead@support.example', password: TEST_PASSWORD });
    await proc.request({ do: 'sign-in', url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
    const acked: Made[] = [];
    const diedAt: (string | null)[] = [];
    const lost: string[][] = [];
    for (const [round, point] of CRASH_POINTS.entries()) {
      // The agent works offline (every change acknowledged) while the lead changes the same
      // tickets, so the push and the pull after it both carry work when the process dies.
      await proc.request({ do: 'set-online', online: false });
      const ops: Op[] = [
        { kind: 'create', input: { requesterId: backend.world.customer.id, subject: `Printer jam ${round}`, body: 'It jams on every page.', channel: 'phone', tags: ['hardware'] } },
        { kind: 'fields', ticketId: first, patch: { priority: (['low', 'high', 'urgent', 'normal'] as const)[round]!, tags: [`round-${round}`] } },
        { kind: 'message', ticketId: second, body: `Round ${round}: we are on it.` },
        { kind: 'link', ticketId: first, otherId: third, linkKind: (['related', 'caused-by', 'duplicate', 'causes'] as const)[round]! },
        { kind: 'customer', customerId: backend.world.customer.id, patch: { timeZone: (['Europe/Berlin', 'Asia/Tokyo', 'Europe/Amsterdam', 'America/New_York'] as const)[round]! } },
        { kind: 'save-view', viewId: null, input: { name: `Round ${round}`, scope: round % 2 === 0 ? 'shared' : 'personal', filter: { unsolved: true }, sort: { field: 'created', direction: 'asc' } } },
      ];
      for (const op of ops) acked.push(...(await proc.request<Made[]>({ do: 'perform', op })));
      for (const op of [
        { kind: 'fields', ticketId: second, patch: { status: round % 2 === 0 ? 'pending' : 'open' } },
        { kind: 'message', ticketId: third, body: `Lead, round ${round}.` },
      ] satisfies Op[]) {
        performOp({ db: lead.db, handlers: serviceHandlers(lead) }, op);
      }
      await lead.client().syncNow();

      await proc.request({ do: 'arm', point, count: 1 });
      await proc.request({ do: 'set-online', online: true }).catch((error: unknown) => {
        if (!(error instanceof DesktopDied)) throw error;
      });
      const ended = await Promise.race([proc.exited.then(() => true), sleep(15_000).then(() => false)]);
      diedAt.push(ended ? proc.crashedAt : `still running at round ${round}`);
      await proc.kill();
      proc = await start(proc.token);
      // Started again on the same store: each acknowledged change is pending or answered by the backend.
      const pending = new Set((await proc.request<RunnerSnapshot>({ do: 'snapshot' })).outbox.map((row) => row.mutationId));
      const results = await backend.storage.write((tx) => tx.firstResultsOf(acked.map((m) => m.mutationId)));
      lost.push(acked.filter((m) => !pending.has(m.mutationId) && !results.has(m.mutationId)).map((m) => m.name));
    }
    expect({ diedAt, lost }, 'the desktop process died at each crash point and lost nothing').toEqual({ diedAt: [...CRASH_POINTS], lost: CRASH_POINTS.map(() => []) });

    // Back for good: it pushes what is left and pulls until it holds the backend's data.
    let snapshot: RunnerSnapshot;
    let truth: SyncedData;
    const deadline = Date.now() + 20_000;
    for (;;) {
      await lead.client().syncNow();
      snapshot = await proc.request<RunnerSnapshot>({ do: 'snapshot' });
      truth = await serverSyncedData(backend, backend.world.accounts.agent.id);
      const expected = { ...truth, tickets: truth.tickets.map(withoutDueAt), linksReadFromOtherEnd: truth.links };
      if ((snapshot.outbox.length === 0 && isDeepStrictEqual(snapshot.data, expected)) || Date.now() > deadline) break;
      await sleep(50);
    }
    const results = await backend.storage.write((tx) => tx.firstResultsOf(acked.map((m) => m.mutationId)));
    const history = (await backend.storage.read((tx) => Promise.all(truth.tickets.map((t) => tx.listFieldChanges(t.id))))).flat();
    const writes = history.filter((change) => change.changedBy.mutationId !== null).map((change) => `${change.changedBy.mutationId}:${change.field}`);
    const agentMessages = acked.flatMap((m) => (m.messageId ? [m.messageId] : []));
    expect({
      data: { ...snapshot.data, outbox: snapshot.outbox },
      outcomes: acked.map((m) => `${m.name}: ${results.get(m.mutationId)?.outcome ?? 'none'}`),
      fieldsWrittenTwice: writes.filter((key, index) => writes.indexOf(key) !== index),
      agentMessagesOnBackend: truth.messages.filter((m) => agentMessages.includes(m.id)).map((m) => m.id).sort(),
    }).toEqual({
      data: { ...truth, tickets: truth.tickets.map(withoutDueAt), linksReadFromOtherEnd: truth.links, outbox: [] },
      outcomes: acked.map((m) => `${m.name}: applied`),
      fieldsWrittenTwice: [],
      agentMessagesOnBackend: [...agentMessages].sort(),
    });
  } finally {
    await proc.kill();
    lead.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await backend.close();
  }
}, 120_000);

// Regression (found by the randomised test above, seed 103): a bootstrap sent upserts only, page
// by page, each read in its own snapshot; a key sent on one page and deleted before the last one
// was never deleted on the desktop, which kept a deleted view or a removed link for good.
test('drops a view deleted and a link removed while another desktop is in the middle of its bootstrap', async () => {
  const backend = await startBackend({ tickets: 3 });
  const lead = openDesktop({ config: { live: false } });
  const [first, second] = backend.world.tickets.map((t) => t.id) as [string, string];
  let agent: TestDesktop | null = null;
  try {
    await lead.sync.signIn({ url: backend.base, email: 'lead@support.example', password: TEST_PASSWORD });
    await lead.client().syncNow();
    const handlers = serviceHandlers(lead);
    const [saved] = performOp({ db: lead.db, handlers }, { kind: 'save-view', viewId: null, input: { name: 'Escalated', scope: 'shared', filter: { levels: ['L2'] }, sort: { field: 'updated', direction: 'desc' } } });
    const viewId = saved!.viewId!;
    performOp({ db: lead.db, handlers }, { kind: 'link', ticketId: first, otherId: second, linkKind: 'related' });
    // Later changes, so the view and the link go out on an early page of the bootstrap, not the last.
    for (const t of backend.world.tickets) performOp({ db: lead.db, handlers }, { kind: 'fields', ticketId: t.id, patch: { priority: 'urgent' } });
    await lead.client().syncNow();

    // The agent's desktop bootstraps two changes a page; once a page brought the view, the lead
    // deletes it and removes the link before the next page is asked for.
    let removed = false;
    const between: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (removed || !String(input).endsWith('/sync/pull')) return response;
      const text = await response.text();
      if (text.includes(viewId)) {
        removed = true;
        performOp({ db: lead.db, handlers }, { kind: 'delete-view', viewId });
        performOp({ db: lead.db, handlers }, { kind: 'unlink', ticketId: first, otherId: second });
        await lead.client().syncNow();
      }
      return new Response(text, { status: response.status, headers: response.headers });
    };
    agent = openDesktop({ fetch: between, config: { live: false, pullLimit: 2 } });
    await agent.sync.signIn({ url: backend.base, email: 'agent@support.example', password: TEST_PASSWORD });
    await agent.client().syncNow();
    await agent.client().syncNow();

    const truth = await serverSyncedData(backend, backend.world.accounts.agent.id);
    expect({ removed, ...localSyncedData(agent.db) }).toEqual({ removed: true, ...truth, linksReadFromOtherEnd: truth.links });
    expect({ views: truth.views, links: truth.links }).toEqual({ views: [], links: [] });
  } finally {
    agent?.remove();
    lead.remove();
    await backend.close();
  }
});
