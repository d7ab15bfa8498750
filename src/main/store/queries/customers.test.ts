import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStore, type Db } from '../db';
import { makeTempDir, removeTempDir } from '../test-builders';
import { CUSTOMER_PREFIX_SQL } from './customers';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = makeTempDir();
  db = openStore(path.join(dir, 'support-console.db'));
});
afterEach(() => {
  db.close();
  removeTempDir(dir);
});

test.each([
  ['name', 'customers_by_name'],
  ['email', 'customers_by_email'],
] as const)('finds customers by a %s prefix through %s, a range of the index rather than a scan', (column, index) => {
  const plan = db
    .prepare<[string, number], { detail: string }>(`EXPLAIN QUERY PLAN ${CUSTOMER_PREFIX_SQL[column]}`)
    .all('ann%', 20)
    .map((row) => row.detail);
  expect(plan[0]).toBe(`SEARCH customers USING INDEX ${index} (${column}>? AND ${column}<?)`);
});
