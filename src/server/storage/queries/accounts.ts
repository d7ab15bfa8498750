import type { Account } from '../../../shared/contract/server-api';
import type { Role } from '../../../shared/domain/team';
import type { SqlExecutor } from '../sql-driver';

/** An account with what only the backend may see. */
export interface AccountRecord extends Account {
  passwordHash: string;
}

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: number | null;
  created_at: number;
}

const SELECT = `SELECT a.id, a.email, g.name, a.role, a.password_hash, a.disabled_at, a.created_at
  FROM accounts AS a JOIN agents AS g ON g.id = a.id`;

function accountFromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** The public view of an account record. */
export function publicAccount(record: AccountRecord): Account {
  const { passwordHash: _hidden, ...account } = record;
  return account;
}

export async function getAccount(db: SqlExecutor, id: string): Promise<AccountRecord | undefined> {
  const row = await db.get<AccountRow>(`${SELECT} WHERE a.id = ?`, [id]);
  return row && accountFromRow(row);
}

export async function findAccountByEmail(db: SqlExecutor, email: string): Promise<AccountRecord | undefined> {
  const row = await db.get<AccountRow>(`${SELECT} WHERE a.email = ?`, [email]);
  return row && accountFromRow(row);
}

export async function listAccounts(db: SqlExecutor): Promise<AccountRecord[]> {
  const rows = await db.all<AccountRow>(`${SELECT} ORDER BY a.email`);
  return rows.map(accountFromRow);
}

export async function countAccounts(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM accounts');
  return Number(row?.n ?? 0);
}

/** How many enabled accounts have the role (to keep the last admin from locking everyone out). */
export async function countEnabled(db: SqlExecutor, role: Role): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM accounts WHERE role = ? AND disabled_at IS NULL', [role]);
  return Number(row?.n ?? 0);
}

/** Inserts an account; answers false when the e-mail is taken. */
export async function insertAccount(
  db: SqlExecutor,
  account: { id: string; email: string; role: Role; passwordHash: string; createdAt: number },
): Promise<boolean> {
  const inserted = await db.run(
    `INSERT INTO accounts (id, email, password_hash, role, disabled_at, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)
     ON CONFLICT DO NOTHING`,
    [account.id, account.email, account.passwordHash, account.role, account.createdAt, account.createdAt],
  );
  return inserted > 0;
}

export async function setAccountDisabledAt(db: SqlExecutor, id: string, disabledAt: number | null, now: number): Promise<boolean> {
  return (await db.run('UPDATE accounts SET disabled_at = ?, updated_at = ? WHERE id = ?', [disabledAt, now, id])) > 0;
}
