import type { Db } from '../../store/db';
import { insertAgent, insertGroup, insertSupportLevel } from '../../store/queries/team';
import type { SupportLevel } from '../../../shared/domain/ticket';
import type { Role, SupportLevelInfo } from '../../../shared/domain/team';
import { FIRST_NAMES, LAST_NAMES, mailSafe } from './names';
import type { SampleLanguage } from './places';
import type { Prng } from './prng';
import { uuidv7At } from './uuid7';

/** The support levels of the sample team: name and what each handles. */
export const SAMPLE_LEVELS: readonly SupportLevelInfo[] = [
  { level: 'L1', name: 'Helpdesk', scope: 'First contact: logs and categorises every request, answers known questions, escalates the rest.' },
  { level: 'L2', name: 'Specialists', scope: 'Product specialists per area (billing, integrations, apps): configuration, reproduction, workarounds.' },
  { level: 'L3', name: 'Experts', scope: 'Senior engineers for complex cases: data repairs, performance, infrastructure and incidents.' },
  { level: 'L4', name: 'Development', scope: 'The product developers: confirmed bugs, code changes and releases.' },
];

type Zone = readonly [timeZone: string, language: SampleLanguage];
const AMS: Zone = ['Europe/Amsterdam', 'nl'];
const BER: Zone = ['Europe/Berlin', 'de'];

/** Groups staffing each level, with their size and where their agents sit. */
const GROUPS: readonly { name: string; level: SupportLevel; size: number; zones: readonly Zone[] }[] = [
  { name: 'Helpdesk EMEA', level: 'L1', size: 10, zones: [AMS, BER, ['Europe/Dublin', 'en'], ['Europe/London', 'en']] },
  { name: 'Helpdesk Americas & APAC', level: 'L1', size: 6, zones: [['America/New_York', 'en'], ['America/Chicago', 'en'], ['Asia/Kolkata', 'en'], ['Australia/Adelaide', 'en']] },
  { name: 'Billing & Accounts', level: 'L2', size: 4, zones: [AMS, BER, ['Europe/London', 'en']] },
  { name: 'Integrations', level: 'L2', size: 4, zones: [AMS, BER, ['Asia/Kolkata', 'en']] },
  { name: 'Mobile & Apps', level: 'L2', size: 3, zones: [AMS, ['Europe/Dublin', 'en']] },
  { name: 'Platform Experts', level: 'L3', size: 4, zones: [AMS, BER, ['Asia/Kolkata', 'en']] },
  { name: 'Core Development', level: 'L4', size: 3, zones: [AMS, BER] },
];

/** An agent of the sample team, with what ticket generation needs at hand. */
export interface SampleAgent {
  id: string;
  name: string;
  firstName: string;
  groupId: string | null;
  level: SupportLevel;
  language: SampleLanguage;
}

/** A group with its members. */
export interface SampleGroup {
  id: string;
  name: string;
  level: SupportLevel;
  members: readonly SampleAgent[];
}

/** The sample team; `me` is the L1 agent signed in on this desktop. */
export interface SampleTeam {
  groups: readonly SampleGroup[];
  groupsByLevel: Record<SupportLevel, readonly SampleGroup[]>;
  agents: readonly SampleAgent[];
  me: SampleAgent;
}

/** Writes support levels, groups and agents (about 35); returns them for ticket generation. */
export function seedTeam(db: Db, prng: Prng, createdAtMs: number): SampleTeam {
  for (const info of SAMPLE_LEVELS) insertSupportLevel(db, info, createdAtMs);
  const groups: SampleGroup[] = [];
  const agents: SampleAgent[] = [];
  const usedNames = new Set<string>();
  let tick = createdAtMs;

  const makeAgent = (groupId: string | null, level: SupportLevel, zone: Zone, role: Role): SampleAgent => {
    const [timeZone, language] = zone;
    let firstName: string;
    let lastName: string;
    do {
      firstName = prng.pick(FIRST_NAMES[language]);
      lastName = prng.pick(LAST_NAMES[language]);
    } while (usedNames.has(`${firstName} ${lastName}`));
    const name = `${firstName} ${lastName}`;
    usedNames.add(name);
    const id = uuidv7At(prng, tick++);
    const email = `${mailSafe(firstName)}.${mailSafe(lastName)}@ledgerline.example`;
    insertAgent(db, { id, name, email, role, groupId, timeZone, language }, createdAtMs);
    const agent: SampleAgent = { id, name, firstName, groupId, level, language };
    agents.push(agent);
    return agent;
  };

  for (const [g, spec] of GROUPS.entries()) {
    const id = uuidv7At(prng, tick++);
    insertGroup(db, { id, name: spec.name, level: spec.level }, createdAtMs);
    const members: SampleAgent[] = [];
    for (let i = 0; i < spec.size; i++) {
      // The last member of each group leads it; two L1/L2 agents also write the knowledge base.
      const role: Role = i === spec.size - 1 ? 'lead' : i === 1 && g < 3 ? 'author' : 'agent';
      // The first Helpdesk EMEA agent is the one signed in: Amsterdam, like the team's office.
      const zone = g === 0 && i === 0 ? AMS : spec.zones[i % spec.zones.length]!;
      members.push(makeAgent(id, spec.level, zone, role));
    }
    groups.push({ id, name: spec.name, level: spec.level, members });
  }
  // The admin manages the workspace and belongs to no group, so no tickets land with them.
  makeAgent(null, 'L3', AMS, 'admin');

  const groupsByLevel = { L1: [], L2: [], L3: [], L4: [] } as Record<SupportLevel, SampleGroup[]>;
  for (const group of groups) groupsByLevel[group.level].push(group);
  return { groups, groupsByLevel, agents, me: groups[0]!.members[0]! };
}
