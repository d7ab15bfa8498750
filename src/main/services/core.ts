import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { appContract, type MethodName } from '../../shared/contract/app-contract';
import { openStore, refreshPlannerStatistics, type Db } from '../store/db';
import { getMeta, setMeta } from '../store/queries/meta';
import { countTickets } from '../store/queries/tickets';
import { getAgent, listAgents, listGroups, listSupportLevels } from '../store/queries/team';
import { describeError, logger } from '../log';
import { EventBus } from './event-bus';
import type { Handlers } from './handlers';
import type { Role } from '../../shared/domain/team';
import { WalCheckpointer } from '../store/wal-checkpointer';
import { ensureClientId, type ChangeContext } from './sync/outbox-writer';
import { SyncService, syncHandlers, type SyncOptions } from './sync/sync-service';
import { presenceHandlers } from './sync/presence-client';
import { TicketService } from './tickets/ticket-service';
import { createTicket } from './tickets/ticket-create';
import { bulkUpdate, recoverBulkEdit, undoBulkUpdate } from './tickets/bulk-update';
import { escalateTicket } from './tickets/escalate';
import { mergeTickets } from './tickets/merge';
import { linkTickets, unlinkTickets } from './tickets/links';
import { ViewService } from './views/view-service';
import { MacroService } from './macros/macro-service';
import { ensureDefaultMacros } from './macros/default-macros';
import { DraftService } from './drafts/draft-service';
import { CustomerService } from './customers/customer-service';
import { SearchService } from './search/search-service';
import { seedSampleData } from './seed/sample-data';
import { matrixHandlers } from './matrix/matrix-handlers';
import { ensureDefaultMatrix, MatrixService } from './matrix/matrix-service';
import { SlaRetimer } from './matrix/sla-retimer';
import { slaHandlers } from './sla/sla-calculate';

const log = logger('core');

/** The store's file name inside the data folder. */
export const STORE_FILE = 'support-console.db';

export interface CoreOptions {
  /** The folder that holds the local store (the user-data folder in the desktop app). */
  dataDir: string;
  /** The app's version, shown in the UI. */
  version: string;
  /** Seed this many sample tickets when the store is empty; 0 seeds nothing. */
  seedTickets?: number;
  /** On a sample store, act as the first sample agent with this role rather than the L1 agent (demos, end-to-end tests). */
  sampleRole?: Role;
  /** The clock; tests pass a fixed one. */
  now?: () => number;
  /** The team's backend: sync runs while its URL and a session token are known (none: the desktop works alone). */
  sync?: SyncOptions;
}

/** The app's services behind the contract, shared by the Electron shell and the browser host. */
export interface Core {
  handlers: Handlers;
  events: EventBus;
  /** Set when the store could not be opened; every method then answers with it. */
  storeError: AppError | null;
  db: Db | null;
  close(): void;
}

/** Opens the local store (seeding it when asked and empty) and builds the handler table. */
export function openCore(options: CoreOptions): Core {
  const events = new EventBus();
  const now = options.now ?? Date.now;
  let db: Db;
  try {
    db = openStore(path.join(options.dataDir, STORE_FILE), { now });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    log.error('the store cannot be opened', { code: error.code, message: error.message });
    return { handlers: failingHandlers(error), events, storeError: error, db: null, close: () => {} };
  }

  const clientId = ensureClientId(db);
  if ((options.seedTickets ?? 0) > 0) {
    if (countTickets(db) === 0) {
      const started = performance.now();
      seedSampleData(db, { tickets: options.seedTickets ?? 0, seed: 1, now: now() });
      log.info('seeded sample data', { tickets: options.seedTickets, ms: Math.round(performance.now() - started) });
    }
    // Sample stores get the default macros (a team's store gets its own from its backend).
    ensureDefaultMacros(db, now());
    const sampleAgent = options.sampleRole ? listAgents(db).find((agent) => agent.role === options.sampleRole) : undefined;
    if (sampleAgent) setMeta(db, 'agent_id', sampleAgent.id);
  }
  // After a seed or an import, and once on a store that never had them: statistics let the
  // planner pick the index that fits each view's filter.
  refreshPlannerStatistics(db);
  // WAL checkpoints (copy to the database file + fsync) run on a worker, never inside an
  // agent's commit, where they stalled every few dozen changes for 15-20 ms at 1M tickets.
  const checkpointer = new WalCheckpointer(db);
  checkpointer.start();
  const ctx: ChangeContext = { db, clientId, agentId: getMeta(db, 'agent_id') ?? null, now };
  const tickets = new TicketService(ctx, events);
  const views = new ViewService(ctx, events);
  const macros = new MacroService(ctx, events);
  const drafts = new DraftService(ctx);
  const customers = new CustomerService(ctx, events);
  const search = new SearchService(ctx);
  const sync = new SyncService(ctx, events, options.sync);
  sync.start();
  // Version 1 (the default matrix) until the backend's versions arrive; due times follow the
  // version in force (re-timed in slices after a seed, a publish or a pull).
  ensureDefaultMatrix(ctx);
  const retimer = new SlaRetimer(ctx, events);
  retimer.start();
  const matrix = new MatrixService(ctx, retimer);
  // A bulk edit a crash left half done is reverted before anything else can edit in bulk.
  recoverBulkEdit(ctx, events).catch((error: unknown) => log.error('a half-done bulk edit could not be reverted', describeError(error)));

  const handlers: Handlers = {
    'app/get-info': () => ({
      version: options.version,
      // Sync may move the desktop to a new client id (sign-in, re-registration): read it live.
      clientId: ctx.clientId,
      currentAgent: (ctx.agentId && getAgent(db, ctx.agentId)) || null,
    }),
    'team/get': () => ({ agents: listAgents(db), groups: listGroups(db), levels: listSupportLevels(db) }),
    'view/list': () => views.listViews(),
    'view/count': (input) => views.countViews(input),
    'view/save': (input) => views.saveView(input),
    'view/delete': (input) => views.deleteView(input),
    'ticket/list': (input) => tickets.listTickets(input),
    'ticket/get': (input) => tickets.getTicket(input.ticketId),
    'ticket/list-messages': (input) => tickets.listMessages(input),
    'ticket/create': (input) => createTicket(ctx, events, input),
    'ticket/bulk-update': (input) => bulkUpdate(ctx, events, input),
    'ticket/undo-bulk-update': (input) => undoBulkUpdate(ctx, events, input),
    'ticket/escalate': (input) => escalateTicket(ctx, events, input),
    'ticket/merge': (input) => mergeTickets(ctx, events, input),
    'ticket/link': (input) => linkTickets(ctx, events, input),
    'ticket/unlink': (input) => unlinkTickets(ctx, events, input),
    'macro/list': () => macros.listMacros(),
    'macro/apply': (input) => macros.applyMacro(input),
    'draft/get': (input) => drafts.getDraft(input),
    'draft/save': (input) => drafts.saveDraft(input),
    'customer/get': (input) => customers.getCustomer(input),
    'customer/find': (input) => customers.findCustomers(input),
    'customer/update': (input) => customers.updateCustomer(input),
    'ticket/add-message': (input) => tickets.addMessage(input),
    'ticket/update-fields': (input) => tickets.updateFields(input),
    'search/tickets': (input) => search.search(input),
    ...syncHandlers(sync),
    ...presenceHandlers(sync.presence),
    ...matrixHandlers(matrix),
    ...slaHandlers(),
  };
  return {
    handlers,
    events,
    storeError: null,
    db,
    close: () => {
      retimer.close();
      sync.close();
      checkpointer.stop();
      db.close();
    },
  };
}

function failingHandlers(error: AppError): Handlers {
  const fail = () => {
    throw error;
  };
  return Object.fromEntries(Object.keys(appContract).map((name) => [name as MethodName, fail])) as unknown as Handlers;
}
