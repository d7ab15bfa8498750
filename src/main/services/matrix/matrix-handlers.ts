import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import type { matrixMethods } from '../../../shared/contract/matrix-methods';
import type { MatrixService } from './matrix-service';

type MatrixMethodName = keyof typeof matrixMethods;
type MatrixHandlers = { [M in MatrixMethodName]: (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

/** The contract's matrix and SLA methods. */
export function matrixHandlers(matrix: MatrixService): MatrixHandlers {
  return {
    'matrix/get': () => matrix.get(),
    'matrix/list-versions': () => matrix.listVersions(),
    'matrix/get-version': (input) => matrix.getVersion(input),
    'matrix/diff': (input) => matrix.diff(input),
    'matrix/save-draft': (input) => matrix.saveDraft(input),
    'matrix/discard-draft': () => matrix.discardDraft(),
    'matrix/rebase-draft': () => matrix.rebaseDraft(),
    'matrix/preview': (input) => matrix.preview(input),
    'matrix/publish': (input) => matrix.publish(input),
    'ticket/get-sla': (input) => matrix.getSla(input),
  };
}
