// Every string people (and attackers) type goes through the real search against a real FTS5
// store: it must come back with results or problems, never an exception. The corpora live beside
// the repository (DESIGN.md §7a): SQLite's own FTS5 parser cases plus typical support searches,
// and the Big List of Naughty Strings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, removeTempDir } from '../../store/test-builders';
import { buildSearchFixture, type SearchFixture } from './search-fixture';

const corpora = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpora');
const casesFile = path.join(corpora, 'fts5-query-syntax/fts5-query-cases.json');
const blnsFile = path.join(corpora, 'blns/blns.json');
const haveCorpora = fs.existsSync(casesFile) && fs.existsSync(blnsFile);

const ftsCases: { id: string; query: string }[] = haveCorpora
  ? (JSON.parse(fs.readFileSync(casesFile, 'utf8')) as { cases: { id: string; query: string }[] }).cases
  : [];
// blns cannot hold NUL, LF or CR (its README says so): added here.
const naughty: string[] = haveCorpora ? [...(JSON.parse(fs.readFileSync(blnsFile, 'utf8')) as string[]), '\u0000', 'a\nb', 'a\r\nb', '\u0000"'] : [];

let dir: string;
let fx: SearchFixture;

beforeAll(() => {
  dir = makeTempDir('sc-search-corpora-');
  fx = buildSearchFixture(dir, [
    { key: 'login', subject: "I can't login", messages: ['The e-mail with the C++ SDK link never came.'] },
    { key: 'refund', subject: 'Refund for order #12345', requester: 'ana', messages: ['50% off was promised; please refund $100.'] },
    { key: 'naughty', subject: '<script>alert(1)</script>', messages: ["x' OR 1=1 --", '🔥 outage in 請求書 فاتورة'] },
  ]);
});

afterAll(() => {
  fx.db.close();
  removeTempDir(dir);
});

/** Searches `query` both ways and checks the answer's shape; throws whatever the search throws. */
function searchBothWays(query: string): void {
  for (const sort of ['newest', 'ranked'] as const) {
    const output = fx.search.search({ query, sort });
    expect(Array.isArray(output.hits) && Array.isArray(output.problems)).toBe(true);
    if (output.next) fx.search.search({ query, sort, after: output.next });
  }
}

describe.skipIf(!haveCorpora)('the FTS5 query-syntax corpus', () => {
  test.each(ftsCases.map((c) => [c.id, c.query] as const))('answers case %s (%j) with results or problems', (_id, query) => {
    searchBothWays(query);
  });
});

describe.skipIf(!haveCorpora)('the Big List of Naughty Strings', () => {
  test.each(naughty.map((s, i) => [i, s] as const))('answers string %i (%j) with results or problems', (_i, query) => {
    searchBothWays(query);
  });
});

describe('search spot checks on the corpus fixture', () => {
  test('reads #12345 as a ticket number, not as text', () => {
    expect(fx.search.search({ query: '#12345', sort: 'newest' }).hits).toEqual([]);
  });

  test('finds "50% off" as the words 50 and off', () => {
    expect(fx.search.search({ query: '50% off', sort: 'newest' }).hits.map((h) => fx.keyOf(h.ticket.id))).toEqual(['refund']);
  });

  test('finds a script tag as plain words', () => {
    expect(fx.search.search({ query: '<script>alert(1)</script>', sort: 'newest' }).hits.map((h) => fx.keyOf(h.ticket.id))).toEqual([
      'naughty',
    ]);
  });
});

// Random strings: from the whole of Unicode, and from the pieces the query language is made of,
// so operators, quotes, filters and prefixes meet in every order.
const SEED = Number(process.env.SEARCH_FC_SEED ?? Date.now() % 2 ** 31);
const piece = fc.constantFrom(
  '"', '""', '-', '+', '*', '(', ')', ':', 'OR', 'AND', 'NOT', 'NEAR', 'status:', 'status:open', 'created:>', 'created:2026-01-01..',
  'assignee:', 'requester:', '#', '#1', 'tag:', 'group:"', 'refund', 'refu*', "can't", 'e-mail', 'C++', '^', '{', '}', ',', ';', '\\',
  '\u0000', '\u200B', '\u202E', '🔥', '請求', 'ß', ' ', '  ', '\t',
);

test(`never throws for random strings (fast-check seed ${SEED}; replay with SEARCH_FC_SEED)`, () => {
  const arbitrary = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 600 }),
    fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')),
    fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 30 }).map((pieces) => pieces.join(' ')),
  );
  fc.assert(
    fc.property(arbitrary, (query) => {
      searchBothWays(query);
    }),
    { seed: SEED, numRuns: 400 },
  );
});
