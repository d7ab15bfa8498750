import type { Db } from '../../store/db';
import { prepareInsertCall } from '../../store/queries/calls';
import { prepareInsertMessage, type MessageShape } from '../../store/queries/messages';
import { prepareInsertTicket, type TicketDbRow } from '../../store/queries/tickets';
import { SUPPORT_PLANS } from '../../../shared/domain/customer';
import { SUPPORT_LEVELS, type Channel, type SupportLevel, type TicketPriority, type TicketStatus } from '../../../shared/domain/ticket';
import type { ArrivalSchedule } from './arrivals';
import type { SampleCustomers } from './customers';
import { SAMPLE_LANGUAGES } from './places';
import { WeightedPicker, type Prng } from './prng';
import type { SampleAgent, SampleGroup, SampleTeam } from './team';
import type { Register, TextPools } from './text-pools';
import { TOPICS, type TopicProfile } from './topics';
import { uuidv7At } from './uuid7';

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Solved tickets close on their own this long after solving. */
const AUTO_CLOSE_MS = 4 * DAY_MS;

// Thread entries, in the order a ticket's conversation is built.
const CUSTOMER = 0;
const AGENT = 1;
const NOTE = 2;
const ESCALATION = 3;
const PHONE_NOTE = 4;

const TOPIC = new WeightedPicker(TOPICS, TOPICS.map((t) => t.weight));
const LEVEL_BY_TOPIC = new Map<TopicProfile, WeightedPicker<SupportLevel>>(
  TOPICS.map((t) => [t, new WeightedPicker(SUPPORT_LEVELS, SUPPORT_LEVELS.map((l) => t.levels[l]))]),
);
const TAGS_BY_TOPIC = new Map<TopicProfile, readonly string[]>(TOPICS.map((t) => [t, t.tagSets.map((set) => JSON.stringify(set))]));
const CHANNEL = new WeightedPicker<Channel>(['email', 'web', 'chat', 'phone', 'social'], [40, 20, 15, 15, 10]);
const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
// Indexed like SUPPORT_PLANS: enterprise customers raise more high and urgent tickets.
const PRIORITY_BY_PLAN = [
  new WeightedPicker(PRIORITIES, [25, 55, 16, 4]),
  new WeightedPicker(PRIORITIES, [20, 52, 20, 8]),
  new WeightedPicker(PRIORITIES, [12, 48, 27, 13]),
];
const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on-hold', 'solved'];
// Older tickets are mostly solved: [maximum age in days, status weights].
const STATUS_BY_AGE: readonly [number, WeightedPicker<TicketStatus>][] = [
  [1, new WeightedPicker(STATUSES, [35, 35, 15, 3, 12])],
  [3, new WeightedPicker(STATUSES, [10, 30, 22, 5, 33])],
  [7, new WeightedPicker(STATUSES, [3, 15, 15, 5, 62])],
  [21, new WeightedPicker(STATUSES, [1, 6, 6, 4, 83])],
  [Infinity, new WeightedPicker(STATUSES, [0.2, 1, 1, 0.8, 97])],
];
// How long a first answer takes, by priority (minutes, minimum and maximum).
const ANSWER_MINUTES: Record<TicketPriority, readonly [number, number]> = {
  urgent: [5, 90],
  high: [15, 240],
  normal: [30, 600],
  low: [60, 1440],
};
const PLAN_INDEX_ENTERPRISE = SUPPORT_PLANS.indexOf('enterprise');
// Response targets in minutes per plan (indexed like SUPPORT_PLANS) and priority. Sample
// deadlines count wall-clock minutes; the SLA service recomputes them in business time.
const RESPONSE_MINUTES: readonly Record<TicketPriority, number>[] = [
  { urgent: 240, high: 480, normal: 1440, low: 2880 },
  { urgent: 60, high: 240, normal: 480, low: 1440 },
  { urgent: 30, high: 120, normal: 240, low: 480 },
];

/** The shapes of thread entries: a customer's message (markdown or email HTML), an agent's reply, an internal note. */
const CUSTOMER_MESSAGE: MessageShape = { kind: 'reply', authorType: 'customer', bodyFormat: 'markdown' };
const CUSTOMER_EMAIL: MessageShape = { kind: 'reply', authorType: 'customer', bodyFormat: 'html' };
const AGENT_REPLY: MessageShape = { kind: 'reply', authorType: 'agent', bodyFormat: 'markdown' };
const INTERNAL_NOTE: MessageShape = { kind: 'note', authorType: 'agent', bodyFormat: 'markdown' };

/** Where the writer's thread entries go: straight into the store ({@link directMessages}), or to a bulk load's worker. */
export interface MessageSink {
  write(shape: MessageShape, id: string, ticketId: string, authorId: string | null, authorName: string, channel: string, body: string, attachments: string, at: number): void;
}

/** Inserts each message into the store as it comes, with one statement per shape (fixed columns need no binding). */
export function directMessages(db: Db): MessageSink {
  const statements = new Map<MessageShape, ReturnType<typeof prepareInsertMessage>>();
  return {
    write(shape, id, ticketId, authorId, authorName, channel, body, attachments, at) {
      let statement = statements.get(shape);
      if (!statement) {
        statement = prepareInsertMessage(db, shape);
        statements.set(shape, statement);
      }
      statement.run(id, ticketId, authorId, authorName, channel, body, attachments, at, at);
    },
  };
}

/** Rows written so far, per table. */
export interface TicketWriterCounts {
  tickets: number;
  messages: number;
  calls: number;
}

/**
 * Writes sample tickets one by one, each with its thread and calls. The caller wraps calls to
 * {@link SampleTicketWriter.write} in transactions of bounded size; nothing is buffered here.
 */
export class SampleTicketWriter {
  readonly counts: TicketWriterCounts = { tickets: 0, messages: 0, calls: 0 };
  private readonly insertTicket;
  private readonly insertCall;
  // One row object and two arrays reused for every ticket: no garbage per row.
  private readonly row: TicketDbRow = {
    id: '', number: null, subject: '', status: '', priority: '', channel: '', category: null, tags: '[]',
    requester_id: '', organisation_id: null, assignee_id: null, group_id: null, level: '', created_at: 0, updated_at: 0, solved_at: null,
    due_at: null, merged_into_id: null,
  };
  private readonly roles: number[] = [];
  private readonly times: number[] = [];
  private readonly membersByLanguage: Map<SampleGroup, readonly SampleAgent[][]>;
  private readonly helpdeskEmea: SampleGroup;
  private myOpenTickets = 0;

  constructor(
    db: Db,
    private readonly prng: Prng,
    private readonly team: SampleTeam,
    private readonly customers: SampleCustomers,
    private readonly text: TextPools,
    private readonly schedule: ArrivalSchedule,
    private readonly nowMs: number,
    private readonly messages: MessageSink = directMessages(db),
  ) {
    this.insertTicket = prepareInsertTicket(db);
    this.insertCall = prepareInsertCall(db);
    this.membersByLanguage = new Map(
      team.groups.map((g) => [g, SAMPLE_LANGUAGES.map((language) => g.members.filter((m) => m.language === language))]),
    );
    this.helpdeskEmea = team.groupsByLevel.L1[0]!;
  }

  /** Writes ticket number `number` (1-based, in creation order) with its messages and calls. */
  write(number: number): void {
    const { prng, customers, row } = this;
    const createdAt = this.schedule.next(prng);
    // A few customers raise many tickets, most raise one or two.
    const requester = Math.floor(customers.count * Math.pow(prng.float(), 1.6));
    const language = customers.languages[requester]!;
    const topic = TOPIC.pick(prng);
    let channel = CHANNEL.pick(prng);
    if (channel === 'email' && customers.hasEmail[requester] === 0) channel = 'phone';
    const priority = PRIORITY_BY_PLAN[customers.plans[requester]!]!.pick(prng);
    let status = statusFor(prng, (this.nowMs - createdAt) / DAY_MS);
    // New tickets are not triaged yet: they wait at the helpdesk.
    const level = status === 'new' ? 'L1' : LEVEL_BY_TOPIC.get(topic)!.pick(prng);
    const unsolved = status !== 'solved';

    let group = this.groupFor(level, topic, language);
    let assignee: SampleAgent | null;
    if (status === 'new') assignee = prng.chance(0.25) ? this.memberOf(group, language) : null;
    else if (unsolved && prng.chance(0.04)) assignee = null;
    else assignee = this.memberOf(group, language);
    // The signed-in agent gets a steady share of open helpdesk work, and some from the start.
    if (assignee && level === 'L1' && unsolved && (this.myOpenTickets < 12 || prng.chance(0.12))) {
      group = this.helpdeskEmea;
      assignee = this.team.me;
      this.myOpenTickets++;
    }
    // Who answers first: the helpdesk, which escalates to the ticket's level when that is higher.
    const responder = level === 'L1' ? (assignee ?? this.memberOf(group, language)) : this.memberOf(this.groupFor('L1', topic, language), language);
    const handler = assignee ?? this.memberOf(group, language);

    this.planThread(status, channel === 'phone', level);
    this.planTimes(createdAt, priority);
    const lastAt = this.times[this.times.length - 1]!;
    let updatedAt = lastAt;
    let solvedAt: number | null = null;
    if (status === 'solved') {
      solvedAt = Math.min(this.nowMs, lastAt + prng.int(10 * MINUTE_MS));
      updatedAt = solvedAt;
      if (this.nowMs - solvedAt > AUTO_CLOSE_MS && prng.chance(0.85)) {
        status = 'closed';
        updatedAt = solvedAt + AUTO_CLOSE_MS;
      }
    }

    // The next deadline still running: a response to the customer's last message while the
    // ticket is new or open; none while pending or on hold (the clock pauses) or once solved.
    let dueAt: number | null = null;
    if (status === 'new' || status === 'open') {
      dueAt = this.lastCustomerAt() + RESPONSE_MINUTES[customers.plans[requester]!]![priority] * MINUTE_MS;
    }

    const ticketId = uuidv7At(prng, createdAt);
    row.id = ticketId;
    row.number = number;
    row.subject = this.text.subject(language, topic.id);
    row.status = status;
    row.priority = priority;
    row.channel = channel;
    row.category = topic.category;
    const tags = TAGS_BY_TOPIC.get(topic)!;
    row.tags = customers.plans[requester] === PLAN_INDEX_ENTERPRISE && priority === 'urgent' ? addVipTag(prng.pick(tags)) : prng.pick(tags);
    row.requester_id = customers.ids[requester]!;
    row.organisation_id = customers.organisationIds[requester]!;
    row.assignee_id = assignee?.id ?? null;
    row.group_id = group.id;
    row.level = level;
    row.created_at = createdAt;
    row.updated_at = updatedAt;
    row.solved_at = solvedAt;
    row.due_at = dueAt;
    this.insertTicket.run(row);
    this.counts.tickets++;

    this.writeThread(ticketId, requester, language, topic, channel, status, level, responder, handler);
    if (channel === 'phone') this.writePhoneCalls(ticketId, requester, language, topic, createdAt, responder);
    else if (level !== 'L1' && prng.chance(0.04)) this.writeCallBack(ticketId, requester, language, topic, (createdAt + lastAt) / 2, handler);
    if (prng.chance(1 / 40)) this.writeMissedCall(language, createdAt);
  }

  private groupFor(level: SupportLevel, topic: TopicProfile, language: number): SampleGroup {
    const groups = this.team.groupsByLevel[level];
    if (level === 'L2') return groups.find((g) => g.name === topic.l2Group) ?? groups[0]!;
    // English speakers from anywhere reach either helpdesk; Dutch and German ones the EMEA desk.
    if (level === 'L1') return SAMPLE_LANGUAGES[language] === 'en' && this.prng.chance(0.5) ? groups[1]! : groups[0]!;
    return this.prng.pick(groups);
  }

  /** A member of the group, most often one who speaks the customer's language. */
  private memberOf(group: SampleGroup, language: number): SampleAgent {
    const speakers = this.membersByLanguage.get(group)![language]!;
    return speakers.length > 0 && this.prng.chance(0.6) ? this.prng.pick(speakers) : this.prng.pick(group.members);
  }

  /** Decides the entries of the thread: who writes when, ending the way the status says. */
  private planThread(status: TicketStatus, byPhone: boolean, level: SupportLevel): void {
    const { prng, roles } = this;
    roles.length = 0;
    roles.push(byPhone ? PHONE_NOTE : CUSTOMER);
    if (status === 'new') {
      if (prng.chance(0.2)) roles.push(CUSTOMER);
      return;
    }
    // About 5 entries on average (notes, an escalation and the closing reply come on top); one
    // ticket in fifty is a long back-and-forth.
    const length = prng.chance(0.02) ? prng.between(25, 70) : prng.between(2, 5);
    let agentTurn = true;
    let agentReplies = 0;
    while (roles.length < length) {
      if (agentTurn) {
        if (agentReplies > 0 && prng.chance(0.12)) roles.push(NOTE);
        roles.push(AGENT);
        agentReplies++;
        if (agentReplies === 1 && level !== 'L1') roles.push(ESCALATION);
      } else {
        roles.push(CUSTOMER);
      }
      agentTurn = !agentTurn;
    }
    // An escalation is followed by the specialist's answer, never left as the last word.
    if (roles[roles.length - 1] === ESCALATION) roles.push(AGENT);
    let lastVisible = roles.length - 1;
    while (roles[lastVisible] === NOTE || roles[lastVisible] === ESCALATION) lastVisible--;
    const customerLast = roles[lastVisible] === CUSTOMER || roles[lastVisible] === PHONE_NOTE;
    if (status === 'open' && !customerLast) roles.push(CUSTOMER);
    else if (status !== 'open' && customerLast) roles.push(AGENT);
    // On hold: the last word is an internal note about what the team waits for.
    if (status === 'on-hold') roles.push(NOTE);
  }

  /** When the customer last wrote (or called), from the planned thread. */
  private lastCustomerAt(): number {
    for (let k = this.roles.length - 1; k > 0; k--) if (this.roles[k] === CUSTOMER) return this.times[k]!;
    return this.times[0]!;
  }

  /** Spreads the thread's entries from `createdAt`, squeezed to end before now. */
  private planTimes(createdAt: number, priority: TicketPriority): void {
    const { prng, roles, times } = this;
    times.length = roles.length;
    times[0] = 0;
    const [answerMin, answerMax] = ANSWER_MINUTES[priority];
    let total = 0;
    for (let k = 1; k < roles.length; k++) {
      const role = roles[k];
      const previous = roles[k - 1];
      let gap: number;
      if (role === CUSTOMER) gap = 30 * MINUTE_MS + Math.floor(Math.pow(prng.float(), 2) * 2 * DAY_MS);
      else if (role === NOTE || role === ESCALATION) gap = prng.between(2, 60) * MINUTE_MS;
      else if (previous === NOTE || previous === ESCALATION) gap = prng.between(5, 120) * MINUTE_MS;
      else gap = prng.between(answerMin, answerMax) * MINUTE_MS;
      total += gap;
      times[k] = total;
    }
    const room = Math.max(0, this.nowMs - createdAt - MINUTE_MS);
    const scale = total > room ? room / total : 1;
    for (let k = 0; k < times.length; k++) times[k] = createdAt + Math.floor(times[k]! * scale);
  }

  private writeThread(
    ticketId: string,
    requester: number,
    language: number,
    topic: TopicProfile,
    channel: Channel,
    status: TicketStatus,
    level: SupportLevel,
    responder: SampleAgent,
    handler: SampleAgent,
  ): void {
    const { roles, times, text, customers } = this;
    const customerId = customers.ids[requester]!;
    const customerName = customers.names[requester]!;
    const firstName = customers.firstNames[requester]!;
    const register: Register = channel === 'chat' || channel === 'social' ? 'chat' : channel === 'web' ? 'form' : 'email';
    const agentRegister: Register = register === 'chat' ? 'chat' : 'email';
    const html = channel === 'email';
    const solved = status === 'solved' || status === 'closed';
    let lastAgent = -1;
    let lastCustomer = -1;
    for (let k = 0; k < roles.length; k++) if (roles[k] === AGENT) lastAgent = k; else if (roles[k] === CUSTOMER) lastCustomer = k;

    const escalates = level !== 'L1';
    let escalated = false;
    // Replies of the agent now on the ticket: the helpdesk's until the escalation, then the handler's.
    let agentReplies = 0;
    for (let k = 0; k < roles.length; k++) {
      const at = times[k]!;
      const role = roles[k];
      const agent = escalated ? handler : responder;
      const id = uuidv7At(this.prng, at);
      if (role === CUSTOMER) {
        const body = k === 0
          ? text.customerOpening(language, topic.id, register, html, customerName)
          : text.customerFollowUp(language, register, html, customerName, solved && k === lastCustomer);
        this.messages.write(html ? CUSTOMER_EMAIL : CUSTOMER_MESSAGE, id, ticketId, customerId, customerName, channel, body, text.attachments(), at);
      } else if (role === AGENT) {
        let body: string;
        if (escalates && !escalated) body = text.agentLater(language, 'hand-over', agentRegister, firstName, agent.firstName);
        else if (agentReplies === 0) body = text.agentReply(language, topic.id, agentRegister, firstName, agent.firstName);
        else if (k === lastAgent && status === 'pending') body = text.agentLater(language, 'pending', agentRegister, firstName, agent.firstName);
        else if (k === lastAgent && solved) body = text.agentLater(language, 'solved', agentRegister, firstName, agent.firstName);
        else body = text.agentLater(language, 'follow-up', agentRegister, firstName, agent.firstName);
        if (!escalates || escalated) agentReplies++;
        this.messages.write(AGENT_REPLY, id, ticketId, agent.id, agent.name, channel, body, '[]', at);
      } else {
        let body: string;
        if (role === ESCALATION) body = text.escalationNote(language, level as 'L2' | 'L3' | 'L4');
        else if (role === PHONE_NOTE) body = text.phoneNote(language, topic.id);
        else body = text.note(language, topic.id);
        this.messages.write(INTERNAL_NOTE, id, ticketId, agent.id, agent.name, channel, body, '[]', at);
        if (role === ESCALATION) escalated = true;
      }
    }
    this.counts.messages += roles.length;
  }

  /** The inbound call a phone ticket came from, and a callback when nobody answered it. */
  private writePhoneCalls(ticketId: string, requester: number, language: number, topic: TopicProfile, createdAt: number, agent: SampleAgent): void {
    const { prng, customers } = this;
    const customerId = customers.ids[requester]!;
    const number = customers.phones[requester]!;
    const waitMs = prng.between(10, 300) * SECOND_MS;
    const outcome = pickOutcome(prng.float());
    if (outcome === 'answered') {
      const talkMs = prng.between(120, 1500) * SECOND_MS;
      const queuedAt = createdAt - waitMs - talkMs;
      this.call(queuedAt, 'inbound', number, customerId, agent.id, ticketId, queuedAt + waitMs, createdAt, 'answered', this.text.callSummary(language, topic.id));
      return;
    }
    const queuedAt = createdAt - waitMs;
    this.call(queuedAt, 'inbound', number, customerId, null, ticketId, null, createdAt, outcome, outcome === 'voicemail' ? this.text.missedCallNote(language) : '');
    this.writeCallBack(ticketId, requester, language, topic, createdAt + prng.between(10, 180) * MINUTE_MS, agent);
  }

  /** An agent calls the customer back; about one in four goes unanswered. */
  private writeCallBack(ticketId: string, requester: number, language: number, topic: TopicProfile, atMs: number, agent: SampleAgent): void {
    const { prng, customers } = this;
    const queuedAt = Math.floor(atMs);
    if (queuedAt >= this.nowMs - HOUR_MS) return;
    const ringMs = prng.between(5, 30) * SECOND_MS;
    const customerId = customers.ids[requester]!;
    if (prng.chance(0.75)) {
      const endedAt = queuedAt + ringMs + prng.between(180, 900) * SECOND_MS;
      this.call(queuedAt, 'outbound', customers.phones[requester]!, customerId, agent.id, ticketId, queuedAt + ringMs, endedAt, 'answered', this.text.callSummary(language, topic.id));
    } else {
      this.call(queuedAt, 'outbound', customers.phones[requester]!, customerId, agent.id, ticketId, null, queuedAt + ringMs, 'missed', '');
    }
  }

  /** A call that never became a ticket: missed, a voicemail or a callback request, sometimes from an unknown number. */
  private writeMissedCall(language: number, atMs: number): void {
    const { prng, customers } = this;
    const known = prng.chance(0.75);
    const requester = prng.int(customers.count);
    const number = customers.phones[requester]!;
    const outcome = pickOutcome(0.82 + prng.float() * 0.18);
    const endedAt = atMs + prng.between(5, 240) * SECOND_MS;
    // An unknown caller's number is a customer's number with the last digits scrambled.
    const callerNumber = known ? number : number.slice(0, -4) + String(prng.between(1000, 9999));
    this.call(atMs, 'inbound', callerNumber, known ? customers.ids[requester]! : null, null, null, null, endedAt, outcome, outcome === 'missed' ? '' : this.text.missedCallNote(language));
  }

  private call(
    queuedAt: number,
    direction: 'inbound' | 'outbound',
    callerNumber: string,
    customerId: string | null,
    agentId: string | null,
    ticketId: string | null,
    answeredAt: number | null,
    endedAt: number,
    outcome: string,
    notes: string,
  ): void {
    const id = uuidv7At(this.prng, queuedAt);
    this.insertCall.run(id, direction, callerNumber, customerId, agentId, ticketId, queuedAt, answeredAt, endedAt, outcome, notes, endedAt);
    this.counts.calls++;
  }
}

function statusFor(prng: Prng, ageDays: number): TicketStatus {
  for (const [maxAgeDays, picker] of STATUS_BY_AGE) if (ageDays < maxAgeDays) return picker.pick(prng);
  return 'solved';
}

/** Outcome of an inbound call from a uniform draw: answered 82%, voicemail 8%, callback 6%, missed 4%. */
function pickOutcome(x: number): 'answered' | 'voicemail' | 'callback' | 'missed' {
  if (x < 0.82) return 'answered';
  if (x < 0.9) return 'voicemail';
  if (x < 0.96) return 'callback';
  return 'missed';
}

function addVipTag(tagsJson: string): string {
  return tagsJson === '[]' ? '["vip"]' : `${tagsJson.slice(0, -1)},"vip"]`;
}
