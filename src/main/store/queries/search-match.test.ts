import { expect, test } from 'vitest';
import { buildFtsMatch, ftsString } from './search-match';
import { parseSearchQuery } from '../../../shared/search/query-parser';

test('quotes text as one FTS5 string, doubling quotes', () => {
  expect(ftsString('say "hi"')).toBe('"say ""hi"""');
});

test.each<[string, { include: string | null; exclude: string | null }]>([
  ['refund', { include: '"refund"', exclude: null }],
  ['C++ NOT', { include: '"C++"', exclude: null }],
  ["can't e-mail", { include: `"can't" AND "e-mail"`, exclude: null }],
  ['refu* "exact phrase"', { include: '"refu" * AND "exact phrase"', exclude: null }],
  ['a OR b c', { include: '("a" OR "b") AND "c"', exclude: null }],
  ['invoice -vat -"credit note"', { include: '"invoice"', exclude: '"vat" OR "credit note"' }],
  ['-refund', { include: null, exclude: '"refund"' }],
  ['NEAR(one two)', { include: '"NEAR" AND "one" AND "two"', exclude: null }],
  ['{subject body}: x', { include: '"{subject" AND "body}:" AND "x"', exclude: null }],
])('builds the MATCH of %j from quoted strings only', (query, expected) => {
  const { include, exclude } = buildFtsMatch(parseSearchQuery(query).clauses);
  expect({ include, exclude }).toEqual(expected);
});
