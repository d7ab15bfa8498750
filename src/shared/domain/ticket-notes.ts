// The notes escalations and merges leave in a ticket's thread. The desktop writes them when the
// agent acts and the backend writes them again when it applies the mutation: one text on both.
import type { SupportLevel } from './ticket';

/** The level an escalation from each level goes to; L4 (development) is the last. */
export const NEXT_LEVEL: Record<SupportLevel, SupportLevel | null> = { L1: 'L2', L2: 'L3', L3: 'L4', L4: null };

/**
 * The internal note of an escalation: level codes and the group's name, no sentence, so it reads
 * the same in every language; then the agent's reason.
 */
export function escalationNoteBody(from: SupportLevel, to: SupportLevel, groupName: string | null, reason: string): string {
  return `**${from} → ${to}${groupName ? ` · ${groupName}` : ''}**\n\n${reason}`;
}

/** The system note a merge leaves on the ticket that carries on: the merged ticket's number (once it has one) and subject. */
export function mergeNoteBody(source: { number: number | null; subject: string }): string {
  return `⤵ ${source.number === null ? '' : `#${source.number} `}${source.subject}`;
}

/** The author name of notes Support Console writes itself (a merge, say). */
export const SYSTEM_AUTHOR_NAME = 'Support Console';
