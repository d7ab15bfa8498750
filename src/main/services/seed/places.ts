import type { Prng } from './prng';

/** The languages sample customers write in. */
export const SAMPLE_LANGUAGES = ['en', 'nl', 'de'] as const;
export type SampleLanguage = (typeof SAMPLE_LANGUAGES)[number];

/** Where sample customers live: an IANA time zone, its languages, its phone numbers. */
export interface Place {
  timeZone: string;
  /** Relative share of customers living here. */
  weight: number;
  /** Language weights of people here. */
  languages: Partial<Record<SampleLanguage, number>>;
  /** E.164 prefixes of mobile numbers (country code and mobile or area prefix). */
  phonePrefixes: readonly string[];
  /** Digits after the prefix; the first one is 2–9 so no number looks like a trunk prefix. */
  phoneDigits: number;
  /** E.164 prefixes of landlines, for a second number at work. */
  landlinePrefixes: readonly string[];
  landlineDigits: number;
}

// Number plans follow libphonenumber's metadata for each country (mobile ranges where a
// country has them, real area codes in North America).
export const PLACES: readonly Place[] = [
  { timeZone: 'Europe/Amsterdam', weight: 24, languages: { nl: 8, en: 2 }, phonePrefixes: ['+316'], phoneDigits: 8, landlinePrefixes: ['+3120', '+3110', '+3130', '+3140'], landlineDigits: 7 },
  { timeZone: 'Europe/Brussels', weight: 5, languages: { nl: 6, en: 3, de: 1 }, phonePrefixes: ['+32470', '+32475', '+32486'], phoneDigits: 6, landlinePrefixes: ['+322', '+323'], landlineDigits: 7 },
  { timeZone: 'Europe/Berlin', weight: 16, languages: { de: 9, en: 1 }, phonePrefixes: ['+49151', '+49160', '+49170', '+49176'], phoneDigits: 7, landlinePrefixes: ['+4930', '+4940', '+4989'], landlineDigits: 7 },
  { timeZone: 'Europe/Vienna', weight: 4, languages: { de: 9, en: 1 }, phonePrefixes: ['+43664', '+43676'], phoneDigits: 7, landlinePrefixes: ['+431'], landlineDigits: 7 },
  { timeZone: 'Europe/Zurich', weight: 3, languages: { de: 7, en: 3 }, phonePrefixes: ['+4178', '+4179'], phoneDigits: 7, landlinePrefixes: ['+4144', '+4131'], landlineDigits: 7 },
  { timeZone: 'Europe/London', weight: 10, languages: { en: 1 }, phonePrefixes: ['+4477', '+4479'], phoneDigits: 8, landlinePrefixes: ['+4420'], landlineDigits: 8 },
  { timeZone: 'Europe/Dublin', weight: 3, languages: { en: 1 }, phonePrefixes: ['+35385', '+35387'], phoneDigits: 7, landlinePrefixes: ['+3531'], landlineDigits: 7 },
  { timeZone: 'America/New_York', weight: 10, languages: { en: 1 }, phonePrefixes: ['+1212', '+1646', '+1718', '+1917'], phoneDigits: 7, landlinePrefixes: ['+1212', '+1347'], landlineDigits: 7 },
  { timeZone: 'America/Chicago', weight: 5, languages: { en: 1 }, phonePrefixes: ['+1312', '+1773'], phoneDigits: 7, landlinePrefixes: ['+1312'], landlineDigits: 7 },
  { timeZone: 'America/Los_Angeles', weight: 5, languages: { en: 1 }, phonePrefixes: ['+1213', '+1310', '+1415'], phoneDigits: 7, landlinePrefixes: ['+1213'], landlineDigits: 7 },
  { timeZone: 'America/Toronto', weight: 3, languages: { en: 1 }, phonePrefixes: ['+1416', '+1647'], phoneDigits: 7, landlinePrefixes: ['+1416'], landlineDigits: 7 },
  { timeZone: 'Asia/Kolkata', weight: 6, languages: { en: 1 }, phonePrefixes: ['+9198', '+9199', '+9197', '+9170'], phoneDigits: 8, landlinePrefixes: ['+9122', '+9180'], landlineDigits: 8 },
  { timeZone: 'Asia/Singapore', weight: 2, languages: { en: 1 }, phonePrefixes: ['+659', '+658'], phoneDigits: 7, landlinePrefixes: ['+656'], landlineDigits: 7 },
  { timeZone: 'Australia/Adelaide', weight: 2, languages: { en: 1 }, phonePrefixes: ['+614'], phoneDigits: 8, landlinePrefixes: ['+618'], landlineDigits: 8 },
  { timeZone: 'Australia/Sydney', weight: 2, languages: { en: 1 }, phonePrefixes: ['+614'], phoneDigits: 8, landlinePrefixes: ['+612'], landlineDigits: 8 },
];

/** A phone number in E.164 form from one of the prefixes, e.g. `+31612345678`. */
export function phoneNumber(prng: Prng, prefixes: readonly string[], digits: number): string {
  let number = prng.pick(prefixes) + String(prng.between(2, 9));
  for (let i = 1; i < digits; i++) number += String(prng.int(10));
  return number;
}

/** A language drawn with the place's weights. */
export function languageOf(prng: Prng, place: Place): SampleLanguage {
  const entries = Object.entries(place.languages) as [SampleLanguage, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = prng.float() * total;
  for (const [language, weight] of entries) {
    x -= weight;
    if (x < 0) return language;
  }
  return entries[0]![0];
}
