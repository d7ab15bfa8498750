// The published versions of the escalation matrix as both the desktop and the backend keep them:
// the first version every team starts with, and who is allowed to publish.
import { AppError } from '../contract/errors';
import { DEFAULT_MATRIX } from './escalation-matrix/default-matrix';
import type { MatrixProblem } from './escalation-matrix/validate';
import type { MatrixAuthor, MatrixVersion } from './escalation-matrix/schema';
import type { Role } from './team';

/** The author of what Support Console writes itself (the default matrix, escalations by the SLA scheduler). */
export const SYSTEM_AUTHOR: MatrixAuthor = { id: '00000000-0000-7000-8000-000000000000', name: 'Support Console' };

/** The roles that may publish a matrix version: team leads and admins. */
export const MATRIX_PUBLISHERS: readonly Role[] = ['lead', 'admin'];

/** Whether a role may publish a matrix version. */
export function mayPublishMatrix(role: Role | null | undefined): boolean {
  return role != null && MATRIX_PUBLISHERS.includes(role);
}

/** Version 1: {@link DEFAULT_MATRIX} as every team starts with it, published at `at` (epoch ms) by Support Console. */
export function defaultMatrixVersion(at: number): MatrixVersion {
  return {
    version: 1,
    status: 'published',
    author: SYSTEM_AUTHOR,
    savedAt: at,
    publishedAt: at,
    changeSummary: 'The default escalation matrix',
    basedOnVersion: null,
    document: DEFAULT_MATRIX,
  };
}

/** The problems of a document that block publishing (warnings do not). */
export function blockingProblems(problems: readonly MatrixProblem[]): MatrixProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/**
 * The `validation` refusal of a publish that breaks rules: every problem in `details.problems`,
 * the first error's path under `fieldPrefix` as the field. The desktop and the backend refuse alike.
 */
export function invalidMatrixError(problems: readonly MatrixProblem[], fieldPrefix = 'document'): AppError {
  const errors = blockingProblems(problems);
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new AppError(
    'validation',
    first ? `The matrix breaks a rule: ${first.message}${more}` : 'The matrix breaks a rule',
    first ? `${fieldPrefix}.${first.path}` : fieldPrefix,
    { problems },
  );
}
