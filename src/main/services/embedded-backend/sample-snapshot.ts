import fs from 'node:fs';
import path from 'node:path';
import { assert } from '../../../shared/contract/errors';
import type { ServerSnapshot } from '../../../shared/contract/server-snapshot';
import type { Agent } from '../../../shared/domain/team';
import { openStore } from '../../store/db';
import { listAllCustomers, listAllOrganisations } from '../../store/queries/customers';
import { getMeta } from '../../store/queries/meta';
import { listAllMessages } from '../../store/queries/messages';
import { listAgents, listGroups, listSupportLevels } from '../../store/queries/team';
import { listAllTickets } from '../../store/queries/tickets';
import { seedSampleData } from '../seed/sample-data';

/** An account of the sample team: who may sign in to the embedded backend. */
export interface SampleAccount {
  agentId: string;
  email: string;
  name: string;
  role: Agent['role'];
}

/** The sample team as a backend imports it, and the accounts made for it. */
export interface SampleSnapshot {
  snapshot: ServerSnapshot;
  /** The signed-in agent of a sample desktop (the L1 agent the generator names "me"). */
  me: SampleAccount;
  /** Every account, `me` first: a teammate in the same group, their lead, a knowledge author. */
  accounts: SampleAccount[];
}

export interface SampleSnapshotOptions {
  tickets: number;
  seed: number;
  /** Epoch ms; every generated instant lies before it. */
  now: number;
  /** The password of every sample account (at least 12 characters). */
  password: string;
  /** A folder for the scratch store the generator writes into; it is removed afterwards. */
  scratchDir: string;
}

function accountOf(agent: Agent): SampleAccount {
  return { agentId: agent.id, email: agent.email, name: agent.name, role: agent.role };
}

/**
 * The people who get an account: signing in costs a slow KDF, so a handful, chosen so a second
 * desktop can play a teammate (conflicts), the lead, or a knowledge author (who may not change
 * tickets: the backend refuses it).
 */
function pickAccounts(agents: readonly Agent[], meId: string): Agent[] {
  const me = agents.find((agent) => agent.id === meId);
  assert(me, 'the sample team names its signed-in agent');
  const others = agents.filter((agent) => agent.id !== me.id);
  const picked = [
    me,
    others.find((agent) => agent.groupId === me.groupId && agent.role === 'agent'),
    others.find((agent) => agent.groupId === me.groupId && agent.role === 'lead') ?? others.find((agent) => agent.role === 'lead'),
    others.find((agent) => agent.role === 'author'),
  ];
  return picked.filter((agent): agent is Agent => agent !== undefined);
}

/**
 * The sample world (the one a local sample store holds: team, customers, tickets and threads in
 * English, Dutch and German) as a team snapshot for a new backend, so desktops bootstrap it from
 * the backend instead of each seeding their own copy. The generator writes into a scratch store
 * that is read back and removed. Calls are not part of a backend's snapshot and are left out.
 */
export function buildSampleSnapshot(options: SampleSnapshotOptions): SampleSnapshot {
  fs.mkdirSync(options.scratchDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(options.scratchDir, 'sample-'));
  try {
    const db = openStore(path.join(scratch, 'sample.db'), { now: () => options.now });
    try {
      seedSampleData(db, { tickets: options.tickets, seed: options.seed, now: options.now });
      const meId = getMeta(db, 'agent_id');
      assert(meId, 'sample data names the signed-in agent');
      const agents = listAgents(db);
      const accounts = pickAccounts(agents, meId).map(accountOf);
      const snapshot: ServerSnapshot = {
        levels: listSupportLevels(db),
        groups: listGroups(db),
        agents,
        accounts: accounts.map((account) => ({ agentId: account.agentId, password: options.password })),
        organisations: listAllOrganisations(db),
        customers: listAllCustomers(db),
        tickets: listAllTickets(db),
        messages: listAllMessages(db),
      };
      return { snapshot, me: accounts[0]!, accounts };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
