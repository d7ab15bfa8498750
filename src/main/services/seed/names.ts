import type { SampleLanguage } from './places';

/** First names by language; English covers the UK, Ireland, North America, India and Australia. */
export const FIRST_NAMES: Record<SampleLanguage, readonly string[]> = {
  en: ['Olivia', 'James', 'Amelia', 'Oliver', 'Isla', 'Jack', 'Emily', 'Noah', 'Grace', 'Liam', 'Sophie', 'Ethan', 'Chloe', 'Mason', 'Ava', 'Lucas', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Aisha', 'Wei', 'Mei', 'Connor', 'Siobhan', 'Hannah', 'Michael', 'Sarah', 'David', 'Jessica', 'Daniel', 'Laura', 'Matthew', 'Megan', 'Ryan', 'Zoe', 'Harper', 'Logan', 'Kavya', 'Vikram'],
  nl: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Levi', 'Tess', 'Finn', 'Sophie', 'Bram', 'Fenna', 'Jesse', 'Sanne', 'Thijs', 'Lotte', 'Ruben', 'Anouk', 'Joris', 'Femke', 'Pieter', 'Marloes', 'Stijn', 'Eline', 'Koen', 'Maartje', 'Wouter', 'Ilse', 'Niels', 'Floor', 'Sven', 'Iris', 'Gijs', 'Roos', 'Tim', 'Noor', 'Hendrik', 'Annelies', 'Jeroen', 'Marieke'],
  de: ['Lukas', 'Anna', 'Leon', 'Lena', 'Felix', 'Mia', 'Jonas', 'Hannah', 'Paul', 'Lea', 'Maximilian', 'Sophie', 'Elias', 'Marie', 'Tobias', 'Katharina', 'Jan', 'Laura', 'Niklas', 'Julia', 'Stefan', 'Sabine', 'Jürgen', 'Birgit', 'Matthias', 'Claudia', 'Florian', 'Franziska', 'Sebastian', 'Johanna', 'Moritz', 'Greta', 'Andreas', 'Ute', 'Christian', 'Petra', 'Dominik', 'Jana', 'Thomas', 'Ursula'],
};

/** Family names by language. */
export const LAST_NAMES: Record<SampleLanguage, readonly string[]> = {
  en: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Taylor', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Clarke', 'Murphy', "O'Brien", 'Kelly', 'Patel', 'Sharma', 'Singh', 'Gupta', 'Iyer', 'Nair', 'Tan', 'Lim', 'Nguyen', 'Miller', 'Davis', 'Garcia', 'Martinez', 'Anderson', 'Campbell', 'Mitchell', 'Fraser', 'McDonald'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek', 'de Bruijn', 'Schouten', 'Willems', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber'],
};

/** Parts of organisation names: a word and a legal form per language. */
export const ORGANISATION_WORDS: Record<SampleLanguage, { words: readonly string[]; sectors: readonly string[]; forms: readonly string[] }> = {
  en: {
    words: ['Northwind', 'Bluepeak', 'Harbour', 'Silverline', 'Oakridge', 'Brightwave', 'Redstone', 'Clearwater', 'Summit', 'Ironbark', 'Evergreen', 'Lakeside', 'Granite', 'Kestrel', 'Meridian', 'Sterling', 'Tidewater', 'Westbrook', 'Ashford', 'Pioneer'],
    sectors: ['Logistics', 'Health', 'Foods', 'Retail', 'Engineering', 'Analytics', 'Energy', 'Travel', 'Insurance', 'Labs', 'Media', 'Systems'],
    forms: ['Ltd', 'Inc.', 'LLC', 'Pty Ltd', 'Pvt Ltd', 'Group'],
  },
  nl: {
    words: ['Bakker', 'Visser', 'De Molen', 'Zuiderzee', 'Oranje', 'Polder', 'Dijkstra', 'Noordzee', 'De Haven', 'Tulp', 'Waddenzee', 'Van Dam', 'Kaasmakerij', 'Rijnmond', 'Veluwe', 'Brabant', 'De Zeeuw', 'Hofstede', 'Groenland', 'Vermeer'],
    sectors: ['Logistiek', 'Zorg', 'Bouw', 'Techniek', 'Installaties', 'Transport', 'Advies', 'Groep', 'Administratie', 'Media', 'Retail', 'Energie'],
    forms: ['B.V.', 'B.V.', 'N.V.', 'V.O.F.', 'Holding B.V.'],
  },
  de: {
    words: ['Müller', 'Alpen', 'Rheintal', 'Schwarzwald', 'Nordlicht', 'Elbe', 'Bergmann', 'Hanse', 'Donau', 'Weber', 'Sonnenfeld', 'Isar', 'Falken', 'Lindenhof', 'Eichenwald', 'Brückner', 'Steinbach', 'Adler', 'Hartmann', 'Bodensee'],
    sectors: ['Logistik', 'Maschinenbau', 'Pflege', 'Bau', 'Handel', 'Technik', 'Versand', 'Software', 'Beratung', 'Energie', 'Medien', 'Druck'],
    forms: ['GmbH', 'GmbH', 'AG', 'GmbH & Co. KG', 'KG'],
  },
};

/**
 * Mail domains of people without a company address. Reserved example domains (RFC 2606), like
 * the `.example` company domains: sample data must never address a real mailbox.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org'];

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', é: 'e', è: 'e', ë: 'e', ï: 'i', ' ': '', "'": '', '.': '', '&': '' };

/** A name as the ASCII part of an email address or domain: `Jürgen` → `juergen`, `de Vries` → `devries`. */
export function mailSafe(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += FOLD[ch] ?? ch;
  return out;
}
