// Keeps every ticket's due time (tickets.due_at, which the SLA views filter and sort by) following
// the escalation matrix in force. Due times are derived, never synced: each desktop computes them
// with the same shared functions the backend uses, from the history it holds.
//
// Two kinds of work, both in slices of a few milliseconds so the process answering the UI never
// stalls (DESIGN.md §5):
//   - a ticket whose inputs changed (status, priority, a message, its requester's plan or zone;
//     every such change emits ticket/changed or customer/changed, locally or from a pull) is
//     re-timed within a tick;
//   - when another version comes into force (published here, pulled, or a refused publish taken
//     back), every unsolved ticket is re-timed: a sweep in id order (UUIDv7: creation order, the
//     order of the by-ticket indexes of messages and field changes) whose progress is kept in the
//     store, so a sweep cut short by a quit goes on at the next start.
import type { AppEvent } from '../../../shared/contract/app-events';
import type { MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { ticketDueAtUnder, ticketSlaTimeline } from '../../../shared/domain/ticket-sla';
import { writeTransaction } from '../../store/db';
import { deleteMeta, getMeta, setMeta } from '../../store/queries/meta';
import { getCurrentMatrixVersion, matrixVersionStamp } from '../../store/queries/matrix';
import {
  listOpenTicketIds,
  listOpenTicketIdsOfRequester,
  readSlaInputs,
  setTicketDueAt,
  type CustomerFactsCache,
  type SlaInputs,
} from '../../store/queries/sla-inputs';
import { describeError, logger } from '../../log';
import type { EventBus } from '../event-bus';
import { DEFAULT_PACING, type SlicePacing } from '../sliced-work';
import type { ChangeContext } from '../sync/outbox-writer';

const log = logger('sla');

/** Meta key: the matrix the stored due times follow (`{version, fingerprint}`). */
const TIMING_KEY = 'sla_timing';
/** Meta key: a re-timing sweep under way (`{version, fingerprint, after}`). */
const SWEEP_KEY = 'sla_sweep';

/** Tickets read and timed at a time inside a slice (a few milliseconds' work: the budget is checked between batches). */
const BATCH = 50;

/** Which matrix due times follow: its number and a fingerprint of its document (a version refused and replaced keeps its number). */
interface Timing {
  version: number;
  fingerprint: string;
}

interface Sweep extends Timing {
  /** The last ticket id re-timed ('' before the first). */
  after: string;
}

/** The matrix in force, parsed once per version that comes into force. */
interface InForce extends Timing {
  stamp: string;
  document: MatrixDocument;
}

/** A content fingerprint of a document (FNV-1a over its JSON): equal documents, equal fingerprints. */
export function matrixFingerprint(document: MatrixDocument): string {
  const text = JSON.stringify(document);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${text.length.toString(36)}.${(hash >>> 0).toString(36)}`;
}

function readJson<T>(value: string | undefined): T | null {
  return value === undefined ? null : (JSON.parse(value) as T);
}

/** How the retimer paces itself and how often it looks for a version come in by pull. */
export interface RetimerOptions {
  pacing?: SlicePacing;
  /** How often to look for another version in force besides the events (ms); 0: only on events. */
  checkEveryMs?: number;
}

/** What the retimer did, for tests and the bench. */
export interface RetimerStats {
  slices: number;
  longestSliceMs: number;
  sweeps: number;
  retimed: number;
}

/** Re-times tickets when their inputs or the matrix in force change. */
export class SlaRetimer {
  private readonly dirty = new Set<string>();
  private readonly pacing: SlicePacing;
  private readonly checkEveryMs: number;
  private inForce: InForce | null = null;
  private customers: CustomerFactsCache = new Map();
  private running: Promise<void> | null = null;
  private emitting = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  readonly stats: RetimerStats = { slices: 0, longestSliceMs: 0, sweeps: 0, retimed: 0 };

  constructor(
    private readonly ctx: ChangeContext,
    private readonly events: EventBus,
    options: RetimerOptions = {},
  ) {
    this.pacing = options.pacing ?? DEFAULT_PACING;
    this.checkEveryMs = options.checkEveryMs ?? 2000;
  }

  /** Listens to changes, looks for a version to re-time to, and starts any sweep left over. */
  start(): void {
    if (this.unsubscribe || this.closed) return;
    this.unsubscribe = this.events.subscribe((event) => this.onEvent(event));
    if (this.checkEveryMs > 0) {
      this.timer = setInterval(() => this.check(), this.checkEveryMs);
      this.timer.unref();
    }
    this.check();
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves once nothing is left to re-time. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Re-times these tickets soon. */
  markTickets(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
    this.kick();
  }

  /**
   * Looks at the version in force: when the due times follow another one (or no sweep under it is
   * under way), a sweep over every unsolved ticket starts. Cheap: one indexed read per call.
   */
  check(): void {
    if (this.closed) return;
    try {
      const inForce = this.readInForce();
      if (!inForce) return;
      const { db } = this.ctx;
      const timing = readJson<Timing>(getMeta(db, TIMING_KEY));
      const sweep = readJson<Sweep>(getMeta(db, SWEEP_KEY));
      const current = sweep ?? timing;
      if (current?.version !== inForce.version || current.fingerprint !== inForce.fingerprint) {
        const fresh: Sweep = { version: inForce.version, fingerprint: inForce.fingerprint, after: '' };
        setMeta(db, SWEEP_KEY, JSON.stringify(fresh));
        log.info('re-timing the open tickets', { version: inForce.version });
        this.emit({ name: 'matrix/changed', payload: { version: inForce.version, retimed: false } });
      }
      if (this.dirty.size > 0 || getMeta(db, SWEEP_KEY) !== undefined) this.kick();
    } catch (error) {
      log.error('the matrix in force could not be read', describeError(error));
    }
  }

  private onEvent(event: AppEvent): void {
    if (this.emitting || this.closed) return;
    if (event.name === 'ticket/changed') {
      this.dirty.add(event.payload.ticketId);
      this.kick();
    } else if (event.name === 'customer/changed') {
      this.customers.delete(event.payload.customerId);
      for (const id of listOpenTicketIdsOfRequester(this.ctx.db, event.payload.customerId)) this.dirty.add(id);
      this.kick();
    } else {
      // A sync step may have brought another version (pulled, or a refused publish taken back);
      // ticket events need no look: every drain looks first.
      this.check();
    }
  }

  /** Emits an event this retimer itself does not react to. */
  private emit(event: AppEvent): void {
    this.emitting = true;
    try {
      this.events.emit(event);
    } finally {
      this.emitting = false;
    }
  }

  /** The version in force, its document parsed once per version. */
  private readInForce(): InForce | null {
    const { db } = this.ctx;
    const stamp = matrixVersionStamp(db);
    if (stamp === null) return null;
    if (this.inForce?.stamp === stamp) return this.inForce;
    const stored = getCurrentMatrixVersion(db);
    if (!stored) return null;
    const document = stored.version.document;
    this.inForce = { stamp, version: stored.version.version, fingerprint: matrixFingerprint(document), document };
    return this.inForce;
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    // Let the change that asked for this commit and answer first.
    await this.pacing.pause();
    this.check();
    for (;;) {
      if (this.closed) return;
      let more: boolean;
      try {
        more = this.slice();
      } catch (error) {
        log.error('re-timing failed', describeError(error));
        return;
      }
      if (!more) return;
      await this.pacing.pause();
    }
  }

  /** One slice in one write transaction; answers whether work is left. */
  private slice(): boolean {
    const inForce = this.readInForce();
    if (!inForce) {
      this.dirty.clear();
      return false;
    }
    const { db } = this.ctx;
    const started = performance.now();
    const changed: string[] = [];
    let sweepDone: Timing | null = null;
    const more = writeTransaction(db, () => {
      const now = this.ctx.now();
      let sweep = readJson<Sweep>(getMeta(db, SWEEP_KEY));
      do {
        if (this.dirty.size > 0) {
          const ids: string[] = [];
          for (const id of this.dirty) {
            ids.push(id);
            if (ids.length === BATCH) break;
          }
          for (const id of ids) this.dirty.delete(id);
          this.retime(readSlaInputs(db, ids, this.customers), inForce.document, now, changed);
        } else if (sweep) {
          if (sweep.version !== inForce.version || sweep.fingerprint !== inForce.fingerprint) return true;
          const ids = listOpenTicketIds(db, sweep.after, BATCH);
          this.retime(readSlaInputs(db, ids, this.customers), inForce.document, now, null);
          if (ids.length < BATCH) {
            const timing: Timing = { version: sweep.version, fingerprint: sweep.fingerprint };
            setMeta(db, TIMING_KEY, JSON.stringify(timing));
            deleteMeta(db, SWEEP_KEY);
            sweepDone = timing;
            sweep = null;
          } else {
            sweep = { ...sweep, after: ids.at(-1)! };
            setMeta(db, SWEEP_KEY, JSON.stringify(sweep));
          }
        } else {
          return false;
        }
      } while (performance.now() - started < this.pacing.budgetMs);
      return this.dirty.size > 0 || sweep !== null;
    });
    const ms = performance.now() - started;
    this.stats.slices += 1;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, ms);
    for (const ticketId of changed) this.emit({ name: 'ticket/changed', payload: { ticketId } });
    if (sweepDone !== null) {
      this.stats.sweeps += 1;
      // The requesters' plans and zones are read afresh for the next sweep.
      this.customers = new Map();
      this.emit({ name: 'matrix/changed', payload: { version: (sweepDone as Timing).version, retimed: true } });
    }
    return more;
  }

  /** Writes the due time of each ticket whose due time moved; `changed` collects them (null: nobody needs telling one by one). */
  private retime(inputs: readonly SlaInputs[], document: MatrixDocument, now: number, changed: string[] | null): void {
    for (const input of inputs) {
      const dueAt =
        input.customer === null
          ? null
          : ticketDueAtUnder(
              document,
              { ticket: input.facts, customer: input.customer },
              ticketSlaTimeline(input.ticket, input.statusChanges, input.messages),
              now,
            );
      this.stats.retimed += 1;
      if (dueAt === input.dueAt) continue;
      setTicketDueAt(this.ctx.db, input.id, dueAt);
      changed?.push(input.id);
    }
  }
}
