// The operations of the convergence test (sync-convergence.test.ts), made on a desktop through the
// contract's methods (input validated as the app's transports do), and what each synced change
// made is owed by the backend. The same code runs on the desktops in the test process and in a
// desktop process (desktop-runner.ts), so both make their changes exactly alike.
import type { Handlers } from '../../../src/main/services/handlers';
import type { Db } from '../../../src/main/store/db';
import { getTicket } from '../../../src/main/store/queries/tickets';
import { insertAgent } from '../../../src/main/store/queries/team';
import { getSavedView } from '../../../src/main/store/queries/views';
import type { MethodInput } from '../../../src/shared/contract/app-contract';
import { AppError, type ErrorCode } from '../../../src/shared/contract/errors';
import type { MutationName } from '../../../src/shared/contract/mutations';
import { parseMethodInput } from '../../../src/shared/contract/validate';

/** One agent's action on a desktop, with the ids it names already resolved. */
export type Op =
  | { kind: 'fields'; ticketId: string; patch: MethodInput<'ticket/update-fields'>['patch'] }
  | { kind: 'message'; ticketId: string; body: string }
  /** Assigns the ticket to an agent only this desktop knows: the backend refuses it for good. */
  | { kind: 'refused'; ticketId: string; ghostId: string }
  | { kind: 'create'; input: MethodInput<'ticket/create'> }
  | { kind: 'escalate'; ticketId: string; reason: string }
  | { kind: 'merge'; sourceId: string; targetId: string }
  | { kind: 'link'; ticketId: string; otherId: string; linkKind: MethodInput<'ticket/link'>['kind'] }
  | { kind: 'unlink'; ticketId: string; otherId: string }
  /** Changes the view `viewId` when this desktop holds it, or saves a new view. */
  | { kind: 'save-view'; viewId: string | null; input: Omit<MethodInput<'view/save'>, 'id'> }
  | { kind: 'delete-view'; viewId: string }
  | { kind: 'customer'; customerId: string; patch: MethodInput<'customer/update'>['patch'] };

/** The methods the operations call. */
export type OpHandlers = Pick<
  Handlers,
  | 'ticket/update-fields'
  | 'ticket/add-message'
  | 'ticket/create'
  | 'ticket/escalate'
  | 'ticket/merge'
  | 'ticket/link'
  | 'ticket/unlink'
  | 'view/save'
  | 'view/delete'
  | 'customer/update'
>;

/** A refusal the written policy allows: its code and field. */
export interface Refusal {
  code: ErrorCode;
  field: string;
}

/**
 * What the backend owes a mutation: to apply it, to refuse it (with this code and field), or
 * either, when another desktop's change may win first by policy (then only these refusals).
 */
export type Owed = { outcome: 'applied' } | { outcome: 'rejected'; refusal: Refusal } | { outcome: 'either'; refusals: Refusal[] };

/** A synced change an operation made: its outbox row, what it is owed, and what it made that the backend keeps once. */
export interface Made {
  mutationId: string;
  name: string;
  owed: Owed;
  /** The message it adds (a reply, the first message of a new ticket, an escalation or merge note): there once if applied, never if refused. */
  messageId: string | null;
  /** The ticket it is about (`args.ticketId`): the one a create makes, the one a merge merges away. */
  ticketId: string | null;
  /** The view it saves. */
  viewId: string | null;
}

/**
 * What the written policy (docs/sync-protocol.md, "Conflicts") lets the backend answer each
 * mutation when desktops race: the first escalation from a level wins, the first merge wins, a view
 * name taken meanwhile or a view deleted (or made personal by its owner) meanwhile is refused.
 * Everything else this test makes must be applied.
 */
function owedFor(name: string, op: Op): Owed {
  if (op.kind === 'refused') return { outcome: 'rejected', refusal: { code: 'validation', field: 'args.patch.assigneeId' } };
  switch (name as MutationName) {
    case 'ticket/escalate':
      return {
        outcome: 'either',
        refusals: [
          { code: 'conflict', field: 'args.from' },
          { code: 'validation', field: 'args.ticketId' },
        ],
      };
    case 'ticket/merge':
      return {
        outcome: 'either',
        refusals: [
          { code: 'conflict', field: 'args.ticketId' },
          { code: 'conflict', field: 'args.targetId' },
        ],
      };
    case 'view/save':
      return {
        outcome: 'either',
        refusals: [
          { code: 'conflict', field: 'args.name' },
          { code: 'not-found', field: 'args.viewId' },
        ],
      };
    case 'view/delete':
      return { outcome: 'either', refusals: [{ code: 'not-found', field: 'args.viewId' }] };
    default:
      return { outcome: 'applied' };
  }
}

interface OutboxRow {
  mutationId: string;
  name: string;
  args: string;
}

function outboxOf(db: Db): OutboxRow[] {
  return db.prepare<[], OutboxRow>('SELECT mutation_id AS mutationId, name, args FROM outbox ORDER BY seq').all();
}

/** Calls a method the way a transport does: the input validated with the contract's schema first. */
function invoke<M extends keyof OpHandlers>(handlers: OpHandlers, method: M, input: MethodInput<M>): void {
  const handler = handlers[method] as (input: unknown) => unknown;
  const result = handler(parseMethodInput(method, input));
  // The local changes are synchronous, so the outbox read right after holds what they wrote.
  if (result instanceof Promise) throw new Error(`${method} answered with a promise`);
}

function run(desktop: { db: Db; handlers: OpHandlers }, op: Op): void {
  const { db, handlers } = desktop;
  switch (op.kind) {
    case 'fields':
      return invoke(handlers, 'ticket/update-fields', { ticketId: op.ticketId, patch: op.patch });
    case 'message':
      return invoke(handlers, 'ticket/add-message', { ticketId: op.ticketId, kind: 'reply', body: op.body });
    case 'refused': {
      // Made again when a reset's rebuild swept it (the backend never had it).
      if (!db.prepare('SELECT 1 FROM agents WHERE id = ? AND deleted_at IS NULL').get(op.ghostId)) {
        db.prepare('DELETE FROM agents WHERE id = ?').run(op.ghostId);
        insertAgent(db, { id: op.ghostId, name: 'Ghost', email: 'ghost@elsewhere.example', role: 'agent', groupId: null, timeZone: 'UTC', language: 'en' }, 1);
      }
      return invoke(handlers, 'ticket/update-fields', { ticketId: op.ticketId, patch: { assigneeId: op.ghostId } });
    }
    case 'create':
      return invoke(handlers, 'ticket/create', op.input);
    case 'escalate':
      return invoke(handlers, 'ticket/escalate', { ticketId: op.ticketId, reason: op.reason });
    case 'merge':
      return invoke(handlers, 'ticket/merge', { sourceId: op.sourceId, targetId: op.targetId });
    case 'link':
      return invoke(handlers, 'ticket/link', { ticketId: op.ticketId, otherId: op.otherId, kind: op.linkKind });
    case 'unlink':
      return invoke(handlers, 'ticket/unlink', { ticketId: op.ticketId, otherId: op.otherId });
    case 'save-view': {
      // The agent edits a view the list shows; any other save makes a new view.
      const id = op.viewId !== null && getSavedView(db, op.viewId) ? op.viewId : undefined;
      return invoke(handlers, 'view/save', id === undefined ? op.input : { ...op.input, id });
    }
    case 'delete-view':
      return invoke(handlers, 'view/delete', { viewId: op.viewId });
    case 'customer':
      return invoke(handlers, 'customer/update', { customerId: op.customerId, patch: op.patch });
  }
}

/**
 * Makes an operation on a desktop and answers the synced changes it made (none when it changed
 * nothing, or when the desktop refused it as the UI would: a ticket it does not hold yet, the
 * highest level, a view name taken). Anything but such a refusal is a bug and is thrown.
 */
export function performOp(desktop: { db: Db; handlers: OpHandlers }, op: Op): Made[] {
  const before = new Set(outboxOf(desktop.db).map((row) => row.mutationId));
  if (op.kind === 'refused' && getTicket(desktop.db, op.ticketId)?.assigneeId === op.ghostId) return [];
  try {
    run(desktop, op);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return outboxOf(desktop.db)
    .filter((row) => !before.has(row.mutationId))
    .map((row) => {
      const args = JSON.parse(row.args) as { messageId?: string; message?: { messageId: string }; ticketId?: string; viewId?: string };
      return {
        mutationId: row.mutationId,
        name: row.name,
        owed: owedFor(row.name, op),
        messageId: args.messageId ?? args.message?.messageId ?? null,
        ticketId: args.ticketId ?? null,
        viewId: row.name === 'view/save' ? (args.viewId ?? null) : null,
      };
    });
}
