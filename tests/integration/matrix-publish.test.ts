// Publishing the escalation matrix end to end: desktops of a lead, an admin and an agent signed in
// to a real backend on a loopback port. The backend decides (role, version in force, the rules);
// the desktops show the outcome and re-time their open tickets under the version in force.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MatrixService } from '../../src/main/services/matrix/matrix-service';
import { SlaRetimer } from '../../src/main/services/matrix/sla-retimer';
import { ensureDefaultMatrix } from '../../src/main/services/matrix/matrix-service';
import { AppError } from '../../src/shared/contract/errors';
import { DEFAULT_MATRIX } from '../../src/shared/domain/escalation-matrix/default-matrix';
import type { MatrixDocument } from '../../src/shared/domain/escalation-matrix/schema';
import { newId } from '../../src/shared/domain/ids';
import { call, issueSession, mutation, pushRequest } from './support/server-kit';
import { localTicket, outboxRows, signedInDesktop, startBackend, type TestBackend, type TestDesktop } from './support/desktop-kit';

interface MatrixDesktop {
  desktop: TestDesktop;
  matrix: MatrixService;
  retimer: SlaRetimer;
}

function withMatrix(desktop: TestDesktop): MatrixDesktop {
  ensureDefaultMatrix(desktop.ctx);
  const retimer = new SlaRetimer(desktop.ctx, desktop.events, { checkEveryMs: 0 });
  retimer.start();
  return { desktop, retimer, matrix: new MatrixService(desktop.ctx, retimer) };
}

function businessNormalFirstResponse(minutes: number): MatrixDocument {
  const document = structuredClone(DEFAULT_MATRIX) as MatrixDocument;
  document.plans.business!.targets.normal!.firstResponseMinutes = minutes;
  return document;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'none';
}

// The backend's tickets: Business × normal, created Mon 6 Jan 2025 10:00 Amsterdam, counted in the
// customer's hours 08:30-12:30, 13:00-17:30 Europe/Amsterdam.
const DUE_UNDER_480 = Date.UTC(2025, 0, 7, 8, 30); // 10:00 + 480 business minutes = Tue 09:30
const DUE_UNDER_60 = Date.UTC(2025, 0, 6, 10, 0); // 10:00 + 60 = Mon 11:00
const DUE_UNDER_30 = Date.UTC(2025, 0, 6, 9, 30); // 10:00 + 30 = Mon 10:30

let backend: TestBackend;
let lead: MatrixDesktop;
let admin: MatrixDesktop;
let agent: MatrixDesktop;

beforeAll(async () => {
  backend = await startBackend({ tickets: 2 });
  lead = withMatrix(await signedInDesktop(backend, 'lead@support.example'));
  admin = withMatrix(await signedInDesktop(backend, 'admin@support.example'));
  agent = withMatrix(await signedInDesktop(backend, 'agent@support.example'));
  await Promise.all([lead, admin, agent].map((side) => side.retimer.idle()));
});
afterAll(async () => {
  for (const side of [lead, admin, agent]) {
    side?.retimer.close();
    side?.desktop.remove();
  }
  await backend?.close();
});

describe('publishing the matrix over the real backend', () => {
  const ticketId = () => backend.world.tickets[0]!.id;

  test('times the pulled tickets under version 1 on every desktop', () => {
    expect([lead, admin, agent].map((side) => localTicket(side.desktop.db, ticketId())?.dueAt)).toEqual([DUE_UNDER_480, DUE_UNDER_480, DUE_UNDER_480]);
  });

  test('refuses an agent on the desktop, and on the backend when the desktop is bypassed', async () => {
    agent.matrix.saveDraft({ document: businessNormalFirstResponse(60), basedOnVersion: 1 });
    const onDesktop = codeOf(() => agent.matrix.publish({ changeSummary: 'Faster' }));
    const { token } = await issueSession(backend.storage, backend.world.accounts.agent.id);
    const args = { document: businessNormalFirstResponse(60), basedOnVersion: 1, changeSummary: 'Faster', publishedAt: Date.now() };
    const bypass = await call(backend.base, 'POST', '/sync/push', { token, body: pushRequest(newId(), [mutation(1, 'matrix/publish', args)]) });
    const history = await call(backend.base, 'GET', '/matrix/versions', { token });
    expect({
      onDesktop,
      bypass: bypass.body.value.results[0],
      history: history.body.value.map((version: { version: number }) => version.version),
      agentOutbox: outboxRows(agent.desktop.db),
    }).toEqual({
      onDesktop: 'forbidden',
      bypass: expect.objectContaining({ status: 'rejected', error: { code: 'forbidden', message: 'The role agent may not make matrix/publish', field: 'name' } }),
      history: [1],
      agentOutbox: [],
    });
  });

  test('publishes a lead\'s version, which every desktop pulls and re-times its open tickets to', async () => {
    // The admin works offline from here on (the next test publishes from what they have: version 1).
    admin.desktop.sync.setOnline(false);
    lead.matrix.saveDraft({ document: businessNormalFirstResponse(60), basedOnVersion: 1 });
    lead.matrix.publish({ changeSummary: 'Business normal answered within the hour' });
    await lead.desktop.client().syncNow();
    await agent.desktop.client().syncNow();
    await Promise.all([lead.retimer.idle(), agent.retimer.idle()]);
    const { token } = await issueSession(backend.storage, backend.world.accounts.agent.id);
    const second = await call(backend.base, 'GET', '/matrix/versions/2', { token });
    expect({
      leadOutbox: outboxRows(lead.desktop.db),
      onBackend: { version: second.body.value.version, author: second.body.value.author.name, document: second.body.value.document },
      onAgent: agent.matrix.get().published?.changeSummary,
      onAdmin: admin.matrix.get().published?.version,
      dueOnLead: localTicket(lead.desktop.db, ticketId())?.dueAt,
      dueOnAgent: localTicket(agent.desktop.db, ticketId())?.dueAt,
    }).toEqual({
      leadOutbox: [],
      onBackend: { version: 2, author: 'Lead Person', document: businessNormalFirstResponse(60) },
      onAgent: 'Business normal answered within the hour',
      onAdmin: 1,
      dueOnLead: DUE_UNDER_60,
      dueOnAgent: DUE_UNDER_60,
    });
  });

  test('shows the backend\'s conflict to an admin who published from an older version, keeps the draft, and publishes after a rebase', async () => {
    admin.matrix.saveDraft({ document: businessNormalFirstResponse(30), basedOnVersion: 1 });
    admin.matrix.publish({ changeSummary: 'Even faster' });
    const [row] = outboxRows(admin.desktop.db);
    admin.desktop.sync.setOnline(true);
    await admin.desktop.client().syncNow();
    const refused = {
      rejection: admin.desktop.sync.status().rejections.find((rejection) => rejection.mutationId === row!.mutationId)?.error,
      inForce: admin.matrix.get().published?.changeSummary,
      draft: admin.matrix.get().draft?.basedOnVersion,
    };
    // Both changed the same target: the version in force keeps its value until the admin settles it.
    const rebased = admin.matrix.rebaseDraft();
    admin.matrix.saveDraft({ document: businessNormalFirstResponse(30), basedOnVersion: rebased.draft.basedOnVersion });
    admin.matrix.publish({ changeSummary: 'Business normal answered within half an hour' });
    await admin.desktop.client().syncNow();
    await agent.desktop.client().syncNow();
    await Promise.all([admin.retimer.idle(), agent.retimer.idle()]);
    expect({
      refused,
      rebased: { basedOnVersion: rebased.draft.basedOnVersion, conflicts: rebased.conflicts.map((conflict) => [conflict.path, conflict.draft, conflict.current]) },
      adminOutbox: outboxRows(admin.desktop.db),
      versionsOnAgent: agent.matrix.listVersions().map((version) => [version.version, version.author.name]),
      dueOnAgent: localTicket(agent.desktop.db, ticketId())?.dueAt,
    }).toEqual({
      refused: {
        rejection: { code: 'conflict', message: expect.stringContaining('Version 2'), field: 'args.basedOnVersion' },
        inForce: 'Business normal answered within the hour',
        draft: 1,
      },
      rebased: { basedOnVersion: 2, conflicts: [['plans.business.targets.normal.firstResponseMinutes', 30, 60]] },
      adminOutbox: [],
      versionsOnAgent: [
        [3, 'Admin Person'],
        [2, 'Lead Person'],
        [1, 'Support Console'],
      ],
      dueOnAgent: DUE_UNDER_30,
    });
  });
});
