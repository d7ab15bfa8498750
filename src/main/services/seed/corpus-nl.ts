import type { LanguageCorpus } from './corpus-types';

/** Dutch sample texts. */
export const CORPUS_NL: LanguageCorpus = {
  topics: {
    login: {
      subjects: ['Kan niet inloggen na wachtwoordreset', 'Tweestapscode wordt niet geaccepteerd', 'Buitengesloten van mijn account', 'SSO-login blijft terugspringen naar inlogpagina'],
      summary: 'Klant kan niet inloggen; de tweestapscode wordt geweigerd na een nieuwe telefoon.',
      openings: [
        'Sinds vanochtend kan ik niet meer inloggen. Ik heb mijn wachtwoord al twee keer gereset, maar de inlogpagina blijft zeggen dat de gegevens onjuist zijn.',
        'Ik heb een nieuwe telefoon en nu wordt de code uit de authenticator-app nooit geaccepteerd. Ik kan er helemaal niet meer in en moet vandaag facturen versturen.',
      ],
      replies: [
        'Vervelend! Ik heb de tweestapsverificatie van je account gereset. Bij de volgende keer inloggen kun je een nieuwe QR-code scannen:\n\n1. Ga naar de inlogpagina en vul je e-mailadres en wachtwoord in\n2. Scan de code met je authenticator-app\n3. Vul de zescijferige code in ter bevestiging\n\nLaat het me weten als het nog steeds niet lukt.',
        'Bedankt voor de details. Je account was geblokkeerd na vijf mislukte pogingen; ik heb het weer vrijgegeven. Gebruiken jullie single sign-on, log dan in via **Inloggen met je bedrijfsaccount** in plaats van het wachtwoordformulier.',
      ],
    },
    billing: {
      subjects: ['Factuur heeft verkeerd btw-tarief', 'Deze maand twee keer afgeschreven', 'Verzoek om terugbetaling', 'Factuuradres wijzigen'],
      summary: 'Klant meldt een fout op de laatste abonnementsfactuur.',
      openings: [
        'Op jullie laatste factuur staat 21% btw, maar wij zijn een bedrijf in een ander EU-land en de btw zou verlegd moeten worden. Kunnen jullie de factuur corrigeren?',
        'Er is deze maand twee keer hetzelfde bedrag van mijn creditcard afgeschreven. Kunnen jullie dit controleren en de dubbele betaling terugstorten?',
      ],
      replies: [
        'Je hebt gelijk, het btw-nummer op je account was nog niet gevalideerd. Ik heb het gevalideerd en een creditnota gemaakt; de gecorrigeerde factuur staat onder **Instellingen → Facturatie → Facturen**.',
        'Ik zie de dubbele afschrijving. Ik heb de tweede betaling teruggestort; afhankelijk van je bank staat het bedrag binnen 5 à 10 werkdagen op je rekening.',
      ],
    },
    export: {
      subjects: ['CSV-export bevat rare tekens', 'Export naar Excel loopt vast', 'Jaaroverzicht is leeg', 'Alle facturen van 2024 als pdf nodig'],
      summary: 'Klant heeft problemen met exporteren (tekencodering of time-out).',
      openings: [
        'Als ik onze klantenlijst naar CSV exporteer en in Excel open, worden alle letters met accenten vreemde tekens. Een naam als Müller wordt MÃ¼ller.',
        'De jaarexport van alle transacties loopt een paar minuten en stopt dan met "Er is iets misgegaan". Onze boekhouder heeft hem deze week nodig.',
      ],
      replies: [
        'Excel gaat bij CSV-bestanden uit van een oude tekenset. Kies **Exporteren → CSV (geschikt voor Excel)**, of importeer het bestand via **Gegevens → Van tekst/CSV** en kies UTF-8.',
        'Grote exports draaien nu op de achtergrond. Start de export opnieuw; je krijgt een e-mail met een downloadlink zodra hij klaar is, meestal binnen 15 minuten.',
      ],
    },
    integration: {
      subjects: ['API geeft sinds gisteren 401', 'Webhooks komen niet meer binnen', 'Koppeling met Exact Online faalt', 'Synchronisatie maakt dubbele relaties aan'],
      summary: 'Koppeling van de klant faalt: API-aanroepen worden geweigerd of webhooks komen niet aan.',
      openings: [
        'Onze koppeling krijgt sinds gistermiddag bij elke API-aanroep 401 Unauthorized. Wij hebben aan onze kant niets veranderd.',
        'De webhook voor betaalde facturen komt niet meer binnen op ons endpoint. De laatste melding die we kregen is van drie dagen geleden.',
      ],
      replies: [
        'API-sleutels die vóór vorige maand zijn gemaakt, zijn op de 1e verlopen. Maak een nieuwe sleutel aan onder **Instellingen → Ontwikkelaars → API-sleutels** en vervang hem in jullie koppeling.',
        'In onze logs zie ik dat jullie endpoint een paar keer achter elkaar niet op tijd antwoordde, waardoor de webhook automatisch is gepauzeerd. Ik heb hem weer aangezet; elke poging staat onder **Ontwikkelaars → Webhooks**.',
      ],
    },
    performance: {
      subjects: ['Dashboard laadt pas na een minuut', 'Alles is vandaag erg traag', 'Rapportages lopen vast', 'Zoeken is traag met veel facturen'],
      summary: 'Klant meldt trage pagina\'s of time-outs; omvang van het account onderzoeken.',
      openings: [
        'Het dashboard is sinds ongeveer een week erg traag. Het duurt bijna een minuut voordat de grafieken verschijnen, en soms laadt het helemaal niet.',
        'De rapportagepagina loopt bij iedereen op kantoor vast. Andere pagina\'s werken wel gewoon.',
      ],
      replies: [
        'Bedankt voor je melding. Je account heeft erg veel openstaande facturen, waardoor één grafiek op het dashboard traag is. We zoeken het uit; tot die tijd kun je die grafiek verbergen via het tandwiel.',
        'Vanochtend tussen 09:10 en 10:40 was een databaseserver in jouw regio traag. Die is vervangen en alles zou weer normaal moeten laden. Excuses voor het ongemak.',
      ],
    },
    bug: {
      subjects: ['Foutmelding 500 bij opslaan factuur', 'Knop Opslaan doet niets', 'Totalen worden verkeerd afgerond', 'Korting verdwijnt na bewerken'],
      summary: 'Klant krijgt een fout bij opslaan; lijkt een fout in het product.',
      openings: [
        'Als ik een factuur met meer dan 20 regels wil opslaan, krijg ik "Fout 500 – interne fout". Kleinere facturen gaan goed.',
        'Als ik een korting toevoeg, opsla en daarna een regel wijzig, is de korting weg. Dit is nu bij meerdere facturen gebeurd.',
      ],
      replies: [
        'Ik kon het naspelen op een testaccount, dank voor de duidelijke stappen. Ik heb het met jouw voorbeeld doorgezet naar onze specialisten; tot het opgelost is kun je de factuur in tweeën splitsen.',
        'Dank je, dit is een fout aan onze kant. Onze ontwikkelaars hebben een oplossing klaar die in de volgende release meegaat. Ik laat het je weten zodra die live staat.',
      ],
    },
    mobile: {
      subjects: ['App crasht bij opstarten (Android)', 'iPhone-app synchroniseert niet', 'Geen pushmeldingen meer', 'Bonnetjes scannen lukt niet in de app'],
      summary: 'Probleem met de mobiele app: crasht of synchroniseert niet na een update.',
      openings: [
        'Sinds de laatste update sluit de Android-app direct nadat ik hem open. Ik heb hem al opnieuw geïnstalleerd.',
        'Bonnetjes die ik op mijn iPhone scan, verschijnen nooit in de webversie. De app blijft op "wacht op synchronisatie" staan.',
      ],
      replies: [
        'Bedankt voor je melding. Versie 5.3.1 van de app, vandaag uitgebracht, lost een crash op sommige Android-toestellen op. Werk de app bij via de Play Store en laat het me weten als het nog gebeurt.',
        'Open de app, ga naar **Instellingen → Account**, log uit en log opnieuw in. Dan start de synchronisatie opnieuw; je bonnetjes blijven op de telefoon tot ze geüpload zijn.',
      ],
    },
    users: {
      subjects: ['Nieuwe collega toevoegen aan ons account', 'Gebruiker verwijderen die uit dienst is', 'Boekhouder alleen leesrechten geven', 'Eigenaar van het account wijzigen'],
      summary: 'Klant vraagt een wijziging van gebruikers of rechten op het account.',
      openings: [
        'Een collega is uit dienst. Kunnen jullie haar toegang intrekken? Ik kan niet vinden hoe ik dat zelf doe.',
        'Onze externe boekhouder moet onze facturen kunnen inzien maar niets wijzigen. Welke rol moet ik hem geven?',
      ],
      replies: [
        'Eigenaren van een account beheren gebruikers onder **Instellingen → Team**. Klik op de gebruiker en kies **Verwijderen uit account**; facturen en historie blijven bewaard.',
        'De rol **Boekhouder (alleen lezen)** past hierbij: die kan alles inzien en exporteren, maar geen facturen maken of wijzigen. Je nodigt hem uit via **Instellingen → Team → Uitnodigen**.',
      ],
    },
    onboarding: {
      subjects: ['Hoe importeer ik mijn bestaande klanten?', 'Vraag over factuurnummering', 'Aan de slag: eerste stappen', 'Training voor ons nieuwe team'],
      summary: 'Nieuwe klant heeft vragen bij het inrichten van het account.',
      openings: [
        'We zijn net begonnen met jullie product. Kan ik onze bestaande klanten uit ons oude systeem importeren in plaats van ze over te typen?',
        'Hoe laat ik de factuurnummers doorlopen vanaf ons vorige systeem? Het volgende nummer moet 2024-1187 zijn.',
      ],
      replies: [
        'Welkom! Je kunt klanten importeren uit een CSV- of Excelbestand via **Klanten → Importeren**. Download daar het sjabloon, vul het in, en de import controleert elke regel voordat er iets wordt opgeslagen.',
        'Onder **Instellingen → Facturen → Nummering** stel je het voorvoegsel en het volgende nummer in. De wijziging geldt vanaf de volgende factuur.',
      ],
    },
    privacy: {
      subjects: ['Verzoek om mijn persoonsgegevens te verwijderen', 'Waar worden onze gegevens opgeslagen?', 'Verwerkersovereenkomst nodig', 'Inzage in alle gegevens over mij'],
      summary: 'Privacyverzoek (AVG): verwijderen, inzage of verwerkersovereenkomst.',
      openings: [
        'Op grond van de AVG wil ik dat al mijn persoonsgegevens uit jullie systemen worden verwijderd. Graag een bevestiging als dat gebeurd is.',
        'Onze juridische afdeling vraagt om een getekende verwerkersovereenkomst en een lijst met subverwerkers. Kunnen jullie die sturen?',
      ],
      replies: [
        'We hebben je verzoek ontvangen. Om je gegevens te beschermen moeten we eerst zeker weten dat jij het bent: antwoord alsjeblieft vanaf het e-mailadres van het account. We verwijderen gegevens binnen 30 dagen.',
        'De verwerkersovereenkomst, door ons al ondertekend, download je via **Instellingen → Juridisch**. De lijst met subverwerkers staat op onze website onder Vertrouwen.',
      ],
    },
  },
  details: [
    'Het begon na de update van gisteren.',
    'Drie collega\'s hebben hetzelfde probleem.',
    'We hebben het Business-abonnement.',
    'Ik heb het in Chrome en in Firefox geprobeerd.',
    'Het is voor ons vrij dringend.',
    'Ik heb een schermafbeelding bijgevoegd.',
    'Vorige week werkte het nog prima.',
  ],
  subjectSuffixes: ['', '', '', '', ' (dringend)', ' – opnieuw', ' - vervolg', ' [ref. 4471]'],
  customerGreetings: ['Hallo,', 'Goedemorgen,', 'Beste support,', 'Hoi,', 'Goedemiddag,'],
  customerSignoffs: ['Met vriendelijke groet,', 'Groet,', 'Alvast bedankt,', 'Groetjes,', 'Mvg,'],
  customerFollowUps: [
    'Bedankt voor het snelle antwoord. Ik heb het geprobeerd, maar het werkt nog steeds niet.',
    'Ik heb gedaan wat je voorstelde. Op mijn laptop is het opgelost, maar bij mijn collega niet.',
    'Is er al nieuws? We wachten nog steeds.',
    'Hierbij de gevraagde informatie. De fout trad op rond 14:20.',
    'Kunnen jullie mij bellen? Telefonisch is het makkelijker uit te leggen.',
    'Sorry voor de late reactie, ik was een paar dagen weg. Het probleem is er nog steeds.',
    'Vanochtend gebeurde het weer, dezelfde foutmelding als eerst.',
  ],
  customerThanks: [
    'Dat was het, dank je wel!',
    'Het werkt weer. Bedankt voor de hulp.',
    'Top, alles is opgelost. Fijne dag!',
    'Perfect, hartelijk dank.',
  ],
  agentGreeting: 'Hoi',
  agentSignoffs: ['Met vriendelijke groet,', 'Groet,', 'Fijne dag,', 'Hartelijke groet,'],
  agentFollowUps: [
    'Bedankt voor het controleren. Kun je een schermafbeelding van de fout sturen en het tijdstip waarop het gebeurde? Dan zoek ik het op in onze logs.',
    'Ik heb verder gezocht en de oorzaak gevonden. Probeer het nu nog eens.',
    'Ik heb een collega van ons specialistenteam gevraagd mee te kijken. Ik laat het je weten zodra ik iets hoor.',
    'Welke browser en versie gebruik je? Je vindt dat onder **Help → Over**.',
    'We zijn er nog mee bezig. Bedankt voor je geduld.',
  ],
  agentHandOvers: [
    'Bedankt voor de details. Hier is een specialist voor nodig, dus ik heb je ticket aan hen doorgegeven; zij nemen contact met je op.',
    'Vanuit de helpdesk kon ik dit niet oplossen, dus ik heb het met alles wat je stuurde doorgezet naar ons specialistenteam. Je hoort snel van hen.',
  ],
  agentPending: [
    'Laat je me weten of dit werkt? Ik houd het ticket open tot ik van je hoor.',
    'Om verder te kunnen heb ik het factuurnummer en de precieze foutmelding nodig. Kun je die sturen?',
    'Probeer de stappen hierboven en antwoord op deze e-mail met het resultaat.',
  ],
  agentSolved: [
    'Fijn dat het weer werkt! Ik sluit dit ticket; antwoord gerust als er nog iets is.',
    'De oplossing staat live voor alle accounts. Ik zet dit ticket op opgelost.',
    'Ik heb de wijziging in je account doorgevoerd. Je ziet het meteen.',
  ],
  notes: [
    'Logs bekeken: de fouten begonnen na de deploy van 14:00.',
    'Belangrijke klant, graag met voorrang oppakken.',
    'Zelfde probleem als het ticket van vorige week; beide gekoppeld.',
    'Geprobeerd na te spelen op staging, nog niet gelukt.',
    'Klant gebeld, geen gehoor. Morgenochtend opnieuw proberen.',
    'Bekend probleem, oplossing gepland voor de volgende release.',
    'Account heeft een openstaande factuur; facturatie op de hoogte gebracht.',
  ],
  escalations: {
    L2: ['Doorgezet naar L2: hier is een specialist voor deze configuratie nodig.', 'L1-stappen gedaan (cache, andere browser, reset). Doorgezet naar L2.'],
    L3: ['Doorgezet naar L3: nagespeeld, lijkt een dataprobleem in het account.', 'Expert nodig: logs bijgevoegd, niet op te lossen met L2-tools.'],
    L4: ['Doorgezet naar L4 (ontwikkeling): bevestigde bug, stappen om na te spelen hierboven.', 'Overgedragen aan ontwikkeling: reproduceerbaar op de laatste release.'],
  },
  phoneNotePrefix: 'Telefoongesprek:',
  missedCallNotes: ['', 'Geen voicemail ingesproken.', 'Voicemail: vraagt om terugbellen over een factuur.', 'Voicemail: vraag over inloggen, na 14:00 terugbellen.'],
};
