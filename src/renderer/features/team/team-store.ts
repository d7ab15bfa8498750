import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract/app-contract';
import type { Agent, Group } from '../../../shared/domain/team';
import { api } from '../../api/client';
import { toApiError, type ApiError } from '../../api/api-error';
import { useAgentTimeZone } from '../../i18n/agent-time-zone';

type AppInfo = MethodOutput<'app/get-info'>;

interface TeamState {
  info: AppInfo | null;
  agents: ReadonlyMap<string, Agent>;
  groups: ReadonlyMap<string, Group>;
  error: ApiError | null;
  /** Loads who is signed in and the team, for names and pickers. */
  load(): Promise<void>;
}

/** Who is signed in and the team around them; read by every feature that shows a person or group. */
export const useTeamStore = create<TeamState>()((set) => ({
  info: null,
  agents: new Map(),
  groups: new Map(),
  error: null,
  async load() {
    try {
      const [info, team] = await Promise.all([api.call('app/get-info', {}), api.call('team/get', {})]);
      set({
        info,
        agents: new Map(team.agents.map((agent) => [agent.id, agent])),
        groups: new Map(team.groups.map((group) => [group.id, group])),
        error: null,
      });
      useAgentTimeZone.setState({ timeZone: info.currentAgent?.timeZone });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
}));

/** The name of an agent, or null when the id is null or unknown. */
export function agentName(agentId: string | null): string | null {
  if (agentId === null) return null;
  return useTeamStore.getState().agents.get(agentId)?.name ?? null;
}
