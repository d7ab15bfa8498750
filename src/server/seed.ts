import { AppError } from '../shared/contract/errors';
import { accountEmailSchema, newPasswordSchema } from '../shared/contract/server-api';
import type { ServerSnapshot } from '../shared/contract/server-snapshot';
import type { SupportLevelInfo } from '../shared/domain/team';
import { insertAccountWithProfile } from './auth/account-service';
import type { AuthService } from './auth/auth-service';
import type { Storage } from './storage/storage';

/** The support levels a new team starts with. */
export const DEFAULT_LEVELS: readonly SupportLevelInfo[] = [
  { level: 'L1', name: 'Helpdesk', scope: 'First contact: questions, how-to, known issues' },
  { level: 'L2', name: 'Specialist', scope: 'Configuration, integrations, data problems' },
  { level: 'L3', name: 'Expert', scope: 'Deep technical analysis, workarounds' },
  { level: 'L4', name: 'Development', scope: 'Product defects and changes' },
];

/**
 * Imports a team's snapshot into an empty database (one that has never committed a change);
 * answers false and writes nothing when the database is not empty. Tickets without a number
 * get one in creation order; every row lands in the change log, so desktops pull it.
 */
export async function seedFromSnapshot(storage: Storage, auth: AuthService, snapshot: ServerSnapshot): Promise<boolean> {
  const hashes = new Map<string, string>();
  for (const { agentId, password } of snapshot.accounts) hashes.set(agentId, await auth.hashPassword(password));
  return storage.write(async (tx) => {
    if ((await tx.head()) > 0) return false;
    for (const level of snapshot.levels.length > 0 ? snapshot.levels : DEFAULT_LEVELS) await tx.saveLevel(level);
    for (const group of snapshot.groups) await tx.saveGroup(group);
    for (const agent of snapshot.agents) await tx.saveAgent(agent);
    for (const [agentId, passwordHash] of hashes) {
      const agent = snapshot.agents.find((candidate) => candidate.id === agentId);
      if (!agent) throw new AppError('validation', `The account of ${agentId} names no agent of the snapshot`, 'accounts');
      const email = accountEmailSchema.parse(agent.email);
      await insertAccountWithProfile(tx, { id: agent.id, email, name: agent.name, role: agent.role, passwordHash }, null);
    }
    for (const organisation of snapshot.organisations) await tx.saveOrganisation(organisation);
    for (const customer of snapshot.customers) await tx.saveCustomer(customer);
    const numbered = snapshot.tickets.reduce((max, ticket) => Math.max(max, ticket.number ?? 0), 0);
    await tx.reserveTicketNumbersUpTo(numbered);
    const byCreation = [...snapshot.tickets].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    for (const ticket of byCreation) {
      await tx.saveTicket(ticket.number === null ? { ...ticket, number: await tx.allocateTicketNumber() } : ticket);
    }
    for (const message of snapshot.messages) await tx.addMessage(message);
    return true;
  });
}

/** The first admin, from SC_ADMIN_EMAIL and SC_ADMIN_PASSWORD. */
export interface AdminSeed {
  email: string;
  password: string;
  name?: string;
}

/**
 * The minimal team: the four support levels and one admin account, made only while the
 * database has no accounts at all (a restart never adds or resets anyone). Answers whether it
 * created the admin.
 */
export async function seedMinimalTeam(storage: Storage, auth: AuthService, admin: AdminSeed): Promise<boolean> {
  const email = accountEmailSchema.parse(admin.email);
  const checked = newPasswordSchema.safeParse(admin.password);
  if (!checked.success) throw new AppError('validation', checked.error.issues[0]?.message ?? 'A weak password', 'SC_ADMIN_PASSWORD');
  const passwordHash = await auth.hashPassword(admin.password);
  return storage.write(async (tx) => {
    if ((await tx.countAccounts()) > 0) return false;
    if ((await tx.countLevels()) === 0) for (const level of DEFAULT_LEVELS) await tx.saveLevel(level);
    await insertAccountWithProfile(tx, { email, name: admin.name ?? 'Administrator', role: 'admin', passwordHash }, null);
    return true;
  });
}
