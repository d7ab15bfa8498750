import { AppError } from '../../shared/contract/errors';
import type { Account, Session } from '../../shared/contract/server-api';
import type { Agent, Role } from '../../shared/domain/team';
import { newId } from '../../shared/domain/ids';
import { publicAccount } from '../storage/queries/accounts';
import type { Storage, WriteTx } from '../storage/storage';

/** What a new account needs; the password arrives already hashed. */
export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  groupId?: string | null;
  timeZone?: string;
  language?: string;
  /** Use this id (a seeded agent's); otherwise a new one is made. */
  id?: string;
}

/** Creates an account and its agent profile in a transaction (the profile syncs to every desktop). */
export async function insertAccountWithProfile(tx: WriteTx, input: NewAccount, actorId: string | null): Promise<Account> {
  if (input.groupId && !(await tx.getGroup(input.groupId))) throw new AppError('validation', 'There is no such group', 'groupId');
  const id = input.id ?? newId();
  const existing = await tx.getAgent(id);
  const agent: Agent = {
    id,
    name: input.name,
    email: input.email,
    role: input.role,
    groupId: input.groupId ?? existing?.groupId ?? null,
    timeZone: input.timeZone ?? existing?.timeZone ?? 'UTC',
    language: input.language ?? existing?.language ?? 'en',
  };
  await tx.saveAgent(agent);
  if (!(await tx.insertAccount({ id, email: input.email, role: input.role, passwordHash: input.passwordHash }))) {
    throw new AppError('conflict', 'An account with this e-mail or id exists already', 'email');
  }
  await tx.audit({ actorId, action: 'account-created', entity: 'account', entityId: id, data: { email: input.email, role: input.role } });
  const account = await tx.getAccount(id);
  return publicAccount(account!);
}

/** Accounts as an admin manages them. */
export class AccountService {
  constructor(private readonly storage: Storage) {}

  async list(): Promise<Account[]> {
    return (await this.storage.read((tx) => tx.listAccounts())).map(publicAccount);
  }

  create(input: NewAccount, actorId: string | null): Promise<Account> {
    return this.storage.write((tx) => insertAccountWithProfile(tx, input, actorId));
  }

  /**
   * Disables an account: its sessions are revoked in the same transaction (so every request
   * after the commit is refused, on every instance) and its live streams are told to close.
   * The last enabled admin cannot be disabled: nobody could undo it.
   */
  disable(accountId: string, actorId: string): Promise<Account> {
    return this.storage.write(async (tx) => {
      const account = await tx.getAccount(accountId);
      if (!account) throw new AppError('not-found', `There is no account ${accountId}`, 'accountId');
      if (account.disabledAt !== null) return publicAccount(account);
      if (account.role === 'admin' && (await tx.countEnabledAccounts('admin')) <= 1) {
        throw new AppError('conflict', 'This is the last enabled admin account', 'accountId');
      }
      await tx.setAccountDisabledAt(accountId, tx.now);
      await tx.revokeSessionsOf(accountId);
      tx.publish({ type: 'access-revoked', accountId, sessionId: null, reason: 'account-disabled' });
      await tx.audit({ actorId, action: 'account-disabled', entity: 'account', entityId: accountId, data: {} });
      return publicAccount((await tx.getAccount(accountId))!);
    });
  }

  enable(accountId: string, actorId: string): Promise<Account> {
    return this.storage.write(async (tx) => {
      const account = await tx.getAccount(accountId);
      if (!account) throw new AppError('not-found', `There is no account ${accountId}`, 'accountId');
      if (account.disabledAt === null) return publicAccount(account);
      await tx.setAccountDisabledAt(accountId, null);
      await tx.audit({ actorId, action: 'account-enabled', entity: 'account', entityId: accountId, data: {} });
      return publicAccount((await tx.getAccount(accountId))!);
    });
  }

  async sessions(accountId: string): Promise<Session[]> {
    return this.storage.read(async (tx) => {
      if (!(await tx.getAccount(accountId))) throw new AppError('not-found', `There is no account ${accountId}`, 'accountId');
      return tx.listSessions(accountId);
    });
  }
}
