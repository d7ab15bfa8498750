import { stmt, type Db } from '../db';
import type { Agent, Group, SupportLevelInfo } from '../../../shared/domain/team';

/** An agent as stored. */
export interface AgentDbRow {
  id: string;
  name: string;
  email: string;
  role: string;
  group_id: string | null;
  time_zone: string;
  language: string;
  updated_at: number;
}

export function agentFromRow(row: AgentDbRow): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Agent['role'],
    groupId: row.group_id,
    timeZone: row.time_zone,
    language: row.language,
  };
}

export function agentToRow(agent: Agent, updatedAt: number): AgentDbRow {
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    group_id: agent.groupId,
    time_zone: agent.timeZone,
    language: agent.language,
    updated_at: updatedAt,
  };
}

export function insertSupportLevel(db: Db, info: SupportLevelInfo, updatedAt: number): void {
  stmt(db, 'INSERT INTO support_levels (level, name, scope, updated_at) VALUES (?, ?, ?, ?)').run(
    info.level,
    info.name,
    info.scope,
    updatedAt,
  );
}

export function insertGroup(db: Db, group: Group, updatedAt: number): void {
  stmt(db, 'INSERT INTO groups (id, name, level, updated_at) VALUES (?, ?, ?, ?)').run(
    group.id,
    group.name,
    group.level,
    updatedAt,
  );
}

export function insertAgent(db: Db, agent: Agent, updatedAt: number): void {
  stmt<[AgentDbRow]>(
    db,
    'INSERT INTO agents (id, name, email, role, group_id, time_zone, language, updated_at) VALUES (@id, @name, @email, @role, @group_id, @time_zone, @language, @updated_at)',
  ).run(agentToRow(agent, updatedAt));
}

export function listSupportLevels(db: Db): SupportLevelInfo[] {
  return stmt<[], SupportLevelInfo>(
    db,
    'SELECT level, name, scope FROM support_levels WHERE deleted_at IS NULL ORDER BY level',
  ).all();
}

export function listGroups(db: Db): Group[] {
  return stmt<[], Group>(db, 'SELECT id, name, level FROM groups WHERE deleted_at IS NULL ORDER BY level, name').all();
}

export function listAgents(db: Db): Agent[] {
  return stmt<[], AgentDbRow>(
    db,
    'SELECT id, name, email, role, group_id, time_zone, language, updated_at FROM agents WHERE deleted_at IS NULL ORDER BY name',
  )
    .all()
    .map(agentFromRow);
}

export function getAgent(db: Db, id: string): Agent | undefined {
  const row = stmt<[string], AgentDbRow>(
    db,
    'SELECT id, name, email, role, group_id, time_zone, language, updated_at FROM agents WHERE id = ?',
  ).get(id);
  return row && agentFromRow(row);
}

/** Whether `id` names an agent that was not deleted (a ticket can be assigned to them). */
export function agentExists(db: Db, id: string): boolean {
  return stmt<[string]>(db, 'SELECT 1 FROM agents WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

export function groupExists(db: Db, id: string): boolean {
  return stmt<[string]>(db, 'SELECT 1 FROM groups WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** The first live group of a support level, by name: where an escalation to that level lands. */
export function firstGroupOfLevel(db: Db, level: string): Group | undefined {
  return stmt<[string], Group>(
    db,
    'SELECT id, name, level FROM groups WHERE level = ? AND deleted_at IS NULL ORDER BY name, id LIMIT 1',
  ).get(level);
}
