// The backend's side of synced-data.ts: what a fresh desktop of an account pulls, the latest
// value of every live entity it may read, in the same shapes and order.
import { SYNC_PROTOCOL_VERSION, type SyncChange } from '../../../src/shared/contract/sync-protocol';
import type { Customer } from '../../../src/shared/domain/customer';
import { newId } from '../../../src/shared/domain/ids';
import type { Message } from '../../../src/shared/domain/message';
import type { Ticket } from '../../../src/shared/domain/ticket';
import type { TicketFieldChange } from '../../../src/shared/domain/ticket-field-change';
import type { SyncedTicketLink } from '../../../src/shared/domain/ticket-link';
import type { SavedViewValue } from '../../../src/shared/domain/view';
import type { TestBackend } from './desktop-kit';
import { call, issueSession } from './server-kit';
import { byId, byPair, type SyncedData } from './synced-data';

/** What a fresh desktop of the account pulls from the backend: the latest value of every live entity it may read. */
export async function serverSyncedData(backend: TestBackend, accountId: string): Promise<SyncedData> {
  const { token } = await issueSession(backend.storage, accountId);
  const latest = new Map<string, SyncChange>();
  // A client id of its own that never pushes (a client id belongs to one account).
  const clientId = newId();
  let cursor: string | null = null;
  for (;;) {
    const answer = await call(backend.base, 'POST', '/sync/pull', {
      token,
      body: { protocolVersion: SYNC_PROTOCOL_VERSION, clientId, cursor, confirmedSeq: 0, limit: 5000 },
    });
    if (answer.status !== 200) throw new Error(`pull failed: ${JSON.stringify(answer.body)}`);
    const value = answer.body.value;
    for (const change of value.changes as SyncChange[]) latest.set(`${change.entity}:${change.key}`, change);
    cursor = value.cursor;
    if (!value.hasMore) break;
  }
  const live = [...latest.values()].filter((change) => change.op === 'upsert') as Extract<SyncChange, { op: 'upsert' }>[];
  const of = <T>(entity: SyncChange['entity']) => live.filter((change) => change.entity === entity).map((change) => change.value as T);
  return {
    tickets: of<Ticket>('ticket').sort(byId),
    messages: of<Message>('message').sort(byId),
    fieldChanges: of<TicketFieldChange>('ticket-field-change').sort(byId),
    customers: of<Customer>('customer').sort(byId),
    links: of<SyncedTicketLink>('ticket-link').sort(byPair),
    views: of<SavedViewValue>('view').sort(byId),
  };
}
