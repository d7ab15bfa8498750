import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appContract, type MethodOutput } from '../../../shared/contract/app-contract';
import { makeTempDir, removeTempDir } from '../../store/test-builders';
import { buildSearchFixture, type SearchFixture } from './search-fixture';

let dir: string;
let fx: SearchFixture;

beforeAll(() => {
  dir = makeTempDir('sc-search-');
  // Listed oldest first: each ticket (and its messages) is newer than the one before.
  fx = buildSearchFixture(dir, [
    { key: 'login', subject: "I can't login since Monday", messages: ['The login page says my password is wrong.'] },
    { key: 'cannot', subject: 'Cannot log in', messages: ['I can not remember my password, please reset it'] },
    { key: 'email', subject: 'Change my e-mail address', messages: ['Please update the e-mail on file.'] },
    { key: 'cplusplus', subject: 'C++ SDK crashes', messages: ['The C++ client crashes on start.'] },
    { key: 'c', subject: 'Question about C', messages: ['Is the C library supported?'] },
    { key: 'phrase', subject: 'Exact phrase wanted', messages: ['This text holds the exact phrase we look for.'] },
    { key: 'reversed', subject: 'Phrase order', messages: ['Here the phrase is not exact at all.'] },
    { key: 'refund', subject: 'Request for a refund', requester: 'ana', messages: ['Please refund the duplicate payment.'] },
    { key: 'refunded', subject: 'Money back?', requester: 'ana', messages: ['Was it refunded already?'], status: 'solved' },
    { key: 'cafe', subject: 'Café menu export', messages: ['The cafe list export is empty.'] },
    {
      key: 'mixed',
      subject: 'Invoice wrong',
      messages: ['The invoice total is wrong.', 'We will refund the difference.'],
      priority: 'urgent',
    },
    { key: 'urgentClosed', subject: 'Urgent invoice question', priority: 'urgent', status: 'closed', messages: ['Invoice copy please.'] },
    { key: 'urgentOpen', subject: 'Printer offline', priority: 'urgent', status: 'open', tags: ['hardware'], assignee: 'ada' },
    { key: 'new2026', subject: 'Printer jammed again', createdDay: 400, requester: 'bob', assignee: 'ben', messages: ['The printer jammed.'] },
  ]);
});

afterAll(() => {
  fx.db.close();
  removeTempDir(dir);
});

type Output = MethodOutput<'search/tickets'>;

function search(query: string, sort: 'newest' | 'ranked' = 'newest', limit?: number): Output {
  return fx.search.search({ query, sort, ...(limit ? { limit } : {}) });
}

function keys(output: Output): string[] {
  return output.hits.map((hit) => fx.keyOf(hit.ticket.id));
}

describe('search semantics', () => {
  test("finds \"can't login\" when the words are typed with an apostrophe", () => {
    expect(keys(search("can't login"))).toEqual(['login']);
  });

  test('finds "e-mail" as a word pair, not a column filter', () => {
    expect(keys(search('e-mail'))).toEqual(['email']);
  });

  test('does not match a ticket that only says C when searching C++', () => {
    expect(keys(search('C++'))).toEqual(['cplusplus']);
  });

  test('matches a quoted phrase only with its words in order', () => {
    expect(keys(search('"exact phrase"'))).toEqual(['phrase']);
    expect(keys(search('exact phrase')).sort()).toEqual(['phrase', 'reversed']);
  });

  test('finds refund and refunded with the prefix refu*', () => {
    expect(keys(search('refu*'))).toEqual(['mixed', 'refunded', 'refund']);
  });

  test('finds cafe and café either way', () => {
    expect(keys(search('café'))).toEqual(['cafe']);
    expect(keys(search('cafe'))).toEqual(['cafe']);
  });

  test('excludes a ticket when any of its documents holds the excluded word', () => {
    // "mixed" says invoice in one message and refund in another: -refund rules the whole ticket out.
    expect(keys(search('invoice -refund'))).toEqual(['urgentClosed']);
  });

  test('lists the newest tickets without the word when only a word is excluded', () => {
    const all = keys(search('-printer', 'newest', 100));
    expect(all).toEqual(
      ['urgentClosed', 'mixed', 'cafe', 'refunded', 'refund', 'reversed', 'phrase', 'c', 'cplusplus', 'email', 'cannot', 'login'],
    );
  });

  test('keeps only open urgent tickets with status:open priority:urgent', () => {
    expect(keys(search('status:open priority:urgent'))).toEqual(['urgentOpen', 'mixed']);
  });

  test('combines a filter with words', () => {
    expect(keys(search('priority:urgent invoice'))).toEqual(['urgentClosed', 'mixed']);
    expect(keys(search('-status:closed invoice'))).toEqual(['mixed']);
  });

  test('keeps tickets created after a day with created:>', () => {
    expect(keys(search('created:>2026-01-01'))).toEqual(['new2026']);
    expect(keys(search('printer created:<2026-01-01'))).toEqual(['urgentOpen']);
  });

  test("finds Ana's tickets with requester:ana@example.com", () => {
    expect(keys(search('requester:ana@example.com'))).toEqual(['refunded', 'refund']);
    expect(keys(search('requester:ANA@EXAMPLE.COM refund'))).toEqual(['refund']);
  });

  test('finds a ticket by its requester’s name or email as free text', () => {
    const output = search('Bob');
    expect(output.hits.map((hit) => ({ key: fx.keyOf(hit.ticket.id), matchedIn: hit.matchedIn, snippet: hit.snippet }))).toEqual([
      { key: 'new2026', matchedIn: 'customer', snippet: '\u0002Bob\u0003 Stone <\u0002bob\u0003@example.org>' },
    ]);
  });

  test('filters on the signed-in agent with assignee:me, and on others by name', () => {
    expect(keys(search('assignee:me'))).toEqual(['urgentOpen']);
    expect(keys(search('assignee:müller'))).toEqual(['new2026']);
    expect(keys(search('assignee:none printer'))).toEqual([]);
  });

  test('filters on the requester’s plan and the channel, and negates a filter with -', () => {
    fx.db.prepare("UPDATE customers SET plan = 'enterprise' WHERE email = 'bob@example.org'").run();
    expect(keys(search('plan:enterprise'))).toEqual(['new2026']);
    expect(keys(search('channel:chat'))).toEqual([]);
    expect(keys(search('printer -assignee:ben'))).toEqual(['urgentOpen']);
  });

  test('finds a requester’s tickets by a word of their name', () => {
    expect(keys(search('requester:silva'))).toEqual(['refunded', 'refund']);
  });

  test('filters on a tag and a group by name', () => {
    expect(keys(search('tag:hardware'))).toEqual(['urgentOpen']);
    expect(keys(search('group:helpdesk printer'))).toEqual(['new2026', 'urgentOpen']);
  });

  test('explains a group nobody has and ignores that filter', () => {
    const output = search('group:nowhere printer');
    expect({ keys: keys(output), problems: output.problems }).toEqual({
      keys: ['new2026', 'urgentOpen'],
      problems: [{ code: 'unknown-group', params: { value: 'nowhere' } }],
    });
  });

  test('explains an unknown status with the statuses there are', () => {
    expect(search('status:flying').problems).toEqual([
      {
        code: 'invalid-value',
        params: { field: 'status', value: 'flying', allowed: ['new', 'open', 'pending', 'on-hold', 'solved', 'closed', 'unsolved'] },
      },
    ]);
  });

  test('finds a ticket by number with #', () => {
    fx.db.prepare('UPDATE tickets SET number = 4471 WHERE id = ?').run(fx.ids.cafe);
    expect(keys(search('#4471'))).toEqual(['cafe']);
    expect(keys(search('#4471 export'))).toEqual(['cafe']);
  });
});

describe('search results', () => {
  test('puts the markers around the matched word in a message snippet', () => {
    const hit = search('duplicate').hits[0];
    expect({ matchedIn: hit?.matchedIn, snippet: hit?.snippet }).toEqual({
      matchedIn: 'message',
      snippet: 'Please refund the \u0002duplicate\u0003 payment.',
    });
  });

  test('highlights the whole subject when the subject matched', () => {
    const hit = search('again').hits[0];
    expect({ matchedIn: hit?.matchedIn, snippet: hit?.snippet }).toEqual({ matchedIn: 'subject', snippet: 'Printer jammed \u0002again\u0003' });
  });

  test('returns ticket rows like the ticket list, with no snippet for filters alone', () => {
    const hit = search('tag:hardware').hits[0];
    expect(hit).toMatchObject({ snippet: null, matchedIn: null, ticket: { subject: 'Printer offline', requesterName: 'Carla Customer', assigneeName: 'Ada Agent' } });
  });

  test('ranks the shorter subject first when two subjects hold the word', () => {
    // bm25 weighs a match in a short text more: "Printer offline" before "Printer jammed again".
    expect(keys(search('printer', 'ranked'))).toEqual(['urgentOpen', 'new2026']);
  });

  test('orders newest first by when the matched text was written', () => {
    expect(keys(search('printer'))).toEqual(['new2026', 'urgentOpen']);
  });

  test('answers an empty query with nothing and no problems', () => {
    expect(search('   ')).toEqual({ hits: [], next: null, problems: [] });
  });

  test('pages newest-first results without repeating or skipping a ticket', () => {
    const seen: string[] = [];
    let after: Output['next'] = null;
    let pages = 0;
    do {
      const page: Output = fx.search.search({ query: 'the', sort: 'newest', limit: 2, after });
      seen.push(...keys(page));
      after = page.next;
      pages++;
    } while (after && pages < 50);
    const all = keys(search('the', 'newest', 100));
    expect({ seen: [...seen].sort(), unique: new Set(seen).size }).toEqual({ seen: [...all].sort(), unique: all.length });
  });

  test('pages ranked results without repeating a ticket', () => {
    const first = fx.search.search({ query: 'the', sort: 'ranked', limit: 3 });
    const second = fx.search.search({ query: 'the', sort: 'ranked', limit: 3, after: first.next });
    const all = keys(search('the', 'ranked', 100));
    expect([...keys(first), ...keys(second)]).toEqual(all.slice(0, 6));
  });

  test('answers in the shape the contract declares, cursors included', () => {
    const outputs = ['refund', 'status:open', '-printer', 'Bob', 'status:flying'].flatMap((query) =>
      (['newest', 'ranked'] as const).map((sort) => fx.search.search({ query, sort, limit: 1 })),
    );
    for (const output of outputs) expect(appContract['search/tickets'].output.parse(output)).toEqual(output);
    expect(outputs.filter((output) => output.next !== null).length).toBeGreaterThan(0);
  });

  test('refuses a query longer than 500 characters at the contract', () => {
    expect(appContract['search/tickets'].input.safeParse({ query: 'x'.repeat(501) }).success).toBe(false);
    expect(appContract['search/tickets'].input.parse({ query: 'x' })).toEqual({ query: 'x', sort: 'newest' });
  });

  test('rejects a cursor of another sort order as a validation error', () => {
    const first = fx.search.search({ query: 'the', sort: 'ranked', limit: 1 });
    expect(() => fx.search.search({ query: 'the', sort: 'newest', after: first.next })).toThrow(/different search/);
  });
});
