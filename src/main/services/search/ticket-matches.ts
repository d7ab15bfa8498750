// Which documents of a known, small set of tickets match an expression: their subjects, their
// messages, their requesters.
import type { Db } from '../../store/db';
import { matchingRowids, type TicketRowids } from '../../store/queries/search-lookups';

/** The documents of one ticket that match. */
export interface TicketMatches {
  subject: boolean;
  /** Rowids of the matching messages. */
  messageRowids: number[];
  customer: boolean;
}

/** Lowest rowids to look at, per index; documents below are ignored. */
export interface RowidFloors {
  subject: number;
  message: number;
}

/** For each ticket, which of its documents match `match`; with `floors`, only documents at or above them. */
export function ticketMatches(
  db: Db,
  tickets: readonly TicketRowids[],
  match: string,
  hasPrefix: boolean,
  floors: RowidFloors = { subject: 0, message: 0 },
): Map<string, TicketMatches> {
  const subjectRowids = tickets.map((t) => t.ticketRowid).filter((rowid) => rowid >= floors.subject);
  const messageRowids = tickets.flatMap((t) => t.messages.map((m) => m.rowid)).filter((rowid) => rowid >= floors.message);
  const customerRowids = tickets.flatMap((t) => (t.customerRowid === null ? [] : [t.customerRowid]));
  const subjects = matchingRowids(db, 'subject', match, subjectRowids, hasPrefix);
  const messages = matchingRowids(db, 'message', match, messageRowids, hasPrefix);
  const customers = matchingRowids(db, 'customer', match, customerRowids, hasPrefix);
  return new Map(
    tickets.map((t) => [
      t.ticketId,
      {
        subject: t.ticketRowid >= floors.subject && subjects.has(t.ticketRowid),
        messageRowids: t.messages.map((m) => m.rowid).filter((rowid) => rowid >= floors.message && messages.has(rowid)),
        customer: t.customerRowid !== null && customers.has(t.customerRowid),
      },
    ]),
  );
}

/** Whether any document of the ticket matched. */
export function anyMatch(matches: TicketMatches | undefined): boolean {
  return matches !== undefined && (matches.subject || matches.messageRowids.length > 0 || matches.customer);
}
