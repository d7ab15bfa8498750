// A bulk load killed mid-slice (SIGKILL, in a child process) and the store opened again.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { bulkLoadScratchFile } from './bulk-load-worker';
import { openStore, type Db } from './db';
import { BULK_LOAD_META_KEY } from './queries/bulk-load';
import { getMeta } from './queries/meta';
import { makeTempDir, removeTempDir } from './test-builders';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The child: a world of three tickets, then a load of 50 tickets per slice with their messages
// staged on the worker. Two slices commit; the third commits on the worker, writes into the
// store (with a cache so small that pages spill into the file before the commit, so the
// rollback journal is hot) and the process is killed before the store commits it.
const CHILD = `
import { BulkLoadWorker } from '${root}/src/main/store/bulk-load-worker';
import { openStore } from '${root}/src/main/store/db';
import { detachForBulkLoad, enterBulkWriteMode } from '${root}/src/main/store/queries/bulk-load';
import { MESSAGE_COLUMNS, messageToRow } from '${root}/src/main/store/queries/messages';
import { addTicket, addWorld } from '${root}/src/main/store/test-builders';
import { newId } from '${root}/src/shared/domain/ids';

const db = openStore(process.argv[2]);
const world = addWorld(db, { tickets: 3 });
enterBulkWriteMode(db);
const detached = db.transaction(() => detachForBulkLoad(db, { tables: ['customers', 'tickets', 'messages', 'calls'], indexes: ['tickets_by_requester'] }))();
const worker = BulkLoadWorker.start(db, detached, ['messages']);
if (!worker) throw new Error('no worker');
const columns = MESSAGE_COLUMNS.split(', ');
let rowid = worker.firstRowidOf('messages');
function slice(n) {
  const rows = [];
  for (let i = 0; i < 50; i++) {
    const ticket = addTicket(db, { requesterId: world.customer.id, subject: 'Slice ' + n + ' ticket ' + i, tags: ['slice-' + n] });
    rows.push(messageToRow({ ...world.messages[0], id: newId(), ticketId: ticket.id, body: 'quince of slice ' + n }));
  }
  worker.stage('messages', columns, rowid, columns.map((column) => rows.map((row) => row[column])));
  rowid += rows.length;
  if (!worker.commitSlice()) throw new Error('the worker failed');
}
db.transaction(() => slice(0))();
db.transaction(() => slice(1))();
db.pragma('cache_size = 10');
db.exec('BEGIN');
slice(2);
for (let i = 0; i < 2000; i++) addTicket(db, { requesterId: world.customer.id, subject: 'Filler ' + i });
process.kill(process.pid, 'SIGKILL');
`;

let dir: string;
let db: Db | null = null;

beforeEach(() => {
  dir = makeTempDir('sc-bulk-crash-');
});

afterEach(() => {
  db?.close();
  removeTempDir(dir);
});

test('finishes a bulk load killed midway when the store opens: the committed slices with their staged rows, nothing of the slice that died', () => {
  const file = path.join(dir, 'store.db');
  const script = path.join(dir, 'load.ts');
  fs.writeFileSync(script, CHILD);
  const child = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [script, file], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SC_LOG: 'silent' } });
  const left = {
    // tsx runs the script in a child of its own and passes the kill on as exit status 128 + 9.
    killed: child.signal === 'SIGKILL' || child.status === 137,
    hotJournal: fs.existsSync(`${file}-journal`) && fs.statSync(`${file}-journal`).size > 0,
    scratch: fs.existsSync(bulkLoadScratchFile(file)),
  };
  db = openStore(file);
  const count = (sql: string) => (db!.prepare(sql).get() as { n: number }).n;
  for (const table of ['tickets_search', 'messages_search', 'customers_search']) db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`);
  expect({
    left,
    stderr: child.stderr.includes('Error') ? child.stderr : '',
    integrity: db.pragma('integrity_check', { simple: true }),
    journal: db.pragma('journal_mode', { simple: true }),
    pending: getMeta(db, BULK_LOAD_META_KEY),
    scratchLeft: fs.existsSync(bulkLoadScratchFile(file)),
    tickets: count('SELECT count(*) AS n FROM tickets'),
    messages: count('SELECT count(*) AS n FROM messages'),
    orphans: count('SELECT count(*) AS n FROM messages WHERE ticket_id NOT IN (SELECT id FROM tickets)'),
    quince: count("SELECT count(*) AS n FROM messages_search WHERE messages_search MATCH 'quince'"),
    tagged: count("SELECT count(*) AS n FROM ticket_tags WHERE tag IN ('slice-0', 'slice-1', 'slice-2')"),
    indexes: count("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND name = 'tickets_by_requester'"),
    triggers: count("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name = 'messages_search_insert'"),
  }).toEqual({
    left: { killed: true, hotJournal: true, scratch: true },
    stderr: '',
    integrity: 'ok',
    journal: 'wal',
    pending: undefined,
    scratchLeft: false,
    tickets: 103,
    messages: 103,
    orphans: 0,
    quince: 100,
    tagged: 100,
    indexes: 1,
    triggers: 1,
  });
}, 90_000);
