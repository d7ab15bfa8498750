// What the user is told when the local store cannot be opened. Pure, so the wording is tested
// without the Electron binary; window-less, because the app quits right after.
import type { ErrorBody } from '../../shared/contract/errors';

/** The message box shown for a store error, in the shape of Electron's MessageBoxOptions. */
export interface StoreErrorDialog {
  type: 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** The button that reveals the data file in the file manager. */
  showFileId: number;
  defaultId: number;
  cancelId: number;
}

/** The dialog for a store that is damaged (`store-corrupt`) or written by a newer app (`store-newer`). */
export function storeErrorDialog(error: ErrorBody, storeFile: string): StoreErrorDialog {
  const newer = error.code === 'store-newer';
  const message = newer
    ? 'Your local data was saved by a newer version of Support Console.'
    : 'Your local data file is damaged and cannot be opened.';
  const whatToDo = newer
    ? 'Install the newer version of Support Console, then start it again.'
    : 'Quit, move the file aside (or restore a backup of it), then start Support Console again to rebuild it.';
  return {
    type: 'error',
    title: 'Support Console cannot start',
    message,
    detail: `${whatToDo}\n\nThe file was left untouched:\n${storeFile}\n\n${error.message}`,
    buttons: ['Show the file', 'Quit'],
    showFileId: 0,
    defaultId: 1,
    cancelId: 1,
  };
}
