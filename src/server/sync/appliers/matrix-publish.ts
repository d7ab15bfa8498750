import { AppError } from '../../../shared/contract/errors';
import { validateMatrix } from '../../../shared/domain/escalation-matrix/validate';
import { blockingProblems, defaultMatrixVersion, invalidMatrixError, mayPublishMatrix } from '../../../shared/domain/matrix-versions';
import { clampToNow, type Applier } from '../apply-context';

/**
 * `matrix/publish`: a lead or admin publishes the next version of the escalation matrix. The
 * document's rules are checked again with the shared `validateMatrix` (every problem comes back
 * in the rejection's details); the version it was edited from must still be the one in force
 * (DESIGN.md §4), else `conflict` and the desktop keeps the draft for the lead to rebase. The
 * head of the versions is locked, so two leads publishing at once are served one after the other.
 */
export const applyMatrixPublish: Applier<'matrix/publish'> = async (ctx, args) => {
  const { tx, actor } = ctx;
  // The mutation table allows leads and admins only; checked here too, as the rule of this applier.
  if (!mayPublishMatrix(actor.role)) throw new AppError('forbidden', 'Only team leads and admins publish the escalation matrix');
  const problems = validateMatrix(args.document);
  if (blockingProblems(problems).length > 0) throw invalidMatrixError(problems, 'args.document');
  let head = await tx.sla.lockMatrixHead();
  if (head === 0) {
    // A team that never published starts from the default matrix as version 1.
    await tx.sla.publishMatrixVersion(defaultMatrixVersion(tx.now));
    head = 1;
  }
  if ((args.basedOnVersion ?? 0) !== head) {
    throw new AppError(
      'conflict',
      `Version ${head} of the matrix was published after this draft was started from ${args.basedOnVersion === null ? 'nothing' : `version ${args.basedOnVersion}`}: rebase the draft and publish again`,
      'args.basedOnVersion',
    );
  }
  const at = clampToNow(ctx, args.publishedAt);
  const version = head + 1;
  await tx.sla.publishMatrixVersion({
    version,
    status: 'published',
    author: { id: actor.accountId, name: actor.name },
    savedAt: at,
    publishedAt: at,
    changeSummary: args.changeSummary,
    basedOnVersion: args.basedOnVersion,
    document: args.document,
  });
  await tx.audit({ actorId: actor.accountId, action: 'matrix-published', entity: 'matrix', entityId: String(version), data: { basedOnVersion: args.basedOnVersion } });
};
