import type { Db } from '../../store/db';
import { getAgent } from '../../store/queries/team';

/** The author of what the signed-in agent writes: their id and name, or a nameless agent when nobody is signed in. */
export function agentAuthor(db: Db, agentId: string | null): { id: string | null; name: string } {
  const agent = agentId ? getAgent(db, agentId) : undefined;
  return { id: agent?.id ?? null, name: agent?.name ?? 'Agent' };
}
