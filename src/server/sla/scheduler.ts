// The backend's SLA scheduler: the authority that escalates (DESIGN.md §7). Each instance runs
// one; several instances on one PostgreSQL share the work safely:
//
// 1. Follow: it keeps, per open ticket, when a trigger moment next comes (sla_schedule). The
//    change log says which tickets' clocks may have moved (ticket, message, field change,
//    customer); those are timed again. A new matrix version re-times every open ticket (a sweep in
//    id order). The position followed and the sweep's progress are kept in the database, so an
//    instance that starts (or another that takes over) goes on where the last one stopped;
//    instances that do the same work twice write the same rows.
// 2. Fire: tickets whose moment has come are handled one per transaction, the ticket row locked.
//    Each moment acted on is recorded under a unique key (ticket, clock, trigger, clock start,
//    occurrence) in the same transaction as its escalation and notifications: an instance that
//    comes second finds the key taken (after waiting for the first to commit) and does nothing, so
//    one breach escalates once.
//
// Desktops only display: they never escalate by themselves.
import type { MatrixVersion } from '../../shared/domain/escalation-matrix/schema';
import { describeError, logger } from '../log';
import type { SlaScheduleRow } from '../storage/sla-storage';
import type { ReadTx, Storage } from '../storage/storage';
import { ensureDefaultMatrix } from './matrix-versions';
import { scheduleRow, timeTicket } from './ticket-schedule';
import { runActions } from './trigger-actions';

const log = logger('sla');

/** Meta key: the version schedules follow and the change-log position followed (`{version, cursor}`). */
const FOLLOW_KEY = 'sla_follow';
/** Meta key: a re-timing sweep under way (`{version, afterId, head}`), or `null`. */
const SWEEP_KEY = 'sla_sweep';

interface Follow {
  version: number;
  cursor: number;
}

interface Sweep {
  version: number;
  afterId: string;
  /** The change-log head when the sweep started: following goes on from there once it is done. */
  head: number;
}

/** How the scheduler paces itself. */
export interface SlaSchedulerOptions {
  /** How often a tick runs (ms). */
  intervalMs?: number;
  /** Tickets timed per transaction. */
  batchSize?: number;
  /** The most batches a tick spends on following and sweeping before it fires what is due. */
  maxBatchesPerTick?: number;
}

/** What one tick did. */
export interface TickReport {
  timed: number;
  /** Tickets whose moment had come that this tick looked at (another instance may have acted on them first). */
  looked: number;
  fired: number;
  escalated: number;
  notified: number;
}

function parse<T>(value: string | undefined): T | null {
  return value === undefined ? null : (JSON.parse(value) as T | null);
}

export class SlaScheduler {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxBatches: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickReport> | null = null;
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    options: SlaSchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxBatches = options.maxBatchesPerTick ?? 50;
  }

  /** Ticks now and then every interval until {@link stop}. */
  start(): void {
    if (this.timer || this.stopped) return;
    const run = () => {
      if (this.running) return;
      this.tick().catch((error: unknown) => log.error('an SLA tick failed', describeError(error)));
    };
    run();
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
  }

  /** Stops ticking; resolves once a tick under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One round: follow what changed (or sweep after a publish), then act on the moments that came. */
  tick(): Promise<TickReport> {
    if (this.running) return this.running;
    this.running = this.runTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { timed: 0, looked: 0, fired: 0, escalated: 0, notified: 0 };
    const matrix = await ensureDefaultMatrix(this.storage);
    for (let batch = 0; batch < this.maxBatches && !this.stopped; batch++) {
      const timed = await this.refreshOnce(matrix);
      if (timed === null) break;
      report.timed += timed;
    }
    for (;;) {
      if (this.stopped) break;
      const due = await this.storage.read((tx) => tx.sla.listDueSchedules(tx.now, this.batchSize));
      if (due.length === 0) break;
      for (const ticketId of due) {
        report.looked += 1;
        const outcome = await this.fire(ticketId);
        report.fired += outcome.fired;
        report.escalated += outcome.escalated;
        report.notified += outcome.notified;
      }
      if (due.length < this.batchSize) break;
    }
    return report;
  }

  /**
   * One step of following or sweeping; answers how many tickets it timed, or null when it is
   * caught up. A version other than the one followed starts a sweep over every open ticket.
   */
  private async refreshOnce(matrix: MatrixVersion): Promise<number | null> {
    const state = await this.storage.read(async (tx) => ({
      follow: parse<Follow>(await tx.sla.getState(FOLLOW_KEY)),
      sweep: parse<Sweep>(await tx.sla.getState(SWEEP_KEY)),
      head: await tx.head(),
      prunedThrough: await tx.prunedThrough(),
      current: (await tx.sla.currentMatrix()) ?? matrix,
    }));
    const current = state.current;
    let sweep = state.sweep;
    const followed = state.follow;
    // Another version, or a position retention removed the changes after: time every open ticket.
    if (!sweep || sweep.version !== current.version) {
      if (followed === null || followed.version !== current.version || followed.cursor < state.prunedThrough) {
        sweep = { version: current.version, afterId: '', head: state.head };
        const started = sweep;
        await this.storage.write((tx) => tx.sla.setState(SWEEP_KEY, JSON.stringify(started)));
        log.info('re-timing the open tickets', { version: current.version });
      } else {
        sweep = null;
      }
    }
    if (sweep) return this.sweepOnce(current, sweep);
    return this.followOnce(current, followed!, state.head);
  }

  private async sweepOnce(matrix: MatrixVersion, sweep: Sweep): Promise<number> {
    const { rows, lastId } = await this.storage.read(async (tx) => {
      const ids = await tx.sla.listOpenTicketIds(sweep.afterId, this.batchSize);
      return { rows: await this.timeTickets(tx, matrix, ids), lastId: ids.at(-1) ?? null };
    });
    await this.storage.write(async (tx) => {
      await tx.sla.upsertSchedules(rows);
      if (lastId !== null && rows.length >= this.batchSize) {
        await tx.sla.setState(SWEEP_KEY, JSON.stringify({ ...sweep, afterId: lastId } satisfies Sweep));
      } else {
        await tx.sla.setState(FOLLOW_KEY, JSON.stringify({ version: sweep.version, cursor: sweep.head } satisfies Follow));
        await tx.sla.setState(SWEEP_KEY, 'null');
      }
    });
    return rows.length;
  }

  private async followOnce(matrix: MatrixVersion, follow: Follow, head: number): Promise<number | null> {
    if (follow.cursor >= head) return null;
    const limit = this.batchSize * 4;
    const { rows, cursor } = await this.storage.read(async (tx) => {
      const changes = await tx.sla.listSlaChanges(follow.cursor, head, limit);
      const ticketIds = new Set<string>();
      const customerIds = new Set<string>();
      for (const change of changes) {
        if (change.entity === 'ticket') ticketIds.add(change.entityKey);
        else if (change.entity === 'customer') customerIds.add(change.entityKey);
        else if ((change.entity === 'message' || change.entity === 'ticket-field-change') && change.value !== null) {
          ticketIds.add((JSON.parse(change.value) as { ticketId: string }).ticketId);
        }
      }
      for (const id of await tx.sla.listOpenTicketIdsOfRequesters([...customerIds])) ticketIds.add(id);
      return {
        rows: await this.timeTickets(tx, matrix, [...ticketIds]),
        cursor: changes.length < limit ? head : changes.at(-1)!.id,
      };
    });
    await this.storage.write(async (tx) => {
      await tx.sla.upsertSchedules(rows);
      await tx.sla.setState(FOLLOW_KEY, JSON.stringify({ version: matrix.version, cursor } satisfies Follow));
    });
    return rows.length;
  }

  /** Schedule rows of these tickets at the transaction's instant (a ticket gone or solved gets none to come). */
  private async timeTickets(tx: ReadTx, matrix: MatrixVersion, ids: readonly string[]): Promise<SlaScheduleRow[]> {
    const rows: SlaScheduleRow[] = [];
    for (let start = 0; start < ids.length; start += this.batchSize) {
      const chunk = ids.slice(start, start + this.batchSize);
      const inputs = await tx.sla.loadSlaInputs(chunk);
      const fired = await tx.sla.listFiredOccurrences(chunk);
      for (const id of chunk) {
        const input = inputs.get(id);
        if (!input) {
          rows.push({ ticketId: id, nextAt: null, dueAt: null, matrixVersion: matrix.version, computedAt: tx.now });
          continue;
        }
        rows.push(scheduleRow(id, matrix.version, timeTicket(matrix, input, fired, tx.now), tx.now));
      }
    }
    return rows;
  }

  /** Acts on the moments of one ticket that came, in one transaction with the ticket locked. */
  private async fire(ticketId: string): Promise<{ fired: number; escalated: number; notified: number }> {
    return this.storage.write(async (tx) => {
      const result = { fired: 0, escalated: 0, notified: 0 };
      let ticket = await tx.lockTicket(ticketId);
      const matrix = await tx.sla.currentMatrix();
      if (!ticket || !matrix) {
        await tx.sla.upsertSchedules([{ ticketId, nextAt: null, dueAt: null, matrixVersion: matrix?.version ?? 0, computedAt: tx.now }]);
        return result;
      }
      const inputs = (await tx.sla.loadSlaInputs([ticketId])).get(ticketId)!;
      const timing = timeTicket(matrix, inputs, await tx.sla.listFiredOccurrences([ticketId]), tx.now);
      if (timing.due.length > 0) {
        const team = await tx.sla.loadTeam();
        for (const firing of timing.due) {
          const first = await tx.sla.recordFiring({
            ticketId,
            clock: firing.trigger.clock,
            triggerId: firing.trigger.triggerId,
            startedAt: firing.startedAt,
            occurrence: firing.occurrence,
            firedAt: tx.now,
            matrixVersion: matrix.version,
          });
          // Another instance acted on this moment first.
          if (!first) continue;
          const dueAt = timing.deadlines?.ok ? (deadlineOf(timing.deadlines.sla[firing.trigger.clock]) ?? null) : null;
          const done = await runActions(tx, matrix, team, ticket, firing, dueAt);
          ticket = done.ticket;
          result.fired += 1;
          if (done.outcome.escalation) {
            result.escalated += 1;
            await tx.audit({
              actorId: null,
              action: 'sla-escalated',
              entity: 'ticket',
              entityId: ticketId,
              data: { trigger: firing.trigger.triggerId, clock: firing.trigger.clock, occurrence: firing.occurrence, ...done.outcome.escalation },
            });
          }
          result.notified += done.outcome.notified.length;
        }
      }
      // The escalation's own change is followed on the next tick (its ticket change is in the log).
      await tx.sla.upsertSchedules([{ ...scheduleRow(ticketId, matrix.version, { ...timing, due: [] }, tx.now) }]);
      return result;
    });
  }
}

function deadlineOf(state: { state: string; dueAt?: number | null }): number | null {
  return state.state === 'running' || state.state === 'breached' || state.state === 'met' ? (state.dueAt ?? null) : null;
}
