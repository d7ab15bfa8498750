// Helpers for service tests: a real store in a temp folder with a small world, a change context
// with a clock the test moves, the events the services emit, and errors as plain data.
import path from 'node:path';
import type { AppEvent } from '../../shared/contract/app-events';
import { AppError } from '../../shared/contract/errors';
import { openStore, type Db } from '../store/db';
import { addWorld, FIXTURE_NOW, makeTempDir, removeTempDir, type World } from '../store/test-builders';
import { EventBus } from './event-bus';
import { ensureClientId, type ChangeContext } from './sync/outbox-writer';

/** A UUID in its canonical text form. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The instant of the changes under test: one hour after the fixture was made. */
export const NOW = FIXTURE_NOW + 3_600_000;
/** An id nothing in a fixture has. */
export const UNKNOWN_ID = '01940000-0000-7000-8000-000000000000';

export interface ServiceWorld {
  dir: string;
  db: Db;
  world: World;
  ctx: ChangeContext;
  bus: EventBus;
  /** Every event emitted so far, in order. */
  events: AppEvent[];
  /** The instant `ctx.now()` answers; tests move it. */
  clock: { now: number };
  close(): void;
}

/** Opens a store with a world (one level, group, agent signed in, customer, tickets) and a change context. */
export function openServiceWorld(options: { tickets?: number; messagesPerTicket?: number } = {}): ServiceWorld {
  const dir = makeTempDir();
  const db = openStore(path.join(dir, 'support-console.db'));
  const world = addWorld(db, { tickets: options.tickets ?? 3, messagesPerTicket: options.messagesPerTicket ?? 1 });
  const clock = { now: NOW };
  const ctx: ChangeContext = { db, clientId: ensureClientId(db), agentId: world.agent.id, now: () => clock.now };
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  return {
    dir,
    db,
    world,
    ctx,
    bus,
    events,
    clock,
    close() {
      db.close();
      removeTempDir(dir);
    },
  };
}

/** What `run` threw, as plain data, so a test can compare the whole of it. */
export function thrown(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { name: error.name, code: error.code, field: error.field };
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected a throw');
}
