import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { DEFAULT_MATRIX } from '../../../shared/domain/escalation-matrix/default-matrix';
import type { MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { SYSTEM_AUTHOR } from '../../../shared/domain/matrix-versions';
import { putMatrixVersion } from '../../store/queries/matrix';
import { listOutbox } from '../../store/queries/outbox';
import { getTicket } from '../../store/queries/tickets';
import { getRejection } from '../../store/queries/sync-state';
import { NOW, openServiceWorld, thrown, type ServiceWorld } from '../test-kit';
import { settleEntry } from '../sync/rebase';
import { ensureDefaultMatrix, MatrixService } from './matrix-service';
import { SlaRetimer } from './sla-retimer';

let kit: ServiceWorld;
let retimer: SlaRetimer;
let matrix: MatrixService;

beforeEach(() => {
  kit = openServiceWorld({ tickets: 1 });
  ensureDefaultMatrix(kit.ctx);
  retimer = new SlaRetimer(kit.ctx, kit.bus, { checkEveryMs: 0 });
  retimer.start();
  matrix = new MatrixService(kit.ctx, retimer);
});
afterEach(() => {
  retimer.close();
  kit.close();
});

function editable(): MatrixDocument {
  return structuredClone(DEFAULT_MATRIX) as MatrixDocument;
}

/** The default matrix with Business × normal answered within `minutes` business minutes. */
function withBusinessNormalFirstResponse(minutes: number): MatrixDocument {
  const document = editable();
  document.plans.business!.targets.normal!.firstResponseMinutes = minutes;
  return document;
}

function signInAs(role: 'agent' | 'lead' | 'admin'): void {
  kit.db.prepare('UPDATE agents SET role = ? WHERE id = ?').run(role, kit.world.agent.id);
}

function refusal(run: () => unknown): { code: string; field: string | undefined; details: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the versions and the draft', () => {
  test('starts a fresh store with the default matrix as version 1 and no draft', () => {
    expect(matrix.get()).toEqual({
      published: {
        version: 1,
        status: 'published',
        author: SYSTEM_AUTHOR,
        savedAt: NOW,
        publishedAt: NOW,
        changeSummary: 'The default escalation matrix',
        basedOnVersion: null,
        document: DEFAULT_MATRIX,
      },
      draft: null,
      canPublish: false,
    });
  });

  test('saves a draft with its problems and keeps it across reads until discarded', () => {
    const document = editable();
    document.plans.business!.targets.urgent!.firstResponseMinutes = 0;
    const saved = matrix.saveDraft({ document, basedOnVersion: 1 });
    expect(saved).toEqual({
      document,
      basedOnVersion: 1,
      savedAt: NOW,
      problems: [expect.objectContaining({ code: 'invalid-minutes', severity: 'error', path: 'plans.business.targets.urgent.firstResponseMinutes' })],
    });
    expect(matrix.get().draft).toEqual(saved);
    expect([matrix.discardDraft(), matrix.discardDraft(), matrix.get().draft]).toEqual([{ discarded: true }, { discarded: false }, null]);
  });

  test('diffs the draft against the version it was started from', () => {
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    expect(matrix.diff({ from: 1, to: 'draft' })).toEqual([
      expect.objectContaining({ kind: 'changed', path: 'plans.business.targets.normal.firstResponseMinutes', before: 480, after: 60 }),
    ]);
  });

  test('rebases a draft onto a version published meanwhile, keeping both sides and listing the conflicts', () => {
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    const published = withBusinessNormalFirstResponse(120);
    published.plans.basic!.targets.low!.resolutionMinutes = 20000;
    putMatrixVersion(kit.db, { version: 2, status: 'published', author: SYSTEM_AUTHOR, savedAt: NOW, publishedAt: NOW, changeSummary: 'Faster', basedOnVersion: 1, document: published }, 'backend');

    const rebased = matrix.rebaseDraft();

    expect({
      basedOnVersion: rebased.draft.basedOnVersion,
      businessNormal: rebased.draft.document.plans.business!.targets.normal!.firstResponseMinutes,
      basicLow: rebased.draft.document.plans.basic!.targets.low!.resolutionMinutes,
      conflicts: rebased.conflicts.map((conflict) => ({ path: conflict.path, base: conflict.base, draft: conflict.draft, current: conflict.current })),
    }).toEqual({
      basedOnVersion: 2,
      businessNormal: 120,
      basicLow: 20000,
      conflicts: [{ path: 'plans.business.targets.normal.firstResponseMinutes', base: 480, draft: 60, current: 120 }],
    });
  });
});

describe('publishing', () => {
  test('refuses an agent with forbidden and writes nothing', () => {
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    expect(thrown(() => matrix.publish({ changeSummary: 'Faster' }))).toEqual({ name: 'AppError', code: 'forbidden', field: undefined });
    expect({ outbox: listOutbox(kit.db), versions: matrix.listVersions().map((v) => v.version) }).toEqual({ outbox: [], versions: [1] });
  });

  test('refuses a draft that breaks a rule with validation and every problem in the details', () => {
    signInAs('lead');
    const document = editable();
    document.plans.business!.targets.urgent!.firstResponseMinutes = 0;
    matrix.saveDraft({ document, basedOnVersion: 1 });
    expect(refusal(() => matrix.publish({ changeSummary: 'Broken' }))).toEqual({
      code: 'validation',
      field: 'document.plans.business.targets.urgent.firstResponseMinutes',
      details: { problems: [expect.objectContaining({ code: 'invalid-minutes' })] },
    });
    expect(listOutbox(kit.db)).toEqual([]);
  });

  test('refuses a draft started from a version no longer in force with conflict and keeps the draft', () => {
    signInAs('lead');
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    putMatrixVersion(kit.db, { version: 2, status: 'published', author: SYSTEM_AUTHOR, savedAt: NOW, publishedAt: NOW, changeSummary: 'Other', basedOnVersion: 1, document: editable() }, 'backend');
    expect(thrown(() => matrix.publish({ changeSummary: 'Faster' }))).toEqual({ name: 'AppError', code: 'conflict', field: 'basedOnVersion' });
    expect({ draft: matrix.get().draft?.basedOnVersion, outbox: listOutbox(kit.db) }).toEqual({ draft: 1, outbox: [] });
  });

  test('puts a lead\'s version in force at once, drops the draft and queues the publish for the backend', () => {
    signInAs('lead');
    const document = withBusinessNormalFirstResponse(60);
    matrix.saveDraft({ document, basedOnVersion: 1 });
    const published = matrix.publish({ changeSummary: 'Business normal answered within the hour' });
    const version = {
      version: 2,
      status: 'published',
      author: { id: kit.world.agent.id, name: kit.world.agent.name },
      savedAt: NOW,
      publishedAt: NOW,
      changeSummary: 'Business normal answered within the hour',
      basedOnVersion: 1,
      document,
    };
    expect({
      published,
      get: matrix.get(),
      outbox: listOutbox(kit.db).map((row) => ({ name: row.name, args: row.args })),
    }).toEqual({
      published: version,
      get: { published: version, draft: null, canPublish: true },
      outbox: [{ name: 'matrix/publish', args: { document, basedOnVersion: 1, changeSummary: 'Business normal answered within the hour', publishedAt: NOW } }],
    });
  });

  test('takes a publish the backend refused back: version 1 in force again and the draft restored', () => {
    signInAs('lead');
    const document = withBusinessNormalFirstResponse(60);
    matrix.saveDraft({ document, basedOnVersion: 1 });
    matrix.publish({ changeSummary: 'Faster' });
    const [row] = listOutbox(kit.db);
    const error = { code: 'conflict' as const, message: 'Version 2 of the matrix was published after this draft was started', field: 'args.basedOnVersion' };

    kit.db.transaction(() => settleEntry({ db: kit.db, agentId: kit.ctx.agentId, now: kit.ctx.now }, row!, { outcome: 'rejected', error }))();

    expect({
      versions: matrix.listVersions().map((v) => v.version),
      draft: matrix.get().draft && { document: matrix.get().draft!.document, basedOnVersion: matrix.get().draft!.basedOnVersion },
      outbox: listOutbox(kit.db),
      rejection: getRejection(kit.db, row!.mutationId)?.error.code,
    }).toEqual({ versions: [1], draft: { document, basedOnVersion: 1 }, outbox: [], rejection: 'conflict' });
  });

  test('keeps the backend\'s version when it took the number of a refused local publish', () => {
    signInAs('lead');
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    matrix.publish({ changeSummary: 'Mine' });
    const [row] = listOutbox(kit.db);
    const theirs = withBusinessNormalFirstResponse(90);
    putMatrixVersion(kit.db, { version: 2, status: 'published', author: SYSTEM_AUTHOR, savedAt: NOW, publishedAt: NOW, changeSummary: 'Theirs', basedOnVersion: 1, document: theirs }, 'backend');

    kit.db.transaction(() =>
      settleEntry({ db: kit.db, agentId: kit.ctx.agentId, now: kit.ctx.now }, row!, { outcome: 'rejected', error: { code: 'conflict', message: 'stale' } }),
    )();

    expect({ inForce: matrix.get().published?.changeSummary, draft: matrix.get().draft?.basedOnVersion }).toEqual({ inForce: 'Theirs', draft: 1 });
  });
});

describe('the clock on tickets', () => {
  // The fixture's ticket: Business × normal, created Mon 6 Jan 2025 10:00 Amsterdam with the
  // customer's first message; customer hours 08:30-12:30, 13:00-17:30 in Europe/Amsterdam.
  const TUE_0930_AMSTERDAM = Date.UTC(2025, 0, 7, 8, 30); // 10:00 + 480 business minutes = Tue 09:30
  const MON_1100_AMSTERDAM = Date.UTC(2025, 0, 6, 10, 0); // 10:00 + 60 business minutes = Mon 11:00

  test('times the open tickets of a fresh store under version 1', async () => {
    await retimer.idle();
    expect(getTicket(kit.db, kit.world.tickets[0]!.id)?.dueAt).toBe(TUE_0930_AMSTERDAM);
  });

  test('re-times an open ticket when a version with a shorter target is published', async () => {
    await retimer.idle();
    signInAs('lead');
    matrix.saveDraft({ document: withBusinessNormalFirstResponse(60), basedOnVersion: 1 });
    matrix.publish({ changeSummary: 'Business normal answered within the hour' });
    await retimer.idle();
    expect({
      dueAt: getTicket(kit.db, kit.world.tickets[0]!.id)?.dueAt,
      events: kit.events.filter((event) => event.name === 'matrix/changed'),
    }).toEqual({
      dueAt: MON_1100_AMSTERDAM,
      events: [
        { name: 'matrix/changed', payload: { version: 1, retimed: false } },
        { name: 'matrix/changed', payload: { version: 1, retimed: true } },
        { name: 'matrix/changed', payload: { version: 2, retimed: false } },
        { name: 'matrix/changed', payload: { version: 2, retimed: true } },
      ],
    });
  });

  test('re-times a ticket whose status changed: pending holds the clock, so it has no due time', async () => {
    await retimer.idle();
    const ticketId = kit.world.tickets[0]!.id;
    kit.db.prepare("UPDATE tickets SET status = 'pending', updated_at = ? WHERE id = ?").run(NOW, ticketId);
    retimer.markTickets([ticketId]);
    await retimer.idle();
    expect(getTicket(kit.db, ticketId)?.dueAt).toBe(null);
  });

  test('re-times the open tickets of a customer whose time zone changed: customer hours follow the customer', async () => {
    await retimer.idle();
    kit.db.prepare("UPDATE customers SET time_zone = 'America/New_York' WHERE id = ?").run(kit.world.customer.id);
    kit.bus.emit({ name: 'customer/changed', payload: { customerId: kit.world.customer.id } });
    await retimer.idle();
    // Created Mon 04:00 New York, before hours: 08:30-12:30 and 13:00-17:00 give the 480 minutes.
    expect(getTicket(kit.db, kit.world.tickets[0]!.id)?.dueAt).toBe(Date.UTC(2025, 0, 6, 22, 0));
  });

  test('explains a ticket\'s clocks: the policy, the calendar and what counted', () => {
    const sla = matrix.getSla({ ticketId: kit.world.tickets[0]!.id });
    const firstResponse = sla.clocks.find((clock) => clock.clock === 'firstResponse')!;
    expect({
      matrixVersion: sla.matrixVersion,
      plan: sla.plan,
      calendar: sla.calendar,
      pausedStatuses: sla.pausedStatuses,
      next: sla.next?.clock,
      firstResponse: { state: firstResponse.state, dueAt: firstResponse.dueAt, targetMinutes: firstResponse.targetMinutes, elapsed: firstResponse.elapsedMinutes },
      counted: firstResponse.segments.filter((segment) => segment.kind === 'counted').map((segment) => segment.minutes),
      nextResponse: sla.clocks.find((clock) => clock.clock === 'nextResponse')!.state,
      breached: sla.breached,
    }).toEqual({
      matrixVersion: 1,
      plan: 'business',
      calendar: { key: 'customer', name: 'EMEA office', timeZone: 'Europe/Amsterdam' },
      pausedStatuses: ['pending', 'on-hold'],
      next: 'firstResponse',
      // NOW is Mon 11:00 Amsterdam: 60 of the 480 minutes are gone.
      firstResponse: { state: 'running', dueAt: TUE_0930_AMSTERDAM, targetMinutes: 480, elapsed: 60 },
      // Mon 10:00-12:30, 13:00-17:30, Tue 08:30-09:30.
      counted: [150, 270, 60],
      nextResponse: 'not-started',
      breached: false,
    });
  });
});
