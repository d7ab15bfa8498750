import { z } from 'zod';
import { ticketRowSchema } from '../domain/ticket';
import { MAX_QUERY_CHARS, SEARCH_PROBLEM_CODES } from './query-ast';

/** How search results are ordered: newest match first, or best match (bm25) first. */
export const SEARCH_SORTS = ['newest', 'ranked'] as const;
/** A search order from {@link SEARCH_SORTS}. */
export const searchSortSchema = z.enum(SEARCH_SORTS);
/** A search order. */
export type SearchSort = z.infer<typeof searchSortSchema>;

/** The largest page of search results. */
export const MAX_SEARCH_PAGE_SIZE = 100;
/** The page size when the caller names none. */
export const DEFAULT_SEARCH_PAGE_SIZE = 50;

/** How many of the newest matches per source a ranked search ranks; it pages within them. */
export const RANKED_MATCH_LIMIT = 2000;

/**
 * Where the next page of a search starts. `newest`: the rowid each walked index reached (the
 * next page reads below it) and the requester walk's keyset; `tickets`: the keyset of a search
 * by filters alone (as in the ticket list); `ranked`: the offset in the ranked list.
 */
export const searchCursorSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('newest'),
      subject: z.number().int().min(0),
      message: z.number().int().min(0),
      customer: z.object({ updatedAt: z.number().int(), id: z.string().max(100) }).strict(),
    })
    .strict(),
  z.object({ kind: z.literal('tickets'), updatedAt: z.number().int(), id: z.string().max(100) }).strict(),
  z
    .object({ kind: z.literal('ranked'), offset: z.number().int().min(0).max(RANKED_MATCH_LIMIT * 3) })
    .strict(),
]);
/** Where the next page of a search starts. */
export type SearchCursor = z.infer<typeof searchCursorSchema>;

/** What the user should be told about their query: a code for i18n and its parameters. */
export const searchProblemSchema = z.object({
  code: z.enum(SEARCH_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});

/** Where a ticket matched: its subject, one of its messages, or its requester's name or email. */
export const searchMatchedInSchema = z.enum(['subject', 'message', 'customer']);

/**
 * One search result. `snippet` is plain text with each matched word between U+0002 and U+0003
 * (the renderer makes those <mark>; no HTML is built from it); both it and `matchedIn` are null
 * when only filters were searched.
 */
export const searchHitSchema = z.object({
  ticket: ticketRowSchema,
  snippet: z.string().nullable(),
  matchedIn: searchMatchedInSchema.nullable(),
});
/** One search result. */
export type SearchHit = z.infer<typeof searchHitSchema>;

/** The input of `search/tickets`. */
export const searchInputSchema = z
  .object({
    query: z.string().max(MAX_QUERY_CHARS),
    sort: searchSortSchema.default('newest'),
    after: searchCursorSchema.nullable().optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_PAGE_SIZE).optional(),
  })
  .strict();

/** The output of `search/tickets`: one page of hits, where the next starts, and problems to show. */
export const searchOutputSchema = z.object({
  hits: z.array(searchHitSchema),
  next: searchCursorSchema.nullable(),
  problems: z.array(searchProblemSchema),
});
