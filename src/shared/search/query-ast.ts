// The search box's query language as data: what the parser produces and the store compiles.
// Pure types and limits; no user text ever reaches SQL or FTS5 syntax except through the
// store's one quoting function.
import type { Channel, SupportLevel, TicketPriority, TicketStatus } from '../domain/ticket';
import type { SupportPlan } from '../domain/customer';

/** The longest query the parser reads, in UTF-16 code units; the rest is cut off with a problem. */
export const MAX_QUERY_CHARS = 500;

/** The most terms plus filters one query keeps; later ones are dropped with a problem. */
export const MAX_QUERY_PARTS = 32;

/**
 * The fewest letters the last word of a prefix (`refu*`) needs; one ideograph is enough. FTS5
 * reads every document of every word with the prefix, so `a*` would read most of the index.
 */
export const MIN_PREFIX_CHARS = 3;

/** How a term matches: a whole word, an exact phrase (several words in order), or a word prefix (`refu*`). */
export type SearchTermKind = 'word' | 'phrase' | 'prefix';

/**
 * One piece of free text. `text` is what the user typed for it (quotes, `-` and `*` removed);
 * the store's tokenizer splits it into words, so `e-mail` is the phrase "e mail". `negated`
 * excludes it (`-refund`, `NOT refund`).
 */
export interface SearchTerm {
  kind: SearchTermKind;
  text: string;
  negated: boolean;
}

/** One clause of the query: a single term, or positive terms joined by `OR` (any one matches). */
export type SearchClause = { type: 'term'; term: SearchTerm } | { type: 'or'; terms: SearchTerm[] };

/** A calendar day as `YYYY-MM-DD`, read in the agent's time zone when the query runs. */
export type CalendarDay = string;

/** A half-open day range `[fromDay, toDay)`; a missing end is open. */
export interface DayRange {
  fromDay: CalendarDay | null;
  toDay: CalendarDay | null;
}

/** Who `assignee:` names: the signed-in agent, nobody, or agents whose name matches. */
export type AssigneeValue = { kind: 'me' } | { kind: 'none' } | { kind: 'name'; name: string };

/** Who `requester:` names: an exact email address, or the words of a name (or part of an email). */
export type RequesterValue = { kind: 'email'; email: string } | { kind: 'words'; text: string };

/**
 * A field filter on the ticket. Several filters on the same field match when any of them does
 * (`status:open status:pending`); filters on different fields must all match. `negated`
 * (`-status:closed`) keeps the tickets the filter would not.
 */
export type SearchFilter = { negated: boolean } & (
  | { field: 'status'; values: TicketStatus[] }
  | { field: 'priority'; value: TicketPriority }
  | { field: 'channel'; value: Channel }
  | { field: 'level'; value: SupportLevel }
  | { field: 'plan'; value: SupportPlan }
  | { field: 'tag'; value: string }
  | { field: 'category'; value: string }
  | { field: 'group'; value: string }
  | { field: 'assignee'; value: AssigneeValue }
  | { field: 'requester'; value: RequesterValue }
  | { field: 'number'; value: number }
  | { field: 'created'; value: DayRange }
  | { field: 'updated'; value: DayRange }
);

/** The name of a filterable field. */
export type SearchFilterField = SearchFilter['field'];

/** Codes of what the user should be told about a query; the renderer turns code + params into words. */
export const SEARCH_PROBLEM_CODES = [
  /** The query was cut at `max` characters. */
  'query-too-long',
  /** Only the first `max` terms and filters were used. */
  'too-many-parts',
  /** `value` is not a valid `field`; `allowed` lists the valid ones (e.g. `status:flying`). */
  'invalid-value',
  /** `value` is not a date `field` understands; `example` shows one that is. */
  'invalid-date',
  /** `field:` has no value. */
  'empty-filter',
  /** An `operator` (AND, OR, NOT) had nothing to join and was ignored. */
  'operator-ignored',
  /** `value*` searched the whole word: a prefix needs at least `min` letters (short ones match too much). */
  'prefix-too-short',
  /** The query has characters but nothing searchable (only symbols or emoji). */
  'nothing-to-search',
  /** No agent's name matches `value` in `assignee:`; the filter was ignored. */
  'unknown-agent',
  /** No group's name matches `value` in `group:`; the filter was ignored. */
  'unknown-group',
  /** `assignee:me` while nobody is signed in; the filter was ignored. */
  'not-signed-in',
] as const;

/** A problem code from {@link SEARCH_PROBLEM_CODES}. */
export type SearchProblemCode = (typeof SEARCH_PROBLEM_CODES)[number];

/** Something the user should know about their query: a code for i18n plus its parameters. */
export interface SearchProblem {
  code: SearchProblemCode;
  params: Record<string, string | number | string[]>;
}

/** A parsed query: clauses that must all match in one document, ticket filters, and problems to show. */
export interface ParsedSearchQuery {
  clauses: SearchClause[];
  filters: SearchFilter[];
  problems: SearchProblem[];
}
