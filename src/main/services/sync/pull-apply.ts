// Applying pulled pages to the local store in slices: each slice is one write transaction of at
// most a few milliseconds, so the process that answers the UI never stalls while a week of
// changes (or a whole rebuild) comes in. See docs/sync-client.md for why slices keep the
// protocol's guarantees.
import { MAX_PULL_OUTCOMES, syncEntities, type MutationOutcome, type SyncEntity } from '../../../shared/contract/sync-protocol';
import { newId } from '../../../shared/domain/ids';
import { ticketLinkKey, ticketsOfLinkKey } from '../../../shared/domain/ticket-link';
import { writeTransaction } from '../../store/db';
import { logger } from '../../log';
import {
  deleteEntity,
  ENTITY_TABLES,
  markSeen,
  clearSeen,
  sweepUnseen,
  upsertEntity,
} from '../../store/queries/sync-apply';
import {
  getOutboxEntry,
  hasPendingRows,
  listOutboxFrom,
  nextSeq,
  setConfirmedSeq,
  setCursor,
  setLastSyncAt,
  setRebuilding,
  startRebuild,
  switchClientId,
} from '../../store/queries/sync-state';
import type { Timeline, Touched } from './local-appliers';
import { rebase, settleEntry, type TimelineEnv } from './rebase';

const log = logger('sync');

/** A page of `kind: 'changes'` whose changes are not validated yet (each is, in its slice). */
export interface PulledPage {
  changes: readonly unknown[];
  cursor: string;
  hasMore: boolean;
  lastAppliedSeq: number | null;
  mutations: readonly MutationOutcome[];
}

/** How long commits of recent slices took (a moving average, ms): the next slice leaves room for it. */
export interface SlicePace {
  commitMs: number;
}

function isEntity(entity: unknown): entity is SyncEntity {
  return typeof entity === 'string' && Object.hasOwn(syncEntities, entity);
}

/**
 * Applies one pulled page in slices. The first slice of the last page (the one that carries
 * `lastAppliedSeq`) first takes in the outcomes of this client's mutations: confirmed rows leave
 * the outbox and refused ones are rolled back, before any of the page's values land (their
 * effects are in those values, or must not be). Every ticket value that lands has its pending
 * rows re-applied on top at once, in the same slice. The cursor moves with the last slice only,
 * so a crash in between pulls the page again (every upsert is idempotent).
 */
export class PageApplier {
  private next = 0;
  private outcomesTaken = false;
  /** The outbox no longer matches the backend (a rolled-back desktop): it re-registered under this client id. */
  reRegisteredAs: string | null = null;
  /** Outcomes were capped: pull again (from the head) to take in the rest. */
  moreOutcomes = false;

  constructor(
    private readonly env: TimelineEnv,
    private readonly page: PulledPage,
    private readonly options: { sliceBudgetMs: number; rebuilding: boolean; confirmedSeq: number; pace: SlicePace },
  ) {}

  get done(): boolean {
    return this.outcomesTaken && this.next >= this.page.changes.length && this.cursorSaved;
  }

  private cursorSaved = false;
  /** Whether the outbox holds rows in this slice: without any, a pulled value has nothing to rebase. */
  private pending = true;

  /** Runs one slice in one write transaction; `touched` collects what changed. Answers whether the page is done. */
  step(touched: Touched): boolean {
    const started = performance.now();
    // The commit flushes the search index's pending terms: leave room for it in the slice.
    const budgetMs = Math.max(1, this.options.sliceBudgetMs - this.options.pace.commitMs);
    let loopEnded = started;
    writeTransaction(this.env.db, () => {
      if (!this.outcomesTaken) {
        this.takeOutcomes(touched);
        this.outcomesTaken = true;
      }
      // Nothing adds outbox rows while a slice runs (it is one synchronous transaction).
      this.pending = hasPendingRows(this.env.db);
      const { changes } = this.page;
      while (this.next < changes.length) {
        this.applyChange(changes[this.next]!, touched);
        this.next += 1;
        if (performance.now() - started >= budgetMs) break;
      }
      if (this.next >= changes.length) {
        setCursor(this.env.db, this.page.cursor);
        if (!this.page.hasMore && !this.moreOutcomes) setLastSyncAt(this.env.db, this.env.now());
        this.cursorSaved = true;
      }
      loopEnded = performance.now();
    });
    const pace = this.options.pace;
    pace.commitMs = pace.commitMs * 0.7 + (performance.now() - loopEnded) * 0.3;
    return this.done;
  }

  private takeOutcomes(touched: Touched): void {
    const { page, env } = this;
    if (page.hasMore || page.lastAppliedSeq === null) return;
    let mismatch = false;
    for (const outcome of page.mutations) {
      const entry = getOutboxEntry(env.db, outcome.seq);
      if (entry && entry.mutationId === outcome.mutationId) {
        settleEntry(
          env,
          entry,
          outcome.outcome === 'applied'
            ? { outcome: 'applied' }
            : { outcome: 'rejected', error: outcome.error ?? { code: 'internal', message: 'The backend refused this change.' } },
          touched,
        );
      } else if (entry || outcome.seq >= nextSeq(env.db)) {
        // The backend holds a mutation under this seq that this desktop no longer has (restored
        // from a backup, or its last writes lost to a power cut): re-register (sync-protocol.md).
        mismatch = true;
      }
    }
    if (mismatch) {
      this.reRegisteredAs = newId();
      const renumbered = switchClientId(env.db, this.reRegisteredAs);
      log.warn('the outbox no longer matches the backend: re-registered under a new client id', { pending: renumbered });
      return;
    }
    const capped = page.mutations.length >= MAX_PULL_OUTCOMES && page.mutations.at(-1)!.seq < page.lastAppliedSeq;
    this.moreOutcomes = capped;
    const confirmed = capped ? page.mutations.at(-1)!.seq : page.lastAppliedSeq;
    if (confirmed !== this.options.confirmedSeq) setConfirmedSeq(env.db, confirmed);
  }

  private applyChange(raw: unknown, touched: Touched): void {
    const change = raw as { op?: unknown; entity?: unknown; key?: unknown; value?: unknown };
    const { db } = this.env;
    if (!isEntity(change.entity) || typeof change.key !== 'string' || (change.op !== 'upsert' && change.op !== 'delete')) {
      log.error('a pulled change has an unknown shape; skipped', { entity: String(change.entity), op: String(change.op) });
      return;
    }
    const entity = change.entity;
    if (change.op === 'delete') {
      deleteEntity(db, entity, change.key);
      this.replaced(entity, change.key, null, touched);
      return;
    }
    const parsed = syncEntities[entity].safeParse(change.value);
    if (!parsed.success) {
      log.error('a pulled value does not fit its schema; skipped', { entity, key: change.key, issue: parsed.error.issues[0]?.message });
      return;
    }
    upsertEntity(db, entity, parsed.data as never, this.env.now());
    if (this.options.rebuilding) markSeen(db, entity, change.key);
    this.replaced(entity, change.key, parsed.data, touched);
  }

  /**
   * After a pulled value (or tombstone, `value` null) replaced local data: the pending rows of its
   * timeline are applied again on top, and the UI hears of what changed.
   */
  private replaced(entity: SyncEntity, key: string, value: unknown, touched: Touched): void {
    const rebaseOf = (timeline: Timeline) => {
      if (this.pending) rebase(this.env, timeline);
    };
    switch (entity) {
      case 'ticket':
        touched.tickets.add(key);
        rebaseOf({ kind: 'ticket', id: key });
        return;
      case 'message':
      case 'ticket-field-change':
        if (value !== null) touched.tickets.add((value as { ticketId: string }).ticketId);
        return;
      case 'ticket-link': {
        const pair = ticketsOfLinkKey(key);
        if (!pair) return;
        touched.tickets.add(pair[0]);
        touched.tickets.add(pair[1]);
        rebaseOf({ kind: 'ticket-link', id: key });
        return;
      }
      case 'view':
        touched.views.add(key);
        rebaseOf({ kind: 'view', id: key });
        return;
      case 'customer':
        touched.customers.add(key);
        rebaseOf({ kind: 'customer', id: key });
        return;
      default:
        return;
    }
  }
}

/**
 * The end of a reset's rebuild, in slices: removes what the backend no longer holds (keys the
 * rebuild did not deliver), except what pending mutations made, and leaves rebuild mode.
 */
export class RebuildFinisher {
  private readonly entities = Object.keys(ENTITY_TABLES) as SyncEntity[];
  private entityIndex = 0;
  private afterKey = '';
  private readonly keep = new Set<string>();
  private keepThroughSeq = 0;
  private finished = false;
  removed = 0;

  constructor(
    private readonly env: TimelineEnv,
    private readonly sliceBudgetMs: number,
  ) {}

  step(touched: Touched): boolean {
    const started = performance.now();
    const overBudget = () => performance.now() - started >= this.sliceBudgetMs;
    writeTransaction(this.env.db, () => {
      // Changes the agent makes while the sweep runs join the outbox: keep what they make too.
      this.addPendingKeys();
      while (this.entityIndex < this.entities.length && !overBudget()) {
        const entity = this.entities[this.entityIndex]!;
        const swept = sweepUnseen(this.env.db, entity, this.afterKey, 200, this.keep);
        this.removed += swept.removed.length;
        if (entity === 'ticket') for (const key of swept.removed) touched.tickets.add(key);
        if (entity === 'customer') for (const key of swept.removed) touched.customers.add(key);
        if (entity === 'view') for (const key of swept.removed) touched.views.add(key);
        if (entity === 'ticket-link') for (const key of swept.removed) for (const id of ticketsOfLinkKey(key) ?? []) touched.tickets.add(id);
        if (swept.lastKey === null) {
          this.entityIndex += 1;
          this.afterKey = '';
        } else {
          this.afterKey = swept.lastKey;
        }
      }
      if (this.entityIndex < this.entities.length) return;
      // Nothing to rebase here: every ticket the rebuild delivered had its pending rows re-applied
      // as it landed, and what pending rows made was kept by the sweep.
      setRebuilding(this.env.db, false);
      clearSeen(this.env.db);
      this.finished = true;
    });
    return this.finished;
  }

  /** Tickets, messages, links and views that pending mutations made or name (those after the last look): a sweep must not take them. */
  private addPendingKeys(): void {
    for (;;) {
      const entries = listOutboxFrom(this.env.db, this.keepThroughSeq + 1, 1000);
      for (const entry of entries) {
        const args = entry.args as { ticketId?: unknown; otherId?: unknown; messageId?: unknown; viewId?: unknown; message?: { messageId?: unknown } } | null;
        for (const key of [args?.ticketId, args?.messageId, args?.message?.messageId, args?.viewId]) if (typeof key === 'string') this.keep.add(key);
        if (typeof args?.ticketId === 'string' && typeof args.otherId === 'string') this.keep.add(ticketLinkKey(args.ticketId, args.otherId));
        this.keepThroughSeq = entry.seq;
      }
      if (entries.length < 1000) return;
    }
  }
}

/** Starts a rebuild after a reset: pull from the beginning, marking what arrives; the outbox stays. */
export function beginRebuild(env: TimelineEnv): void {
  writeTransaction(env.db, () => startRebuild(env.db));
}
