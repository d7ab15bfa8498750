import type { PushResponse } from '../../../shared/contract/sync-protocol';
import { writeTransaction } from '../../store/db';
import { getOutboxEntry } from '../../store/queries/sync-state';
import { emptyTouched, type Touched } from './local-appliers';
import { settleEntry, type Outcome, type TimelineEnv } from './rebase';

/** What a push answer did to the local store. */
export interface PushApplied {
  /** Rows that left the outbox (applied, duplicate or rejected). */
  settled: number;
  rejected: number;
  /** What the answer changed locally (a rejection was rolled back), for the UI's events. */
  touched: Touched;
  /** The backend stopped at a reused seq: this desktop must re-register. */
  conflict: boolean;
  /** The backend stopped at a gap: it expects this seq next. */
  gapExpectedSeq: number | null;
}

/**
 * Takes in the answer to a push in one local transaction. Safe to run for an answer that repeats
 * an earlier one (a retried push): a row already settled is gone and is skipped, and a row is only
 * settled when its mutation id matches the answer.
 */
export function applyPushResponse(env: TimelineEnv, response: PushResponse): PushApplied {
  return writeTransaction(env.db, () => {
    const applied: PushApplied = { settled: 0, rejected: 0, touched: emptyTouched(), conflict: false, gapExpectedSeq: null };
    for (const result of response.results) {
      if (result.status === 'conflict') break;
      const entry = getOutboxEntry(env.db, result.seq);
      if (!entry || entry.mutationId !== result.mutationId) continue;
      const outcome: Outcome =
        result.status === 'applied'
          ? { outcome: 'applied' }
          : result.status === 'rejected'
            ? { outcome: 'rejected', error: result.error }
            : result.outcome === 'applied'
              ? { outcome: 'applied' }
              : { outcome: 'rejected', error: result.error ?? { code: 'internal', message: 'The backend refused this change.' } };
      settleEntry(env, entry, outcome, applied.touched);
      applied.settled += 1;
      if (outcome.outcome === 'rejected') applied.rejected += 1;
    }
    if (response.stopped?.reason === 'conflict') applied.conflict = true;
    if (response.stopped?.reason === 'gap') applied.gapExpectedSeq = response.stopped.expectedSeq;
    return applied;
  });
}
