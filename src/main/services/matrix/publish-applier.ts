// The desktop's side of `matrix/publish`: the published version shows here at once (as pending),
// the draft it came from leaves; a refusal by the backend (a stale version, a role it does not
// have) takes the pending version back and restores the draft, so the lead can rebase and retry.
import { AppError } from '../../../shared/contract/errors';
import { mutations, type MutationArgs } from '../../../shared/contract/mutations';
import type { Db } from '../../store/db';
import {
  currentMatrixVersionNumber,
  deleteMatrixDraft,
  getMatrixDraft,
  putMatrixDraft,
  putMatrixVersion,
  removePendingMatrixVersion,
  type StoredMatrixDraft,
} from '../../store/queries/matrix';
import type { OutboxEntry } from '../../store/queries/outbox';
import { agentName } from '../../store/queries/sync-apply';
import type { LocalApplier } from '../sync/local-appliers';

/** Whose draft a desktop keeps: the signed-in agent's, or '' when nobody is signed in. */
export function draftKey(agentId: string | null): string {
  return agentId ?? '';
}

/** What a publish replaced: the draft it came from (null when there was none). */
export interface PublishBefore {
  draft: StoredMatrixDraft | null;
}

/**
 * Makes a publish's local effect: version `basedOnVersion + 1` in force as pending (named by the
 * mutation), the agent's draft gone. Refused with `conflict` when another version is in force.
 * Answers the before-image.
 */
export function applyPublish(db: Db, agentId: string | null, args: MutationArgs<'matrix/publish'>, mutationId: string): PublishBefore {
  const current = currentMatrixVersionNumber(db);
  if ((args.basedOnVersion ?? 0) !== current) {
    throw new AppError('conflict', `Version ${current} is in force now, not ${args.basedOnVersion ?? 'none'}: rebase the draft first`, 'basedOnVersion');
  }
  const key = draftKey(agentId);
  const draft = getMatrixDraft(db, key) ?? null;
  putMatrixVersion(
    db,
    {
      version: current + 1,
      status: 'published',
      author: { id: agentId ?? '', name: (agentId && agentName(db, agentId)) || 'Agent' },
      savedAt: args.publishedAt,
      publishedAt: args.publishedAt,
      changeSummary: args.changeSummary,
      basedOnVersion: args.basedOnVersion,
      document: args.document,
    },
    'pending',
    mutationId,
  );
  deleteMatrixDraft(db, key);
  return { draft };
}

/**
 * The local applier of `matrix/publish`. A publish belongs to no ticket's timeline (a pull never
 * replaces what it made: the backend's version takes its number), so it is never re-applied; a
 * refusal undoes it: the pending version goes (unless the backend's own version took the number
 * meanwhile) and the draft comes back, unless the agent saved a newer one since.
 */
export const publishMatrixApplier: LocalApplier = {
  timelineOf: () => null,
  touch: () => {},
  reapply({ db, agentId }, entry: OutboxEntry) {
    const parsed = mutations['matrix/publish'].args.safeParse(entry.args);
    if (!parsed.success) throw new AppError('validation', parsed.error.issues[0]?.message ?? 'Invalid args', 'args');
    return applyPublish(db, agentId, parsed.data, entry.mutationId);
  },
  rollback({ db, agentId }, entry: OutboxEntry, final) {
    if (!final) return;
    const args = entry.args as { basedOnVersion?: unknown } | null;
    const basedOn = typeof args?.basedOnVersion === 'number' ? args.basedOnVersion : 0;
    removePendingMatrixVersion(db, basedOn + 1, entry.mutationId);
    const before = entry.before as Partial<PublishBefore> | null;
    const key = draftKey(agentId);
    if (before?.draft && !getMatrixDraft(db, key)) putMatrixDraft(db, key, before.draft);
  },
};
