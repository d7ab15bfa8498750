import path from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { appContract, type MethodName } from '../../shared/contract/app-contract';
import { openStore, type Db } from '../store/db';
import { getMeta } from '../store/queries/meta';
import { countTickets } from '../store/queries/tickets';
import { getAgent, listAgents, listGroups, listSupportLevels } from '../store/queries/team';
import { logger } from '../log';
import { EventBus } from './event-bus';
import type { Handlers } from './handlers';
import { ensureClientId, type ChangeContext } from './sync/outbox-writer';
import { TicketService } from './tickets/ticket-service';
import { seedSampleData } from './seed/sample-data';

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
  /** The clock; tests pass a fixed one. */
  now?: () => number;
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
  if ((options.seedTickets ?? 0) > 0 && countTickets(db) === 0) {
    const started = performance.now();
    seedSampleData(db, { tickets: options.seedTickets ?? 0, seed: 1, now: now() });
    log.info('seeded sample data', { tickets: options.seedTickets, ms: Math.round(performance.now() - started) });
  }
  const ctx: ChangeContext = { db, clientId, agentId: getMeta(db, 'agent_id') ?? null, now };
  const tickets = new TicketService(ctx, events);

  const handlers: Handlers = {
    'app/get-info': () => ({
      version: options.version,
      clientId,
      currentAgent: (ctx.agentId && getAgent(db, ctx.agentId)) || null,
    }),
    'team/get': () => ({ agents: listAgents(db), groups: listGroups(db), levels: listSupportLevels(db) }),
    'view/list': () => tickets.listViews(),
    'ticket/list': (input) => tickets.listTickets(input),
    'ticket/get': (input) => tickets.getTicket(input.ticketId),
    'ticket/add-message': (input) => tickets.addMessage(input),
    'ticket/update-fields': (input) => tickets.updateFields(input),
  };
  return { handlers, events, storeError: null, db, close: () => db.close() };
}

function failingHandlers(error: AppError): Handlers {
  const fail = () => {
    throw error;
  };
  return Object.fromEntries(Object.keys(appContract).map((name) => [name as MethodName, fail])) as unknown as Handlers;
}
