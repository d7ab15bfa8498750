import type { Macro } from '../../../shared/domain/macro';
import type { Db } from '../../store/db';
import { hasMacros, insertMacro } from '../../store/queries/macros';

type MacroText = Pick<Macro, 'name' | 'body'>;

/** A macro written in English, Dutch and German: one macro per language, the same fields and kind. */
function inEveryLanguage(idStem: string, kind: Macro['kind'], fields: Macro['fields'], texts: Record<'en' | 'nl' | 'de', MacroText>): Omit<Macro, 'updatedAt'>[] {
  return (['en', 'nl', 'de'] as const).map((language, i) => ({ id: `${idStem}${i + 1}`, kind, fields, language, ...texts[language] }));
}

/** The macros a sample store starts with; fixed ids, so seeding twice writes the same rows. */
export const DEFAULT_MACROS: readonly Omit<Macro, 'updatedAt'>[] = [
  ...inEveryLanguage('0193f1c0-0000-7000-8000-00000000010', 'reply', { status: 'pending' }, {
    en: {
      name: 'Ask for details',
      body: 'Hi {{requester.firstName}},\n\nThanks for getting in touch. So we can look into this, could you send us:\n\n- the steps that lead to the problem\n- a screenshot of what you see\n- roughly when it started\n\nKind regards,\n{{agent.firstName}}',
    },
    nl: {
      name: 'Om details vragen',
      body: 'Hallo {{requester.firstName}},\n\nBedankt voor je bericht. Zodat we dit kunnen uitzoeken, wil je ons het volgende sturen:\n\n- de stappen die tot het probleem leiden\n- een schermafbeelding van wat je ziet\n- ongeveer wanneer het begon\n\nMet vriendelijke groet,\n{{agent.firstName}}',
    },
    de: {
      name: 'Details erfragen',
      body: 'Hallo {{requester.firstName}},\n\nvielen Dank für Ihre Nachricht. Damit wir der Sache nachgehen können, senden Sie uns bitte:\n\n- die Schritte, die zum Problem führen\n- einen Screenshot dessen, was Sie sehen\n- ungefähr seit wann es auftritt\n\nMit freundlichen Grüßen\n{{agent.firstName}}',
    },
  }),
  ...inEveryLanguage('0193f1c0-0000-7000-8000-00000000020', 'reply', { status: 'solved' }, {
    en: {
      name: 'Solved: confirm the fix',
      body: 'Hi {{requester.firstName}},\n\nGood news: the problem in ticket #{{ticket.number}} ("{{ticket.subject}}") is solved. If anything still does not work as expected, just reply to this message and the ticket opens again.\n\nKind regards,\n{{agent.name}}',
    },
    nl: {
      name: 'Opgelost: oplossing bevestigen',
      body: 'Hallo {{requester.firstName}},\n\nGoed nieuws: het probleem in ticket #{{ticket.number}} ("{{ticket.subject}}") is opgelost. Werkt er toch nog iets niet zoals verwacht, beantwoord dan gewoon dit bericht en het ticket gaat weer open.\n\nMet vriendelijke groet,\n{{agent.name}}',
    },
    de: {
      name: 'Gelöst: Lösung bestätigen',
      body: 'Hallo {{requester.firstName}},\n\ngute Nachrichten: Das Problem in Ticket #{{ticket.number}} („{{ticket.subject}}") ist gelöst. Falls noch etwas nicht wie erwartet funktioniert, antworten Sie einfach auf diese Nachricht, dann wird das Ticket wieder geöffnet.\n\nMit freundlichen Grüßen\n{{agent.name}}',
    },
  }),
  ...inEveryLanguage('0193f1c0-0000-7000-8000-00000000030', 'note', { status: 'on-hold', level: 'L4' }, {
    en: {
      name: 'Hand over to development',
      body: 'Reproduced for {{organisation.name}}: handed over to development. On hold until a fix is released; {{agent.firstName}} follows up with {{requester.name}}.',
    },
    nl: {
      name: 'Overdragen aan development',
      body: 'Gereproduceerd voor {{organisation.name}}: overgedragen aan development. In de wacht tot er een fix is uitgebracht; {{agent.firstName}} houdt contact met {{requester.name}}.',
    },
    de: {
      name: 'An die Entwicklung übergeben',
      body: 'Für {{organisation.name}} reproduziert: an die Entwicklung übergeben. Zurückgestellt, bis ein Fix veröffentlicht ist; {{agent.firstName}} hält {{requester.name}} auf dem Laufenden.',
    },
  }),
  {
    id: '0193f1c0-0000-7000-8000-000000000401',
    name: 'Urgent to specialists',
    body: '',
    kind: 'note',
    fields: { priority: 'urgent', level: 'L2', assigneeId: null },
    language: null,
  },
];

/**
 * Writes the default macros into a store that has never held any (sample stores; a team's store
 * gets its macros from its backend). Returns how many it wrote.
 */
export function ensureDefaultMacros(db: Db, now: number): number {
  return db.transaction(() => {
    if (hasMacros(db)) return 0;
    for (const macro of DEFAULT_MACROS) insertMacro(db, { ...macro, updatedAt: now });
    return DEFAULT_MACROS.length;
  })();
}
