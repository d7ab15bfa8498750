import { TOPIC_IDS, type LanguageCorpus, type TopicId } from './corpus-types';
import { CORPUS_DE } from './corpus-de';
import { CORPUS_EN } from './corpus-en';
import { CORPUS_NL } from './corpus-nl';
import { SAMPLE_LANGUAGES } from './places';
import type { Prng } from './prng';

/** The corpus of each sample language, indexed like {@link SAMPLE_LANGUAGES}. */
const CORPORA: readonly LanguageCorpus[] = SAMPLE_LANGUAGES.map((language) => ({ en: CORPUS_EN, nl: CORPUS_NL, de: CORPUS_DE })[language]);

/** Attachment lists as stored JSON, made once: customers attach screenshots, logs, invoices. */
const ATTACHMENTS = [
  [{ name: 'screenshot.png', sizeBytes: 248_113, contentType: 'image/png' }],
  [{ name: 'error-log.txt', sizeBytes: 18_211, contentType: 'text/plain' }],
  [{ name: 'invoice-2024-1187.pdf', sizeBytes: 91_422, contentType: 'application/pdf' }],
  [
    { name: 'IMG_2041.jpg', sizeBytes: 1_833_420, contentType: 'image/jpeg' },
    { name: 'IMG_2042.jpg', sizeBytes: 1_790_211, contentType: 'image/jpeg' },
  ],
].map((list) => JSON.stringify(list));

/** Where a message is written decides its shape: an email has greeting and sign-off, a chat line not. */
export type Register = 'email' | 'chat' | 'form';

interface LanguagePools {
  corpus: LanguageCorpus;
  /** Per topic: every opening, alone and with each extra detail sentence. */
  openings: Record<TopicId, readonly string[]>;
  /** The same openings as HTML paragraphs, for email. */
  openingsHtml: Record<TopicId, readonly string[]>;
  notes: Record<TopicId, readonly string[]>;
  greetingsHtml: readonly string[];
  signoffsHtml: readonly string[];
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function buildPools(corpus: LanguageCorpus): LanguagePools {
  const openings = {} as Record<TopicId, string[]>;
  const openingsHtml = {} as Record<TopicId, string[]>;
  const notes = {} as Record<TopicId, string[]>;
  for (const topic of TOPIC_IDS) {
    const texts = corpus.topics[topic];
    const withDetails = texts.openings.flatMap((opening) => [opening, ...corpus.details.map((d) => `${opening} ${d}`)]);
    openings[topic] = withDetails;
    openingsHtml[topic] = withDetails.map((text) => `<p>${html(text)}</p>`);
    notes[topic] = [...corpus.notes, texts.summary];
  }
  const greetingsHtml = corpus.customerGreetings.map((g) => `<p>${html(g)}</p>`);
  const signoffsHtml = corpus.customerSignoffs.map((g) => `<p>${html(g)}<br>`);
  return { corpus, openings, openingsHtml, notes, greetingsHtml, signoffsHtml };
}

/**
 * Message bodies and subjects for sample tickets, built from texts prepared once; a body costs a
 * few string concatenations, so millions of messages stay cheap.
 */
export class TextPools {
  private readonly pools = CORPORA.map(buildPools);

  constructor(private readonly prng: Prng) {}

  subject(language: number, topic: TopicId): string {
    const corpus = this.pools[language]!.corpus;
    return this.prng.pick(corpus.topics[topic].subjects) + this.prng.pick(corpus.subjectSuffixes);
  }

  /** The customer's first message; `asHtml` for email, which arrives as HTML. */
  customerOpening(language: number, topic: TopicId, register: Register, asHtml: boolean, name: string): string {
    const pools = this.pools[language]!;
    if (asHtml) return this.htmlLetter(pools, this.prng.pick(pools.openingsHtml[topic]), name);
    return this.letter(pools.corpus, this.prng.pick(pools.openings[topic]), register, name);
  }

  customerFollowUp(language: number, register: Register, asHtml: boolean, name: string, solved: boolean): string {
    const pools = this.pools[language]!;
    const text = this.prng.pick(solved ? pools.corpus.customerThanks : pools.corpus.customerFollowUps);
    return asHtml ? this.htmlLetter(pools, `<p>${html(text)}</p>`, name) : this.letter(pools.corpus, text, register, name);
  }

  /** The agent's first answer on a topic. */
  agentReply(language: number, topic: TopicId, register: Register, customerFirstName: string, agentFirstName: string): string {
    const corpus = this.pools[language]!.corpus;
    return this.agentLetter(corpus, this.prng.pick(corpus.topics[topic].replies), register, customerFirstName, agentFirstName);
  }

  /** A later agent message: a follow-up, a hand-over to specialists, a question that waits for the customer, or the closing one. */
  agentLater(language: number, kind: 'follow-up' | 'hand-over' | 'pending' | 'solved', register: Register, customerFirstName: string, agentFirstName: string): string {
    const corpus = this.pools[language]!.corpus;
    const texts = { 'follow-up': corpus.agentFollowUps, 'hand-over': corpus.agentHandOvers, pending: corpus.agentPending, solved: corpus.agentSolved }[kind];
    return this.agentLetter(corpus, this.prng.pick(texts), register, customerFirstName, agentFirstName);
  }

  note(language: number, topic: TopicId): string {
    return this.prng.pick(this.pools[language]!.notes[topic]);
  }

  escalationNote(language: number, level: 'L2' | 'L3' | 'L4'): string {
    return this.prng.pick(this.pools[language]!.corpus.escalations[level]);
  }

  /** The internal note that logs a phone call at the start of a phone ticket. */
  phoneNote(language: number, topic: TopicId): string {
    const corpus = this.pools[language]!.corpus;
    return `${corpus.phoneNotePrefix} ${corpus.topics[topic].summary}`;
  }

  callSummary(language: number, topic: TopicId): string {
    return this.pools[language]!.corpus.topics[topic].summary;
  }

  missedCallNote(language: number): string {
    return this.prng.pick(this.pools[language]!.corpus.missedCallNotes);
  }

  /** Attachments of a customer message as stored JSON: mostly none. */
  attachments(): string {
    return this.prng.chance(0.08) ? this.prng.pick(ATTACHMENTS) : '[]';
  }

  private letter(corpus: LanguageCorpus, text: string, register: Register, name: string): string {
    if (register === 'chat') return text;
    return `${this.prng.pick(corpus.customerGreetings)}\n\n${text}\n\n${this.prng.pick(corpus.customerSignoffs)}\n${name}`;
  }

  private htmlLetter(pools: LanguagePools, paragraphs: string, name: string): string {
    return `${this.prng.pick(pools.greetingsHtml)}\n${paragraphs}\n${this.prng.pick(pools.signoffsHtml)}\n${html(name)}</p>`;
  }

  private agentLetter(corpus: LanguageCorpus, text: string, register: Register, customerFirstName: string, agentFirstName: string): string {
    const greeting = `${corpus.agentGreeting} ${customerFirstName},\n\n${text}`;
    if (register === 'chat') return greeting;
    return `${greeting}\n\n${this.prng.pick(corpus.agentSignoffs)}\n${agentFirstName}`;
  }
}
