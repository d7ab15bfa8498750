import type { Agent, Group, Role, SupportLevelInfo } from '../../../shared/domain/team';
import type { SupportLevel } from '../../../shared/domain/ticket';
import type { SqlExecutor } from '../sql-driver';

interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: string;
  group_id: string | null;
  time_zone: string;
  language: string;
}

function agentFromRow(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    groupId: row.group_id,
    timeZone: row.time_zone,
    language: row.language,
  };
}

const AGENT_COLUMNS = 'id, name, email, role, group_id, time_zone, language';

export async function getAgent(db: SqlExecutor, id: string): Promise<Agent | undefined> {
  const row = await db.get<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = ?`, [id]);
  return row && agentFromRow(row);
}

export async function upsertAgent(db: SqlExecutor, agent: Agent, at: number): Promise<void> {
  await db.run(
    `INSERT INTO agents (${AGENT_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       group_id = excluded.group_id, time_zone = excluded.time_zone, language = excluded.language, updated_at = excluded.updated_at`,
    [agent.id, agent.name, agent.email, agent.role, agent.groupId, agent.timeZone, agent.language, at],
  );
}

interface GroupRow {
  id: string;
  name: string;
  level: string;
}

export async function getGroup(db: SqlExecutor, id: string): Promise<Group | undefined> {
  const row = await db.get<GroupRow>('SELECT id, name, level FROM groups WHERE id = ?', [id]);
  return row && { id: row.id, name: row.name, level: row.level as SupportLevel };
}

export async function upsertGroup(db: SqlExecutor, group: Group, at: number): Promise<void> {
  await db.run(
    `INSERT INTO groups (id, name, level, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, updated_at = excluded.updated_at`,
    [group.id, group.name, group.level, at],
  );
}

export async function upsertLevel(db: SqlExecutor, level: SupportLevelInfo, at: number): Promise<void> {
  await db.run(
    `INSERT INTO levels (level, name, scope, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (level) DO UPDATE SET name = excluded.name, scope = excluded.scope, updated_at = excluded.updated_at`,
    [level.level, level.name, level.scope, at],
  );
}

export async function countLevels(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM levels');
  return Number(row?.n ?? 0);
}
