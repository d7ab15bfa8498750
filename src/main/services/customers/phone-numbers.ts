import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../../../shared/contract/errors';

/**
 * The country of the most common IANA time zones, so a number typed the national way
 * ("020 123 4567", "(415) 555-2671") can be read for a customer who has no number yet.
 */
const COUNTRY_OF_ZONE: Readonly<Record<string, CountryCode>> = {
  'Europe/Amsterdam': 'NL',
  'Europe/Brussels': 'BE',
  'Europe/Luxembourg': 'LU',
  'Europe/Berlin': 'DE',
  'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH',
  'Europe/Paris': 'FR',
  'Europe/Madrid': 'ES',
  'Europe/Lisbon': 'PT',
  'Europe/Rome': 'IT',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Copenhagen': 'DK',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Prague': 'CZ',
  'Europe/Budapest': 'HU',
  'Europe/Athens': 'GR',
  'Europe/Istanbul': 'TR',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Phoenix': 'US',
  'America/Los_Angeles': 'US',
  'America/Anchorage': 'US',
  'Pacific/Honolulu': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'America/Argentina/Buenos_Aires': 'AR',
  'Asia/Kolkata': 'IN',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Shanghai': 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Dubai': 'AE',
  'Africa/Johannesburg': 'ZA',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Australia/Brisbane': 'AU',
  'Australia/Adelaide': 'AU',
  'Australia/Perth': 'AU',
  'Pacific/Auckland': 'NZ',
};

/** What tells which country a nationally written number belongs to, strongest first. */
export interface PhoneCountryHints {
  /** Numbers the customer already has (E.164): their country is the likeliest. */
  knownNumbers: readonly string[];
  timeZone: string;
  /** A BCP 47 tag; its region (en-GB → GB) is the last resort. */
  language: string;
}

/** The country a nationally written number is read in for this customer, if anything tells. */
export function defaultPhoneCountry(hints: PhoneCountryHints): CountryCode | undefined {
  for (const known of hints.knownNumbers) {
    const country = parsePhoneNumberFromString(known)?.country;
    if (country) return country;
  }
  const byZone = COUNTRY_OF_ZONE[hints.timeZone];
  if (byZone) return byZone;
  const region = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(hints.language)?.[1]?.toUpperCase();
  return region && isSupportedCountry(region) ? region : undefined;
}

/**
 * Reads phone numbers as an agent types or pastes them (international "+31 20 123 4567",
 * national "(415) 555-2671" in the customer's country, "tel:" links, an IDD prefix like 0044,
 * "Tel.: …" from an email signature: the lenient reading) into E.164, without duplicates, in the
 * order given. A number that is not a valid number of its country, or that carries an extension,
 * is refused with `validation` on `<field>.<index>`.
 */
export function normalisePhoneNumbers(typed: readonly string[], country: CountryCode | undefined, field: string): string[] {
  const numbers: string[] = [];
  typed.forEach((text, i) => {
    const parsed = parsePhoneNumberFromString(text, country);
    if (!parsed?.isValid()) {
      const hint = country ? '' : ' (write it with its country code, e.g. +31)';
      throw new AppError('validation', `"${text}" is not a valid phone number${hint}`, `${field}.${i}`);
    }
    // E.164 has no room for an extension: refuse it rather than drop it without a word.
    if (parsed.ext) throw new AppError('validation', `"${text}" has an extension, which cannot be stored: leave it out`, `${field}.${i}`);
    if (!numbers.includes(parsed.number)) numbers.push(parsed.number);
  });
  return numbers;
}
