import { focusTarget } from '../../components/focus-targets';
import { useScreenStore } from '../workspace/screen-store';
import { useMatrixStore, type MatrixTab } from './matrix-store';

/** Shows the escalation matrix screen (on a tab, when given). */
export function openMatrix(tab?: MatrixTab): void {
  if (tab) useMatrixStore.getState().setTab(tab);
  useScreenStore.getState().show('matrix');
}

/** Back to the ticket panes, with focus on the list. */
export function closeMatrix(): void {
  useScreenStore.getState().show('tickets');
  // After the panes have mounted again.
  setTimeout(() => focusTarget('list'), 0);
}
