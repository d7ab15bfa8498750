import type { LanguageCorpus } from './corpus-types';

/** German sample texts. */
export const CORPUS_DE: LanguageCorpus = {
  topics: {
    login: {
      subjects: ['Anmeldung nach Passwort-Reset nicht möglich', 'Zwei-Faktor-Code wird nicht akzeptiert', 'Aus meinem Konto ausgesperrt', 'SSO-Anmeldung springt zur Login-Seite zurück'],
      summary: 'Kunde kann sich nicht anmelden; der Zwei-Faktor-Code wird nach einem Handywechsel abgelehnt.',
      openings: [
        'Seit heute Morgen kann ich mich nicht mehr anmelden. Ich habe mein Passwort zweimal zurückgesetzt, aber die Anmeldeseite meldet weiterhin falsche Zugangsdaten.',
        'Ich habe ein neues Handy und jetzt wird der Code aus der Authenticator-App nie akzeptiert. Ich bin komplett ausgesperrt und muss heute Rechnungen verschicken.',
      ],
      replies: [
        'Das tut mir leid! Ich habe die Zwei-Faktor-Einrichtung Ihres Kontos zurückgesetzt. Bei der nächsten Anmeldung können Sie einen neuen QR-Code scannen:\n\n1. Öffnen Sie die Anmeldeseite und geben Sie E-Mail und Passwort ein\n2. Scannen Sie den Code mit Ihrer Authenticator-App\n3. Bestätigen Sie mit dem sechsstelligen Code\n\nGeben Sie mir Bescheid, falls es weiterhin nicht klappt.',
        'Danke für die Details. Ihr Konto wurde nach fünf Fehlversuchen gesperrt; ich habe es wieder freigegeben. Wenn Sie Single Sign-on nutzen, melden Sie sich bitte über **Mit Firmenkonto anmelden** an statt über das Passwortformular.',
      ],
    },
    billing: {
      subjects: ['Rechnung mit falschem Mehrwertsteuersatz', 'Diesen Monat doppelt abgebucht', 'Bitte um Erstattung', 'Rechnungsadresse ändern'],
      summary: 'Kunde meldet einen Fehler auf der letzten Abonnementrechnung.',
      openings: [
        'Auf Ihrer letzten Rechnung sind 21 % Mehrwertsteuer ausgewiesen, wir sind aber ein Unternehmen in einem anderen EU-Land und es müsste das Reverse-Charge-Verfahren gelten. Können Sie die Rechnung korrigieren?',
        'Meine Kreditkarte wurde für denselben Monat zweimal belastet. Könnten Sie das prüfen und die doppelte Zahlung erstatten?',
      ],
      replies: [
        'Sie haben recht, die USt-IdNr. in Ihrem Konto war noch nicht geprüft. Ich habe sie geprüft und eine Gutschrift erstellt; die korrigierte Rechnung finden Sie unter **Einstellungen → Abrechnung → Rechnungen**.',
        'Ich sehe die doppelte Abbuchung. Ich habe die Erstattung der zweiten Zahlung veranlasst; je nach Bank ist der Betrag in 5–10 Werktagen auf Ihrem Konto.',
      ],
    },
    export: {
      subjects: ['CSV-Export enthält kaputte Umlaute', 'Export nach Excel bricht ab', 'Jahresbericht-Export ist leer', 'Alle Rechnungen 2024 als PDF benötigt'],
      summary: 'Kunde hat Probleme beim Export (Zeichenkodierung oder Zeitüberschreitung).',
      openings: [
        'Wenn ich unsere Kundenliste als CSV exportiere und in Excel öffne, werden alle Umlaute zu seltsamen Zeichen. Aus Müller wird MÃ¼ller.',
        'Der Jahresexport aller Buchungen läuft ein paar Minuten und bricht dann mit „Etwas ist schiefgelaufen" ab. Unser Steuerberater braucht ihn diese Woche.',
      ],
      replies: [
        'Excel nimmt bei CSV-Dateien eine alte Zeichenkodierung an. Wählen Sie bitte **Exportieren → CSV (Excel-kompatibel)** oder importieren Sie die Datei über **Daten → Aus Text/CSV** mit UTF-8.',
        'Große Exporte laufen jetzt im Hintergrund. Starten Sie den Export erneut; Sie erhalten eine E-Mail mit einem Download-Link, sobald er fertig ist, meist innerhalb von 15 Minuten.',
      ],
    },
    integration: {
      subjects: ['API liefert seit gestern 401', 'Webhooks kommen nicht mehr an', 'Synchronisation mit DATEV schlägt fehl', 'Schnittstelle legt Kontakte doppelt an'],
      summary: 'Die Integration des Kunden schlägt fehl: API-Aufrufe werden abgelehnt oder Webhooks kommen nicht an.',
      openings: [
        'Unsere Integration erhält seit gestern Nachmittag bei jedem API-Aufruf 401 Unauthorized. Auf unserer Seite haben wir nichts geändert.',
        'Der Webhook für bezahlte Rechnungen erreicht unseren Endpunkt nicht mehr. Die letzte Zustellung war vor drei Tagen.',
      ],
      replies: [
        'API-Schlüssel, die vor dem letzten Monat erstellt wurden, sind am 1. abgelaufen. Bitte erstellen Sie unter **Einstellungen → Entwickler → API-Schlüssel** einen neuen Schlüssel und tauschen Sie ihn in Ihrer Integration aus.',
        'Laut unseren Logs hat Ihr Endpunkt mehrmals hintereinander nicht rechtzeitig geantwortet, daher wurde der Webhook automatisch pausiert. Ich habe ihn wieder aktiviert; jeden Zustellversuch sehen Sie unter **Entwickler → Webhooks**.',
      ],
    },
    performance: {
      subjects: ['Dashboard lädt erst nach einer Minute', 'Heute ist alles sehr langsam', 'Berichte laufen in Zeitüberschreitung', 'Suche ist bei vielen Rechnungen langsam'],
      summary: 'Kunde meldet langsame Seiten oder Zeitüberschreitungen; Kontogröße prüfen.',
      openings: [
        'Das Dashboard ist seit etwa einer Woche sehr langsam. Es dauert fast eine Minute, bis die Diagramme erscheinen, und manchmal lädt es gar nicht.',
        'Die Berichtsseite läuft bei allen im Büro in eine Zeitüberschreitung. Andere Seiten funktionieren normal.',
      ],
      replies: [
        'Danke für Ihre Meldung. Ihr Konto hat sehr viele offene Rechnungen, wodurch ein Diagramm im Dashboard langsam ist. Wir sehen uns das an; bis dahin können Sie das Diagramm über das Zahnrad ausblenden.',
        'Heute Morgen zwischen 09:10 und 10:40 war ein Datenbankserver in Ihrer Region langsam. Er wurde ersetzt, alle Seiten sollten wieder normal laden. Entschuldigen Sie die Störung.',
      ],
    },
    bug: {
      subjects: ['Fehler 500 beim Speichern einer Rechnung', 'Speichern-Knopf reagiert nicht', 'Summen werden falsch gerundet', 'Rabatt verschwindet nach Bearbeiten'],
      summary: 'Kunde erhält einen Fehler beim Speichern; vermutlich ein Produktfehler.',
      openings: [
        'Wenn ich eine Rechnung mit mehr als 20 Positionen speichern will, erscheint „Fehler 500 – interner Fehler". Kleinere Rechnungen lassen sich speichern.',
        'Wenn ich einer Rechnung einen Rabatt hinzufüge, speichere und danach eine Position ändere, ist der Rabatt weg. Das ist jetzt bei mehreren Rechnungen passiert.',
      ],
      replies: [
        'Ich konnte das auf einem Testkonto nachstellen, danke für die genaue Beschreibung. Ich habe es mit Ihrem Beispiel an unsere Spezialisten weitergegeben; bis zur Behebung können Sie die Rechnung aufteilen.',
        'Danke, das ist ein Fehler auf unserer Seite. Unsere Entwickler haben eine Korrektur, die mit dem nächsten Release kommt. Ich melde mich, sobald sie live ist.',
      ],
    },
    mobile: {
      subjects: ['App stürzt beim Start ab (Android)', 'iPhone-App synchronisiert nicht', 'Keine Push-Benachrichtigungen mehr', 'Belege scannen in der App geht nicht'],
      summary: 'Problem mit der mobilen App: stürzt ab oder synchronisiert nach einem Update nicht.',
      openings: [
        'Seit dem letzten Update schließt sich die Android-App sofort nach dem Öffnen. Ich habe sie bereits neu installiert.',
        'Belege, die ich mit dem iPhone scanne, erscheinen nie in der Web-App. Die App zeigt dauerhaft „Warte auf Synchronisierung".',
      ],
      replies: [
        'Danke für den Hinweis. Version 5.3.1 der App, heute veröffentlicht, behebt einen Absturz auf einigen Android-Geräten. Bitte aktualisieren Sie über den Play Store und melden Sie sich, falls es wieder passiert.',
        'Bitte öffnen Sie die App, gehen Sie zu **Einstellungen → Konto**, melden Sie sich ab und wieder an. Damit startet die Synchronisierung neu; Ihre Belege bleiben bis zum Hochladen auf dem Telefon.',
      ],
    },
    users: {
      subjects: ['Neuen Kollegen zum Konto hinzufügen', 'Ausgeschiedenen Benutzer entfernen', 'Steuerberater nur Lesezugriff geben', 'Kontoinhaber ändern'],
      summary: 'Kunde bittet um eine Änderung an Benutzern oder Berechtigungen des Kontos.',
      openings: [
        'Eine Kollegin hat das Unternehmen verlassen. Können Sie ihren Zugang entfernen? Ich finde nicht, wo ich das selbst mache.',
        'Unser externer Steuerberater soll unsere Rechnungen sehen, aber nichts ändern dürfen. Welche Rolle muss ich ihm geben?',
      ],
      replies: [
        'Kontoinhaber verwalten Benutzer unter **Einstellungen → Team**. Klicken Sie auf den Benutzer und wählen Sie **Aus Konto entfernen**; Rechnungen und Verlauf bleiben erhalten.',
        'Die Rolle **Steuerberater (nur lesen)** passt: Sie kann alles sehen und exportieren, aber keine Rechnungen anlegen oder ändern. Einladen können Sie ihn unter **Einstellungen → Team → Einladen**.',
      ],
    },
    onboarding: {
      subjects: ['Wie importiere ich meine bestehenden Kunden?', 'Frage zur Rechnungsnummerierung', 'Erste Schritte', 'Schulung für unser neues Team'],
      summary: 'Neukunde hat Fragen bei der Einrichtung des Kontos.',
      openings: [
        'Wir haben gerade mit Ihrem Produkt angefangen. Kann ich unsere bestehenden Kunden aus dem alten System importieren, statt sie abzutippen?',
        'Wie kann ich die Rechnungsnummern aus unserem bisherigen System fortführen? Die nächste Nummer soll 2024-1187 sein.',
      ],
      replies: [
        'Willkommen! Kunden importieren Sie aus einer CSV- oder Excel-Datei unter **Kunden → Importieren**. Laden Sie dort die Vorlage herunter; der Import prüft jede Zeile, bevor etwas gespeichert wird.',
        'Unter **Einstellungen → Rechnungen → Nummerierung** legen Sie Präfix und nächste Nummer fest. Die Änderung gilt ab der nächsten Rechnung.',
      ],
    },
    privacy: {
      subjects: ['Antrag auf Löschung meiner personenbezogenen Daten', 'Wo werden unsere Daten gespeichert?', 'Auftragsverarbeitungsvertrag benötigt', 'Auskunft über alle Daten zu meiner Person'],
      summary: 'Datenschutzanfrage (DSGVO): Löschung, Auskunft oder Auftragsverarbeitungsvertrag.',
      openings: [
        'Gemäß DSGVO bitte ich um Löschung aller meiner personenbezogenen Daten aus Ihren Systemen. Bitte bestätigen Sie mir die Löschung.',
        'Unsere Rechtsabteilung benötigt einen unterschriebenen Auftragsverarbeitungsvertrag und eine Liste der Unterauftragsverarbeiter. Können Sie uns diese schicken?',
      ],
      replies: [
        'Wir haben Ihren Antrag erhalten. Zum Schutz Ihrer Daten müssen wir zuerst sicherstellen, dass er von Ihnen stammt: Bitte antworten Sie von der E-Mail-Adresse des Kontos. Löschungen erledigen wir innerhalb von 30 Tagen.',
        'Den von uns bereits unterschriebenen Auftragsverarbeitungsvertrag finden Sie unter **Einstellungen → Rechtliches**. Die Liste der Unterauftragsverarbeiter steht auf unserer Website unter Vertrauen.',
      ],
    },
  },
  details: [
    'Es fing nach dem Update von gestern an.',
    'Drei Kollegen haben dasselbe Problem.',
    'Wir haben den Business-Tarif.',
    'Ich habe es in Chrome und in Firefox versucht.',
    'Es ist für uns ziemlich dringend.',
    'Einen Screenshot habe ich angehängt.',
    'Letzte Woche hat es noch funktioniert.',
  ],
  subjectSuffixes: ['', '', '', '', ' (dringend)', ' – erneut', ' - Nachtrag', ' [Ref. 4471]'],
  customerGreetings: ['Hallo,', 'Guten Tag,', 'Sehr geehrte Damen und Herren,', 'Hallo Support-Team,', 'Guten Morgen,'],
  customerSignoffs: ['Viele Grüße', 'Mit freundlichen Grüßen', 'Vielen Dank im Voraus', 'Beste Grüße', 'Gruß'],
  customerFollowUps: [
    'Danke für die schnelle Antwort. Ich habe es versucht, aber es funktioniert immer noch nicht.',
    'Ich habe Ihren Vorschlag umgesetzt. Auf meinem Laptop ist es behoben, bei meiner Kollegin nicht.',
    'Gibt es schon Neuigkeiten? Wir warten noch.',
    'Anbei die gewünschten Informationen. Der Fehler trat gegen 14:20 Uhr auf.',
    'Können Sie mich anrufen? Am Telefon lässt es sich leichter erklären.',
    'Entschuldigung für die späte Antwort, ich war ein paar Tage weg. Das Problem besteht weiterhin.',
    'Heute Morgen ist es wieder passiert, dieselbe Fehlermeldung wie vorher.',
  ],
  customerThanks: [
    'Das war es, vielen Dank!',
    'Es funktioniert wieder. Danke für die Hilfe.',
    'Super, alles erledigt. Schönen Tag noch!',
    'Perfekt, herzlichen Dank.',
  ],
  agentGreeting: 'Hallo',
  agentSignoffs: ['Viele Grüße', 'Mit freundlichen Grüßen', 'Beste Grüße', 'Einen schönen Tag noch'],
  agentFollowUps: [
    'Danke fürs Prüfen. Könnten Sie mir einen Screenshot des Fehlers und die Uhrzeit schicken? Dann sehe ich in unseren Logs nach.',
    'Ich habe weiter nachgeforscht und die Ursache gefunden. Bitte versuchen Sie es jetzt noch einmal.',
    'Ich habe eine Kollegin aus unserem Spezialistenteam gebeten, sich das anzusehen. Ich melde mich, sobald ich etwas höre.',
    'Welchen Browser und welche Version verwenden Sie? Sie finden das unter **Hilfe → Über**.',
    'Wir arbeiten noch daran. Vielen Dank für Ihre Geduld.',
  ],
  agentHandOvers: [
    'Danke für die Details. Dafür braucht es einen unserer Spezialisten, ich habe Ihr Ticket deshalb weitergegeben; man meldet sich bei Ihnen.',
    'Im Helpdesk konnte ich das nicht lösen, daher habe ich es mit allen Ihren Angaben an unser Spezialistenteam übergeben. Sie hören bald von uns.',
  ],
  agentPending: [
    'Geben Sie mir bitte Bescheid, ob das funktioniert? Ich lasse das Ticket offen, bis ich von Ihnen höre.',
    'Um weiterzumachen, brauche ich die Rechnungsnummer und die genaue Fehlermeldung. Könnten Sie mir diese schicken?',
    'Bitte probieren Sie die Schritte oben aus und antworten Sie mit dem Ergebnis auf diese E-Mail.',
  ],
  agentSolved: [
    'Schön, dass es wieder funktioniert! Ich schließe das Ticket; antworten Sie einfach, falls noch etwas ist.',
    'Die Korrektur ist für alle Konten live. Ich setze das Ticket auf gelöst.',
    'Ich habe die Änderung in Ihrem Konto vorgenommen. Sie sehen sie sofort.',
  ],
  notes: [
    'Logs geprüft: Die Fehler begannen nach dem Deployment um 14:00.',
    'Wichtiger Kunde, bitte mit Priorität bearbeiten.',
    'Gleiches Problem wie das Ticket von letzter Woche; beide verknüpft.',
    'Auf Staging nachzustellen versucht, bisher nicht reproduzierbar.',
    'Kunden angerufen, niemand erreicht. Morgen früh erneut versuchen.',
    'Bekanntes Problem, Korrektur für das nächste Release geplant.',
    'Konto hat eine offene Rechnung; Buchhaltung informiert.',
  ],
  escalations: {
    L2: ['Eskalation an L2: Hier wird ein Spezialist für diese Konfiguration gebraucht.', 'L1-Schritte erledigt (Cache, anderer Browser, Reset). Eskalation an L2.'],
    L3: ['Eskalation an L3: nachgestellt, sieht nach einem Datenproblem im Konto aus.', 'Experte nötig: Logs angehängt, mit L2-Werkzeugen nicht lösbar.'],
    L4: ['Eskalation an L4 (Entwicklung): bestätigter Fehler, Schritte zum Nachstellen oben.', 'Übergabe an die Entwicklung: mit dem neuesten Release reproduzierbar.'],
  },
  phoneNotePrefix: 'Telefonat:',
  missedCallNotes: ['', 'Keine Nachricht hinterlassen.', 'Mailbox: bittet um Rückruf wegen einer Rechnung.', 'Mailbox: Frage zur Anmeldung, nach 14:00 zurückrufen.'],
};
