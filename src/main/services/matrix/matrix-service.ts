// The escalation matrix on the desktop: the version in force and its history (pulled from the
// backend), the agent's draft (local until published), diff, rebase, the what-if preview, publish
// (a synced mutation the backend checks again), and a ticket's SLA clocks with their explanation.
import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import { AppError } from '../../../shared/contract/errors';
import { diffMatrix } from '../../../shared/domain/escalation-matrix/diff';
import { rebaseMatrixDraft } from '../../../shared/domain/escalation-matrix/rebase';
import { replayBreaches, type ReplayTicket } from '../../../shared/domain/escalation-matrix/replay';
import { matrixDocumentShapeSchema, type MatrixDocument } from '../../../shared/domain/escalation-matrix/schema';
import { validateMatrix } from '../../../shared/domain/escalation-matrix/validate';
import { blockingProblems, defaultMatrixVersion, invalidMatrixError, mayPublishMatrix } from '../../../shared/domain/matrix-versions';
import { TICKET_PRIORITIES } from '../../../shared/domain/ticket';
import { ticketSlaTimeline } from '../../../shared/domain/ticket-sla';
import { writeTransaction } from '../../store/db';
import {
  currentMatrixVersionNumber,
  deleteMatrixDraft,
  getCurrentMatrixVersion,
  getMatrixDraft,
  getMatrixVersion,
  listMatrixVersions,
  putMatrixDraft,
  putMatrixVersion,
  type StoredMatrixDraft,
} from '../../store/queries/matrix';
import { listTicketIdsCreatedSince, readSlaInputs, type CustomerFactsCache, type OpenTicketPosition } from '../../store/queries/sla-inputs';
import { getAgent } from '../../store/queries/team';
import { yieldToEventLoop } from '../sliced-work';
import { recordChange, type ChangeContext } from '../sync/outbox-writer';
import { requireTicket } from '../tickets/ticket-fields';
import { applyPublish, draftKey } from './publish-applier';
import type { SlaRetimer } from './sla-retimer';
import { ticketSlaView } from './sla-view';

type Draft = NonNullable<MethodOutput<'matrix/get'>['draft']>;

const DAY_MS = 86_400_000;
/** Tickets replayed between two looks at the event loop during a preview. */
const PREVIEW_BATCH = 250;

/**
 * Makes sure the store has a version in force: version 1, the default matrix, until the backend's
 * own versions arrive (a fresh app and the sample data have one at once).
 */
export function ensureDefaultMatrix(ctx: ChangeContext): void {
  if (currentMatrixVersionNumber(ctx.db) > 0) return;
  writeTransaction(ctx.db, () => {
    if (currentMatrixVersionNumber(ctx.db) === 0) putMatrixVersion(ctx.db, defaultMatrixVersion(ctx.now()), 'default');
  });
}

/** The matrix and SLA methods of the contract, over the local store. */
export class MatrixService {
  constructor(
    private readonly ctx: ChangeContext,
    private readonly retimer: SlaRetimer,
  ) {}

  private get draftKey(): string {
    return draftKey(this.ctx.agentId);
  }

  private draftView(stored: StoredMatrixDraft): Draft {
    return {
      document: stored.document as MatrixDocument,
      basedOnVersion: stored.basedOnVersion,
      savedAt: stored.savedAt,
      problems: validateMatrix(stored.document),
    };
  }

  private requireDraft(): StoredMatrixDraft {
    const draft = getMatrixDraft(this.ctx.db, this.draftKey);
    if (!draft) throw new AppError('not-found', 'There is no draft of the matrix: start one from the version in force');
    return draft;
  }

  private requireVersion(version: number, field: string): MatrixDocument {
    const stored = getMatrixVersion(this.ctx.db, version);
    if (!stored) throw new AppError('not-found', `There is no version ${version} of the matrix`, field);
    return stored.version.document;
  }

  /** A draft's document, which must have the document's shape to be compared or merged. */
  private draftDocument(draft: StoredMatrixDraft, field: string): MatrixDocument {
    const parsed = matrixDocumentShapeSchema.safeParse(draft.document);
    if (!parsed.success) throw new AppError('validation', 'The draft is not a matrix document', field);
    return parsed.data;
  }

  get(): MethodOutput<'matrix/get'> {
    const { db, agentId } = this.ctx;
    const draft = getMatrixDraft(db, this.draftKey);
    return {
      published: getCurrentMatrixVersion(db)?.version ?? null,
      draft: draft ? this.draftView(draft) : null,
      canPublish: mayPublishMatrix(agentId ? getAgent(db, agentId)?.role : null),
    };
  }

  listVersions(): MethodOutput<'matrix/list-versions'> {
    return listMatrixVersions(this.ctx.db);
  }

  getVersion(input: MethodInput<'matrix/get-version'>): MethodOutput<'matrix/get-version'> {
    const stored = getMatrixVersion(this.ctx.db, input.version);
    if (!stored) throw new AppError('not-found', `There is no version ${input.version} of the matrix`, 'version');
    return stored.version;
  }

  diff(input: MethodInput<'matrix/diff'>): MethodOutput<'matrix/diff'> {
    const documentOf = (ref: number | 'draft', field: string): MatrixDocument =>
      ref === 'draft' ? this.draftDocument(this.requireDraft(), field) : this.requireVersion(ref, field);
    return diffMatrix(documentOf(input.from, 'from'), documentOf(input.to, 'to'));
  }

  saveDraft(input: MethodInput<'matrix/save-draft'>): MethodOutput<'matrix/save-draft'> {
    const { db } = this.ctx;
    const stored: StoredMatrixDraft = { document: input.document, basedOnVersion: input.basedOnVersion, savedAt: this.ctx.now() };
    writeTransaction(db, () => putMatrixDraft(db, this.draftKey, stored));
    return this.draftView(stored);
  }

  discardDraft(): MethodOutput<'matrix/discard-draft'> {
    const { db } = this.ctx;
    return { discarded: writeTransaction(db, () => deleteMatrixDraft(db, this.draftKey)) };
  }

  /**
   * Replays the draft's own changes onto the version in force (rebaseMatrixDraft); where both
   * changed the same value the version in force's stays and a conflict is listed. The merged draft
   * is saved based on the version in force.
   */
  rebaseDraft(): MethodOutput<'matrix/rebase-draft'> {
    const { db } = this.ctx;
    const draft = this.requireDraft();
    const current = getCurrentMatrixVersion(db);
    if (!current) throw new AppError('not-found', 'No version of the matrix is in force');
    if (draft.basedOnVersion === current.version.version) return { draft: this.draftView(draft), conflicts: [] };
    const base = draft.basedOnVersion === null ? current.version.document : this.requireVersion(draft.basedOnVersion, 'basedOnVersion');
    const { merged, conflicts } = rebaseMatrixDraft(base, this.draftDocument(draft, 'document'), current.version.document);
    const rebased: StoredMatrixDraft = { document: merged, basedOnVersion: current.version.version, savedAt: this.ctx.now() };
    writeTransaction(db, () => putMatrixDraft(db, this.draftKey, rebased));
    return { draft: this.draftView(rebased), conflicts };
  }

  /**
   * What-if: the tickets created in the last `days` days replayed under the draft and under the
   * version in force, breaches counted per plan × priority. Runs in batches, yielding in between,
   * so a large store never stalls the UI.
   */
  async preview(input: MethodInput<'matrix/preview'>): Promise<MethodOutput<'matrix/preview'>> {
    const { db } = this.ctx;
    const draft = this.requireDraft();
    const problems = validateMatrix(draft.document);
    if (blockingProblems(problems).length > 0) throw invalidMatrixError(problems);
    const draftDocument = draft.document as MatrixDocument;
    const current = getCurrentMatrixVersion(db);
    if (!current) throw new AppError('not-found', 'No version of the matrix is in force');
    const to = this.ctx.now();
    const from = to - input.days * DAY_MS;
    const cells = new Map<string, MethodOutput<'matrix/preview'>['cells'][number]>();
    const cell = (plan: string, priority: string) => {
      const key = `${plan}\u0000${priority}`;
      let found = cells.get(key);
      if (!found) {
        found = { plan, priority, tickets: 0, breachedPublished: 0, breachedDraft: 0 };
        cells.set(key, found);
      }
      return found;
    };
    // Every cell of the draft shows, in its order, even one no ticket fell in.
    for (const plan of Object.keys(draftDocument.plans)) for (const priority of TICKET_PRIORITIES) cell(plan, priority);
    const customers: CustomerFactsCache = new Map();
    let tickets = 0;
    for (const unsolved of [1, 0] as const) {
      let after: OpenTicketPosition | null = null;
      for (;;) {
        const page = listTicketIdsCreatedSince(db, unsolved, from, after, PREVIEW_BATCH);
        if (page.length === 0) break;
        after = page.at(-1)!;
        const replay: ReplayTicket[] = [];
        for (const input of readSlaInputs(db, page.map((position) => position.id), customers)) {
          if (input.customer === null) continue;
          replay.push({ ticket: input.facts, customer: input.customer, timeline: ticketSlaTimeline(input.ticket, input.statusChanges, input.messages) });
        }
        tickets += replay.length;
        const underDraft = replayBreaches(draftDocument, replay, to);
        const underPublished = replayBreaches(current.version.document, replay, to);
        for (const counted of underDraft.cells) {
          const target = cell(counted.plan, counted.priority);
          target.tickets += counted.tickets;
          target.breachedDraft += counted.breached;
        }
        for (const counted of underPublished.cells) {
          const target = cell(counted.plan, counted.priority);
          if (!Object.hasOwn(draftDocument.plans, counted.plan)) target.tickets += counted.tickets;
          target.breachedPublished += counted.breached;
        }
        if (page.length < PREVIEW_BATCH) break;
        await yieldToEventLoop();
      }
    }
    return { from, to, tickets, cells: [...cells.values()] };
  }

  /**
   * Publishes the agent's draft as the next version: refused with `forbidden` for roles other than
   * lead and admin, `validation` (every problem in `details.problems`) when it breaks a rule, and
   * `conflict` when another version came into force since the draft was started (rebase first).
   * The version is in force here at once and goes to the backend as `matrix/publish`, which checks
   * all of it again; a refusal there takes it back and restores the draft.
   */
  publish(input: MethodInput<'matrix/publish'>): MethodOutput<'matrix/publish'> {
    const { db, agentId } = this.ctx;
    const agent = agentId ? getAgent(db, agentId) : undefined;
    if (!mayPublishMatrix(agent?.role)) throw new AppError('forbidden', 'Only team leads and admins publish the escalation matrix');
    const version = writeTransaction(db, () => {
      const draft = this.requireDraft();
      const problems = validateMatrix(draft.document);
      if (blockingProblems(problems).length > 0) throw invalidMatrixError(problems);
      const at = this.ctx.now();
      const args = {
        document: draft.document as MatrixDocument,
        basedOnVersion: draft.basedOnVersion,
        changeSummary: input.changeSummary,
        publishedAt: at,
      };
      const current = currentMatrixVersionNumber(db);
      if ((args.basedOnVersion ?? 0) !== current) {
        throw new AppError('conflict', `Version ${current} was published after this draft was started: rebase the draft first`, 'basedOnVersion');
      }
      // The outbox row first: the pending version is named by its mutation id.
      const { mutationId } = recordChange(this.ctx, {
        name: 'matrix/publish',
        args,
        before: { draft },
        entity: 'matrix',
        entityId: String(current + 1),
        action: 'published',
        at,
      });
      applyPublish(db, agentId, args, mutationId);
      return getMatrixVersion(db, current + 1)!.version;
    });
    this.retimer.check();
    return version;
  }

  /** A ticket's SLA clocks under the version in force, with their explanation. */
  getSla(input: MethodInput<'ticket/get-sla'>): MethodOutput<'ticket/get-sla'> {
    const { db } = this.ctx;
    return db.transaction(() => {
      const ticket = requireTicket(db, input.ticketId);
      const current = getCurrentMatrixVersion(db);
      if (!current) throw new AppError('not-found', 'No version of the matrix is in force');
      const [inputs] = readSlaInputs(db, [ticket.id], new Map());
      return ticketSlaView(inputs!, ticket.priority, current.version.document, current.version.version, this.ctx.now());
    })();
  }
}
