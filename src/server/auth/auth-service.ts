import { AppError } from '../../shared/contract/errors';
import type { Account, Session } from '../../shared/contract/server-api';
import { newId } from '../../shared/domain/ids';
import { publicAccount } from '../storage/queries/accounts';
import type { Storage } from '../storage/storage';
import type { Actor } from './actor';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './password';
import { RateLimitedError } from './rate-limited-error';
import { hashSecret, newSecret } from './tokens';

/** Costs, lifetimes and limits of sign-in. */
export interface AuthConfig {
  scrypt: ScryptParams;
  sessionTtlMs: number;
  streamTicketTtlMs: number;
  /** Failed sign-ins per account per window before further attempts are refused. */
  loginFailuresPerAccount: number;
  loginAccountWindowMs: number;
  /** Sign-in attempts (failed or not) per client address per window; they also guard the KDF's CPU. */
  loginAttemptsPerAddress: number;
  loginAddressWindowMs: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  scrypt: DEFAULT_SCRYPT_PARAMS,
  sessionTtlMs: 30 * 24 * 3_600_000,
  streamTicketTtlMs: 30_000,
  loginFailuresPerAccount: 5,
  loginAccountWindowMs: 15 * 60_000,
  loginAttemptsPerAddress: 30,
  loginAddressWindowMs: 5 * 60_000,
};

/** What a successful sign-in answers: the token (shown once), the session, the account. */
export interface LoginResult {
  token: string;
  session: Session;
  account: Account;
}

/** Sign-in, sessions and stream tickets. */
export class AuthService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly storage: Storage,
    readonly config: AuthConfig = DEFAULT_AUTH_CONFIG,
  ) {}

  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.config.scrypt);
  }

  /**
   * Signs in. Every attempt counts against the address, failures against the account; a blocked
   * attempt is refused before the KDF runs. An unknown e-mail costs the same KDF time as a known
   * one and gets the same answer, so sign-in does not tell which e-mails have accounts.
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const { config } = this;
    const accountKey = `login-account:${email}`;
    const addressKey = `login-address:${address}`;
    const blocked = await this.storage.write(async (tx) => {
      const byAddress = await tx.hitThrottle(addressKey, config.loginAddressWindowMs);
      if (byAddress.hits > config.loginAttemptsPerAddress) return byAddress.windowStartedAt + config.loginAddressWindowMs - tx.now;
      const byAccount = await tx.readThrottle(accountKey, config.loginAccountWindowMs);
      if (byAccount && byAccount.hits >= config.loginFailuresPerAccount) return byAccount.windowStartedAt + config.loginAccountWindowMs - tx.now;
      return null;
    });
    if (blocked !== null) {
      const seconds = Math.max(1, Math.ceil(blocked / 1000));
      throw new RateLimitedError(`Too many sign-in attempts: try again in ${seconds} s`, blocked);
    }

    const account = await this.storage.read((tx) => tx.findAccountByEmail(email));
    const matches = await verifyPassword(password, account?.passwordHash ?? (await this.dummy()));
    if (!account || !matches) {
      await this.storage.write((tx) => tx.hitThrottle(accountKey, config.loginAccountWindowMs));
      throw new AppError('unauthorized', 'Wrong e-mail or password');
    }
    if (account.disabledAt !== null) throw new AppError('forbidden', 'This account is disabled');

    const token = newSecret();
    const session = await this.storage.write(async (tx) => {
      const created: Session = { id: newId(), accountId: account.id, createdAt: tx.now, expiresAt: tx.now + config.sessionTtlMs, revokedAt: null };
      await tx.insertSession(created, hashSecret(token));
      await tx.clearThrottle(accountKey);
      await tx.audit({ actorId: account.id, action: 'signed-in', entity: 'session', entityId: created.id, data: { address } });
      return created;
    });
    return { token, session, account: publicAccount(account) };
  }

  /** The actor behind a bearer token, or null when the session is unknown, revoked, expired or its account disabled. */
  async authenticate(token: string): Promise<Actor | null> {
    return this.storage.read(async (tx) => {
      const session = await tx.findLiveSession(hashSecret(token));
      if (!session) return null;
      const account = await tx.getAccount(session.accountId);
      if (!account || account.disabledAt !== null) return null;
      return { accountId: account.id, name: account.name, role: account.role, sessionId: session.id };
    });
  }

  /** The calling session and account. */
  async describe(actor: Actor): Promise<{ session: Session; account: Account }> {
    return this.storage.read(async (tx) => {
      const session = await tx.getLiveSession(actor.sessionId);
      const account = await tx.getAccount(actor.accountId);
      if (!session || !account) throw new AppError('unauthorized', 'The session has ended');
      return { session, account: publicAccount(account) };
    });
  }

  /** Revokes a session and closes its streams on every instance. */
  async revokeSession(sessionId: string, actorId: string): Promise<boolean> {
    return this.storage.write(async (tx) => {
      const accountId = await tx.revokeSession(sessionId);
      if (accountId === undefined) return false;
      tx.publish({ type: 'access-revoked', accountId, sessionId, reason: 'session-revoked' });
      await tx.audit({ actorId, action: 'session-revoked', entity: 'session', entityId: sessionId, data: {} });
      return true;
    });
  }

  /** Revokes every session of an account and closes its streams on every instance. */
  async revokeSessionsOf(accountId: string, actorId: string): Promise<number> {
    return this.storage.write(async (tx) => {
      if (!(await tx.getAccount(accountId))) throw new AppError('not-found', `There is no account ${accountId}`, 'accountId');
      const revoked = await tx.revokeSessionsOf(accountId);
      tx.publish({ type: 'access-revoked', accountId, sessionId: null, reason: 'session-revoked' });
      await tx.audit({ actorId, action: 'sessions-revoked', entity: 'account', entityId: accountId, data: { revoked } });
      return revoked;
    });
  }

  /** A single-use ticket for the live stream, tied to the calling session. */
  async createStreamTicket(actor: Actor): Promise<{ ticket: string; expiresAt: number }> {
    const ticket = newSecret();
    const expiresAt = await this.storage.write(async (tx) => {
      const expires = tx.now + this.config.streamTicketTtlMs;
      await tx.insertStreamTicket({ ticketHash: hashSecret(ticket), sessionId: actor.sessionId, accountId: actor.accountId, expiresAt: expires });
      return expires;
    });
    return { ticket, expiresAt };
  }

  /** Uses a stream ticket up; answers the actor when it was valid and its session is still live. */
  async redeemStreamTicket(ticket: string): Promise<Actor | null> {
    return this.storage.write(async (tx) => {
      const redeemed = await tx.consumeStreamTicket(hashSecret(ticket));
      if (!redeemed) return null;
      const session = await tx.getLiveSession(redeemed.sessionId);
      const account = await tx.getAccount(redeemed.accountId);
      if (!session || !account || account.disabledAt !== null) return null;
      return { accountId: account.id, name: account.name, role: account.role, sessionId: session.id };
    });
  }

  /** Why an actor's access has ended, or null while it lasts (streams recheck this now and then). */
  async accessEnded(actor: Actor): Promise<'account-disabled' | 'session-expired' | null> {
    return this.storage.read(async (tx) => {
      const account = await tx.getAccount(actor.accountId);
      if (!account || account.disabledAt !== null) return 'account-disabled';
      return (await tx.getLiveSession(actor.sessionId)) ? null : 'session-expired';
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not a password of anyone', this.config.scrypt);
    return this.dummyHash;
  }
}
