import { describe, expect, test } from 'vitest';
import { parseSearchQuery } from './query-parser';
import type { ParsedSearchQuery, SearchClause, SearchFilter, SearchTerm } from './query-ast';

const word = (text: string, negated = false): SearchTerm => ({ kind: 'word', text, negated });
const phrase = (text: string, negated = false): SearchTerm => ({ kind: 'phrase', text, negated });
const prefix = (text: string, negated = false): SearchTerm => ({ kind: 'prefix', text, negated });
const term = (t: SearchTerm): SearchClause => ({ type: 'term', term: t });
const or = (...terms: SearchTerm[]): SearchClause => ({ type: 'or', terms });
const parsed = (clauses: SearchClause[], filters: SearchFilter[] = [], problems: ParsedSearchQuery['problems'] = []): ParsedSearchQuery => ({
  clauses,
  filters,
  problems,
});

describe('parseSearchQuery', () => {
  test.each<[string, ParsedSearchQuery]>([
    ['printer offline', parsed([term(word('printer')), term(word('offline'))])],
    ['"exact phrase"', parsed([term(phrase('exact phrase'))])],
    ['"refund"', parsed([term(phrase('refund'))])],
    ['refu*', parsed([term(prefix('refu'))])],
    ['"exact phr"*', parsed([term(prefix('exact phr'))])],
    ['-refund', parsed([term(word('refund', true))])],
    ['-"bad thing"', parsed([term(phrase('bad thing', true))])],
    ['NOT refund', parsed([term(word('refund', true))])],
    ['+refund', parsed([term(word('refund'))])],
    ['refund OR invoice', parsed([or(word('refund'), word('invoice'))])],
    ['a OR b OR c d', parsed([or(word('a'), word('b'), word('c')), term(word('d'))])],
    ['one AND two', parsed([term(word('one')), term(word('two'))])],
    ['rock and roll', parsed([term(word('rock')), term(word('and')), term(word('roll'))])],
    ["can't login", parsed([term(phrase("can't")), term(word('login'))])],
    ['e-mail', parsed([term(phrase('e-mail'))])],
    ['C++ C#', parsed([term(word('C++')), term(word('C#'))])],
    ['v1.2.3', parsed([term(phrase('v1.2.3'))])],
    ['foo:bar', parsed([term(phrase('foo:bar'))])],
    ['subject:invoice', parsed([term(phrase('subject:invoice'))])],
    ['café', parsed([term(word('café'))])],
    ['請求書', parsed([term(word('請求書'))])],
    ['فاتورة', parsed([term(word('فاتورة'))])],
    ['🔥 outage', parsed([term(word('outage'))])],
    ['a + b', parsed([term(word('a')), term(word('b'))])],
    ['(refund)', parsed([term(word('refund'))])],
    ['*fund', parsed([term(word('fund'))])],
    ['"unterminated phrase', parsed([term(phrase('unterminated phrase'))])],
  ])('reads %j as its terms', (input, expected) => {
    expect(parseSearchQuery(input)).toEqual(expected);
  });

  test.each<[string, SearchFilter[]]>([
    ['status:open', [{ field: 'status', values: ['open'], negated: false }]],
    ['status:unsolved', [{ field: 'status', values: ['new', 'open', 'pending', 'on-hold'], negated: false }]],
    ['-status:closed', [{ field: 'status', values: ['closed'], negated: true }]],
    ['priority:URGENT', [{ field: 'priority', value: 'urgent', negated: false }]],
    ['tag:Billing', [{ field: 'tag', value: 'billing', negated: false }]],
    ['level:L2 level:3', [{ field: 'level', value: 'L2', negated: false }, { field: 'level', value: 'L3', negated: false }]],
    ['channel:email', [{ field: 'channel', value: 'email', negated: false }]],
    ['plan:enterprise', [{ field: 'plan', value: 'enterprise', negated: false }]],
    ['category:x', [{ field: 'category', value: 'x', negated: false }]],
    ['assignee:me', [{ field: 'assignee', value: { kind: 'me' }, negated: false }]],
    ['assignee:none', [{ field: 'assignee', value: { kind: 'none' }, negated: false }]],
    ['assignee:"Ada Agent"', [{ field: 'assignee', value: { kind: 'name', name: 'Ada Agent' }, negated: false }]],
    ['group:"Helpdesk Europe"', [{ field: 'group', value: 'Helpdesk Europe', negated: false }]],
    ['requester:Ana@Example.com', [{ field: 'requester', value: { kind: 'email', email: 'ana@example.com' }, negated: false }]],
    ['requester:ana', [{ field: 'requester', value: { kind: 'words', text: 'ana' }, negated: false }]],
    ['#123', [{ field: 'number', value: 123, negated: false }]],
    ['number:45', [{ field: 'number', value: 45, negated: false }]],
    ['created:>2026-01-01', [{ field: 'created', value: { fromDay: '2026-01-02', toDay: null }, negated: false }]],
    ['created:>=2026-01-01', [{ field: 'created', value: { fromDay: '2026-01-01', toDay: null }, negated: false }]],
    ['created:<2026-01-01', [{ field: 'created', value: { fromDay: null, toDay: '2026-01-01' }, negated: false }]],
    ['created:<=2026-01-31', [{ field: 'created', value: { fromDay: null, toDay: '2026-02-01' }, negated: false }]],
    ['created:2026-01-01..2026-02-01', [{ field: 'created', value: { fromDay: '2026-01-01', toDay: '2026-02-02' }, negated: false }]],
    ['updated:2026-02-28', [{ field: 'updated', value: { fromDay: '2026-02-28', toDay: '2026-03-01' }, negated: false }]],
    ['updated:2026-01-01..', [{ field: 'updated', value: { fromDay: '2026-01-01', toDay: null }, negated: false }]],
  ])('reads the filter %j', (input, filters) => {
    expect(parseSearchQuery(input)).toEqual(parsed([], filters));
  });

  test('keeps filters and terms apart when they are mixed', () => {
    expect(parseSearchQuery('status:open refund priority:urgent')).toEqual(
      parsed(
        [term(word('refund'))],
        [
          { field: 'status', values: ['open'], negated: false },
          { field: 'priority', value: 'urgent', negated: false },
        ],
      ),
    );
  });

  test('explains an unknown status and keeps the rest of the query', () => {
    expect(parseSearchQuery('status:flying refund')).toEqual(
      parsed(
        [term(word('refund'))],
        [],
        [
          {
            code: 'invalid-value',
            params: { field: 'status', value: 'flying', allowed: ['new', 'open', 'pending', 'on-hold', 'solved', 'closed', 'unsolved'] },
          },
        ],
      ),
    );
  });

  test.each<[string, ParsedSearchQuery['problems']]>([
    ['created:yesterday', [{ code: 'invalid-date', params: { field: 'created', value: 'yesterday', example: 'created:>2026-01-31' } }]],
    ['created:2026-02-30', [{ code: 'invalid-date', params: { field: 'created', value: '2026-02-30', example: 'created:>2026-01-31' } }]],
    ['level:L7', [{ code: 'invalid-value', params: { field: 'level', value: 'L7', allowed: ['L1', 'L2', 'L3', 'L4'] } }]],
    ['number:abc', [{ code: 'invalid-value', params: { field: 'number', value: 'abc', allowed: [] } }]],
    ['status:', [{ code: 'empty-filter', params: { field: 'status' } }]],
    ['OR', [{ code: 'operator-ignored', params: { operator: 'OR' } }]],
    ['AND', [{ code: 'operator-ignored', params: { operator: 'AND' } }]],
    ['NOT', [{ code: 'operator-ignored', params: { operator: 'NOT' } }]],
    ['🔥', [{ code: 'nothing-to-search', params: {} }]],
    ['@', [{ code: 'nothing-to-search', params: {} }]],
    ['()', [{ code: 'nothing-to-search', params: {} }]],
    ['*', [{ code: 'nothing-to-search', params: {} }]],
    ['- +', [{ code: 'nothing-to-search', params: {} }]],
  ])('reports a problem for %j', (input, problems) => {
    expect(parseSearchQuery(input).problems).toEqual(problems);
  });

  test('ignores a trailing OR and says so', () => {
    expect(parseSearchQuery('refund OR')).toEqual(parsed([term(word('refund'))], [], [{ code: 'operator-ignored', params: { operator: 'OR' } }]));
  });

  test('does not OR an excluded term', () => {
    expect(parseSearchQuery('a OR -b')).toEqual(
      parsed([term(word('a')), term(word('b', true))], [], [{ code: 'operator-ignored', params: { operator: 'OR' } }]),
    );
  });

  test('searches a too short prefix as a whole word', () => {
    expect(parseSearchQuery('i*')).toEqual(parsed([term(word('i'))], [], [{ code: 'prefix-too-short', params: { value: 'i', min: 3 } }]));
  });

  test('accepts a one-ideograph prefix', () => {
    expect(parseSearchQuery('請*')).toEqual(parsed([term(prefix('請'))]));
  });

  test.each(['', '   ', '\t\n', '\u00A0\u3000'])('returns an empty query without problems for blank %j', (input) => {
    expect(parseSearchQuery(input)).toEqual(parsed([]));
  });

  test('drops zero-width characters inside a word', () => {
    expect(parseSearchQuery('in\u200Bvoice')).toEqual(parsed([term(word('invoice'))]));
  });

  test('treats control characters and NUL as spaces', () => {
    expect(parseSearchQuery('a\u0000b\u001Ac')).toEqual(parsed([term(word('a')), term(word('b')), term(word('c'))]));
  });

  test('cuts a query longer than 500 characters and says so', () => {
    const result = parseSearchQuery(`${'x'.repeat(499)}😀 tail`);
    expect(result).toEqual(parsed([term(word('x'.repeat(499)))], [], [{ code: 'query-too-long', params: { max: 500 } }]));
  });

  test('keeps the first 32 terms and says so', () => {
    const query = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    const result = parseSearchQuery(query);
    expect(result.clauses).toEqual(Array.from({ length: 32 }, (_, i) => term(word(`w${i}`))));
    expect(result.problems).toEqual([{ code: 'too-many-parts', params: { max: 32 } }]);
  });

  test('turns a lone surrogate into a space', () => {
    expect(parseSearchQuery('a\uD800b')).toEqual(parsed([term(word('a')), term(word('b'))]));
  });
});
