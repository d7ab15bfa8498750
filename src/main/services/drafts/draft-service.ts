import type { MethodInput, MethodOutput } from '../../../shared/contract/app-contract';
import type { Draft } from '../../../shared/domain/draft';
import { writeTransaction } from '../../store/db';
import { deleteDraft, getDraft, upsertDraft } from '../../store/queries/drafts';
import type { ChangeContext } from '../sync/outbox-writer';
import { requireTicket } from '../tickets/ticket-fields';

/**
 * Drafts: what the agent is typing on a ticket, kept on this desktop so a restart loses nothing.
 * Local only: no outbox mutation, no audit event, no event (the window that types is the one
 * that reads it).
 */
export class DraftService {
  constructor(private readonly ctx: ChangeContext) {}

  getDraft(input: MethodInput<'draft/get'>): MethodOutput<'draft/get'> {
    return getDraft(this.ctx.db, input.ticketId) ?? null;
  }

  /** Saves the draft; a body of nothing but white space deletes it. */
  saveDraft(input: MethodInput<'draft/save'>): MethodOutput<'draft/save'> {
    const { db } = this.ctx;
    return writeTransaction(db, () => {
      requireTicket(db, input.ticketId);
      if (input.body.trim().length === 0) {
        deleteDraft(db, input.ticketId);
        return null;
      }
      const draft: Draft = { ticketId: input.ticketId, kind: input.kind, body: input.body, updatedAt: this.ctx.now() };
      upsertDraft(db, draft);
      return draft;
    });
  }
}
