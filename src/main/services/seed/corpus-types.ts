/** What sample tickets are about; each topic has a category, tags and texts in every language. */
export const TOPIC_IDS = [
  'login',
  'billing',
  'export',
  'integration',
  'performance',
  'bug',
  'mobile',
  'users',
  'onboarding',
  'privacy',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** The texts of one topic in one language. */
export interface TopicText {
  /** Ticket subjects as a customer would write them. */
  subjects: readonly string[];
  /** One third-person line an agent writes in a note or a call log. */
  summary: string;
  /** The customer's first message, first person. */
  openings: readonly string[];
  /** The agent's first answer; markdown allowed. */
  replies: readonly string[];
}

/** Every text sample tickets of one language are made of. */
export interface LanguageCorpus {
  topics: Record<TopicId, TopicText>;
  /** Extra sentences a customer adds to a first message. */
  details: readonly string[];
  /** Short endings appended to some subjects. */
  subjectSuffixes: readonly string[];
  customerGreetings: readonly string[];
  customerSignoffs: readonly string[];
  customerFollowUps: readonly string[];
  customerThanks: readonly string[];
  /** Greets the customer by first name: the name follows, then a comma. */
  agentGreeting: string;
  agentSignoffs: readonly string[];
  agentFollowUps: readonly string[];
  /** The helpdesk tells the customer a specialist takes over (before an escalation). */
  agentHandOvers: readonly string[];
  /** The agent waits for the customer (status pending). */
  agentPending: readonly string[];
  /** The agent closes the case (status solved). */
  agentSolved: readonly string[];
  /** Internal notes between agents. */
  notes: readonly string[];
  /** Internal notes that hand a ticket to the next support level. */
  escalations: Record<'L2' | 'L3' | 'L4', readonly string[]>;
  /** Starts the note that logs a phone call. */
  phoneNotePrefix: string;
  /** Notes on calls without a ticket. */
  missedCallNotes: readonly string[];
}
