import { create } from 'zustand';
import type { MethodOutput, MethodParams } from '../../../shared/contract/app-contract';
import { DEFAULT_MATRIX } from '../../../shared/domain/escalation-matrix/default-matrix';
import type { MatrixDocument, MatrixVersion } from '../../../shared/domain/escalation-matrix/schema';
import { validateMatrix, type MatrixProblem } from '../../../shared/domain/escalation-matrix/validate';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';
import { useTeamStore } from '../team/team-store';
import { calendarKeyOf, findControl, sectionOf, type MatrixSection } from './problem-paths';

/** How long typing pauses before the draft is saved to the local store. */
export const MATRIX_SAVE_MS = 800;

/** The tabs of the matrix screen. */
export const MATRIX_TABS = ['editor', 'preview', 'history', 'calculator'] as const;
/** One tab of the matrix screen. */
export type MatrixTab = (typeof MATRIX_TABS)[number];

/** Where the draft stands: nothing to save, waiting for typing to pause, saving, saved, or refused. */
export type DraftSaveState = 'clean' | 'pending' | 'saving' | 'saved' | 'error';

/** A change between two versions, as `matrix/diff` answers it. */
export type MatrixChange = MethodOutput<'matrix/diff'>[number];
/** A conflict left by a rebase. */
export type MatrixConflict = MethodOutput<'matrix/rebase-draft'>['conflicts'][number];
/** A version in the history list. */
export type MatrixVersionSummary = MethodOutput<'matrix/list-versions'>[number];
/** What the what-if preview answers. */
export type MatrixPreview = MethodOutput<'matrix/preview'>;
/** What the SLA calculator answers: a due time with its explanation, or business minutes between two instants. */
export type SlaCalculation = MethodOutput<'sla/calculate'>;

/** Why a publish was refused, with what the lead needs to settle it. */
export type PublishRefusal =
  | { kind: 'validation'; error: ApiError }
  | { kind: 'forbidden'; error: ApiError }
  | { kind: 'conflict'; error: ApiError; current: MatrixVersionSummary | null; changes: MatrixChange[] }
  | { kind: 'other'; error: ApiError };

interface MatrixState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: ApiError | null;
  /** The version in force (null before the first publish). */
  published: MatrixVersion | null;
  canPublish: boolean;
  /** What the editor shows: the agent's draft, else the version in force. */
  document: MatrixDocument | null;
  /** The published version the draft was edited from. */
  basedOnVersion: number | null;
  /** Whether a draft exists (saved, or about to be). */
  hasDraft: boolean;
  /** validateMatrix's problems of `document`, recomputed on every edit. */
  problems: MatrixProblem[];
  saveState: DraftSaveState;
  savedAt: number | null;
  saveError: ApiError | null;
  /** Conflicts the last rebase left (the published value was kept). */
  conflicts: MatrixConflict[];
  /** Paths of duration cells whose text is not a duration: the document keeps the last value, so publishing waits. */
  unreadable: ReadonlySet<string>;

  tab: MatrixTab;
  /** The calendar the calendar editor shows. */
  activeCalendar: string | null;
  /** Whether the publish dialog is open. */
  publishOpen: boolean;

  load(): Promise<void>;
  /** Reads the version in force again (another was published); the lead's draft stays as it is. */
  refreshPublished(): Promise<void>;
  /** Changes the document (the recipe mutates a copy), validates it and saves the draft soon. */
  edit(recipe: (doc: MatrixDocument) => void): void;
  /** Saves a pending draft now (before a preview or a publish). */
  flush(): Promise<void>;
  discard(): Promise<void>;
  /** The changes from the version in force to the draft (the publish dialog's summary). */
  draftChanges(): Promise<MatrixChange[]>;
  /** Publishes the draft; answers the new version, or why it was refused. */
  publish(changeSummary: string): Promise<{ ok: true; version: MatrixVersion } | { ok: false; refusal: PublishRefusal }>;
  /** Replays the draft onto the version in force; the conflicts keep the published value. */
  rebase(): Promise<MatrixConflict[]>;
  listVersions(): Promise<MatrixVersionSummary[]>;
  diff(from: number | 'draft', to: number | 'draft'): Promise<MatrixChange[]>;
  preview(days: number): Promise<MatrixPreview>;
  /** Business-time arithmetic on a calendar (the SLA calculator). */
  calculate(input: MethodParams<'sla/calculate'>): Promise<SlaCalculation>;

  setTab(tab: MatrixTab): void;
  setUnreadable(path: string, unreadable: boolean): void;
  setPublishOpen(open: boolean): void;
  setActiveCalendar(key: string): void;
  /** Shows and focuses the control of a path (from the problem list). */
  reveal(path: string): void;
}

function teamGroupNames(): string[] | undefined {
  const groups = useTeamStore.getState().groups;
  // Before the team has loaded, groups are not checked against it (rather than all "unknown").
  return groups.size === 0 ? undefined : [...groups.values()].map((group) => group.name);
}

function check(doc: MatrixDocument): MatrixProblem[] {
  const teamGroups = teamGroupNames();
  return validateMatrix(doc, teamGroups ? { teamGroups } : {});
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> | null = null;
// Bumped on every edit: a save answers for the document it sent, not for later typing.
let editCount = 0;

/** The escalation matrix editor: the document, its problems, the draft's saving, and the calls behind preview, history and publish. */
export const useMatrixStore = create<MatrixState>()((set, get) => {
  const saveNow = async (): Promise<void> => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const { document, basedOnVersion, canPublish } = get();
    if (!document || !canPublish) return;
    const sent = editCount;
    set({ saveState: 'saving' });
    try {
      const draft = await api.call('matrix/save-draft', { document, basedOnVersion });
      if (sent === editCount) set({ saveState: 'saved', savedAt: draft.savedAt, saveError: null, hasDraft: true });
      else set({ savedAt: draft.savedAt, hasDraft: true });
    } catch (error) {
      set({ saveState: 'error', saveError: toApiError(error) });
    }
  };

  const runSave = (): Promise<void> => {
    const run = (saving ?? Promise.resolve()).then(saveNow);
    saving = run.finally(() => {
      if (saving === run) saving = null;
    });
    return run;
  };

  return {
    status: 'idle',
    loadError: null,
    published: null,
    canPublish: false,
    document: null,
    basedOnVersion: null,
    hasDraft: false,
    problems: [],
    saveState: 'clean',
    savedAt: null,
    saveError: null,
    conflicts: [],
    unreadable: new Set(),
    tab: 'editor',
    activeCalendar: null,
    publishOpen: false,

    async load() {
      set({ status: get().document ? get().status : 'loading', loadError: null });
      try {
        // Typing not yet saved goes first, so the answer holds it.
        await get().flush();
        const answer = await api.call('matrix/get', {});
        const document: MatrixDocument = answer.draft?.document ?? answer.published?.document ?? structuredClone(DEFAULT_MATRIX);
        const active = get().activeCalendar;
        set({
          status: 'ready',
          published: answer.published,
          canPublish: answer.canPublish,
          document,
          basedOnVersion: answer.draft ? answer.draft.basedOnVersion : (answer.published?.version ?? null),
          hasDraft: answer.draft !== null,
          savedAt: answer.draft?.savedAt ?? null,
          saveState: answer.draft ? 'saved' : 'clean',
          saveError: null,
          problems: check(document),
          activeCalendar: active !== null && Object.hasOwn(document.calendars, active) ? active : (Object.keys(document.calendars)[0] ?? null),
        });
      } catch (error) {
        set({ status: 'error', loadError: toApiError(error) });
      }
    },

    async refreshPublished() {
      if (get().status !== 'ready') return;
      try {
        const answer = await api.call('matrix/get', {});
        const { hasDraft, saveState } = get();
        // Nothing of the lead's own to keep: show the version now in force.
        if (!hasDraft && saveState === 'clean' && answer.draft === null) {
          const document = answer.published?.document ?? get().document;
          set({
            published: answer.published,
            canPublish: answer.canPublish,
            document,
            basedOnVersion: answer.published?.version ?? null,
            problems: document ? check(document) : [],
          });
        } else {
          set({ published: answer.published, canPublish: answer.canPublish });
        }
      } catch (error) {
        set({ loadError: toApiError(error) });
      }
    },

    edit(recipe) {
      const { document, canPublish } = get();
      if (!document || !canPublish) return;
      const next = structuredClone(document);
      recipe(next);
      editCount++;
      set({ document: next, problems: check(next), hasDraft: true, saveState: 'pending' });
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void runSave(), MATRIX_SAVE_MS);
    },

    async flush() {
      if (saveTimer !== undefined) await runSave();
      else if (saving) await saving;
    },

    async discard() {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      if (saving) await saving;
      await api.call('matrix/discard-draft', {});
      editCount++;
      set({ conflicts: [] });
      await get().load();
    },

    async draftChanges() {
      await get().flush();
      const { published } = get();
      if (!published) return [];
      return api.call('matrix/diff', { from: published.version, to: 'draft' });
    },

    async publish(changeSummary) {
      await get().flush();
      try {
        const version = await api.call('matrix/publish', { changeSummary });
        editCount++;
        set({ conflicts: [] });
        await get().load();
        return { ok: true, version };
      } catch (caught) {
        const error = toApiError(caught);
        if (error.code === 'validation') return { ok: false, refusal: { kind: 'validation', error } };
        if (error.code === 'forbidden') return { ok: false, refusal: { kind: 'forbidden', error } };
        if (error.code !== 'conflict') return { ok: false, refusal: { kind: 'other', error } };
        // Someone published since this draft began: show what the version now in force changed.
        try {
          const versions = await api.call('matrix/list-versions', {});
          const current = versions[0] ?? null;
          const base = get().basedOnVersion;
          const changes = current && base !== null && base !== current.version ? await api.call('matrix/diff', { from: base, to: current.version }) : [];
          return { ok: false, refusal: { kind: 'conflict', error, current, changes } };
        } catch {
          return { ok: false, refusal: { kind: 'conflict', error, current: null, changes: [] } };
        }
      }
    },

    async rebase() {
      await get().flush();
      const answer = await api.call('matrix/rebase-draft', {});
      editCount++;
      set({
        document: answer.draft.document,
        basedOnVersion: answer.draft.basedOnVersion,
        problems: check(answer.draft.document),
        hasDraft: true,
        saveState: 'saved',
        savedAt: answer.draft.savedAt,
        conflicts: answer.conflicts,
      });
      // The version in force moved on: read it (and canPublish) again.
      const fresh = await api.call('matrix/get', {});
      set({ published: fresh.published, canPublish: fresh.canPublish });
      return answer.conflicts;
    },

    listVersions: () => api.call('matrix/list-versions', {}),
    diff: (from, to) => api.call('matrix/diff', { from, to }),

    async preview(days) {
      await get().flush();
      return api.call('matrix/preview', { days });
    },

    calculate: (input) => api.call('sla/calculate', input),

    setTab(tab) {
      set({ tab });
    },

    setUnreadable(path, unreadable) {
      const current = get().unreadable;
      if (current.has(path) === unreadable) return;
      const next = new Set(current);
      if (unreadable) next.add(path);
      else next.delete(path);
      set({ unreadable: next });
    },

    setPublishOpen(open) {
      set({ publishOpen: open });
    },

    setActiveCalendar(key) {
      set({ activeCalendar: key });
    },

    reveal(path) {
      const calendar = calendarKeyOf(path);
      set({ tab: 'editor', ...(calendar !== null && Object.hasOwn(get().document?.calendars ?? {}, calendar) ? { activeCalendar: calendar } : {}) });
      // After React has shown the tab (and the calendar) the control lives in.
      setTimeout(() => {
        const root = document.querySelector('[data-matrix-editor]');
        const control = root ? findControl(root, path) : null;
        if (!control) return;
        // A section's heading goes to the top; a control to the middle, with room for its message.
        control.scrollIntoView({ block: /^H\d$/.test(control.tagName) ? 'start' : 'center' });
        control.focus({ preventScroll: true });
      }, 0);
    },
  };
});

/** The section a path's control is in; exported for the problem list's grouping. */
export function problemSection(problem: MatrixProblem): MatrixSection | null {
  return sectionOf(problem.path);
}

/** How many things stop the draft from being published: problems of error severity, and cells whose text is not a duration. */
export function blockingCount(problems: readonly MatrixProblem[], unreadable: ReadonlySet<string>): number {
  return problems.filter((problem) => problem.severity === 'error').length + unreadable.size;
}
