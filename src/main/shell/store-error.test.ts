import { expect, test } from 'vitest';
import { storeErrorDialog } from './store-error';

const file = '/home/agent/.config/Support Console/support-console.db';

test('tells the user to install the newer version when the store is newer', () => {
  expect(storeErrorDialog({ code: 'store-newer', message: 'schema 9, this version knows 1' }, file)).toEqual({
    type: 'error',
    title: 'Support Console cannot start',
    message: 'Your local data was saved by a newer version of Support Console.',
    detail: `Install the newer version of Support Console, then start it again.\n\nThe file was left untouched:\n${file}\n\nschema 9, this version knows 1`,
    buttons: ['Show the file', 'Quit'],
    showFileId: 0,
    defaultId: 1,
    cancelId: 1,
  });
});

test('tells the user to move the file aside when the store is corrupt', () => {
  expect(storeErrorDialog({ code: 'store-corrupt', message: 'damaged' }, file)).toEqual({
    type: 'error',
    title: 'Support Console cannot start',
    message: 'Your local data file is damaged and cannot be opened.',
    detail: `Quit, move the file aside (or restore a backup of it), then start Support Console again to rebuild it.\n\nThe file was left untouched:\n${file}\n\ndamaged`,
    buttons: ['Show the file', 'Quit'],
    showFileId: 0,
    defaultId: 1,
    cancelId: 1,
  });
});
