// Phone numbers as agents type them, against the libphonenumber examples and upstream test
// expectations in the shared corpora (see their README for sources and licences).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CountryCode } from 'libphonenumber-js/max';
import { expect, test } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultPhoneCountry, normalisePhoneNumbers } from './phone-numbers';

const corpora = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpora/libphonenumber-examples');

interface ExampleRow {
  region: string;
  e164: string;
  cases: { input: string; defaultCountry: string | null; kind: string; expectedE164: string; expectedExt?: string }[];
}
interface ParseCase {
  input: string;
  defaultCountry: string | null;
  api: string;
  expectedValid: boolean;
  expectedE164?: string;
  expectedExt?: string;
  libphonenumberJsAgrees: boolean;
}

const examples = JSON.parse(fs.readFileSync(path.join(corpora, 'phone-examples.json'), 'utf8')) as ExampleRow[];
const parseCases = JSON.parse(fs.readFileSync(path.join(corpora, 'libphonenumber-js-parse-cases.json'), 'utf8')) as ParseCase[];

/** E.164, or the validation error's field, for one typed number. */
function read(text: string, country: string | null): string {
  try {
    return normalisePhoneNumbers([text.trim()], (country ?? undefined) as CountryCode | undefined, 'phones')[0]!;
  } catch (error) {
    if (error instanceof AppError) return `${error.code} on ${error.field}`;
    throw error;
  }
}

/**
 * Example numbers the metadata of the libphonenumber-js we ship (newer than the corpus's) no
 * longer calls valid: numbering plans changed. A bump of the library that changes this list
 * shows here first.
 */
const RETIRED_EXAMPLES = new Set(['+22985751234', '+22981123456', '+2631312345']);

test('reads every example number of every region in every typed form to its E.164 form, and refuses extensions', () => {
  const wrong = examples.flatMap((row) =>
    row.cases.flatMap((c) => {
      const refused = c.kind === 'with_extension' || RETIRED_EXAMPLES.has(c.expectedE164);
      const expected = refused ? 'validation on phones.0' : c.expectedE164;
      const got = read(c.input, c.defaultCountry);
      return got === expected ? [] : [{ region: row.region, kind: c.kind, input: c.input, expected, got }];
    }),
  );
  expect(wrong).toEqual([]);
});

test('keeps every E.164 example unchanged with no default country, and reading is idempotent', () => {
  const current = examples.filter((row) => !RETIRED_EXAMPLES.has(row.e164));
  const changed = current.filter((row) => read(row.e164, null) !== row.e164 || read(read(row.e164, null), null) !== row.e164);
  expect(changed).toEqual([]);
});

test('agrees with the upstream lenient parse expectations (a pasted "Tel.: …" is read; extensions are refused)', () => {
  // The phone field takes what an agent pastes from a signature, so the lenient reading applies;
  // the strict isValidPhoneNumber cases (surrounding text refused) are not this field's rule.
  const lenient = parseCases.filter((c) => c.api.startsWith('parse') && c.libphonenumberJsAgrees);
  const wrong = lenient.flatMap((c) => {
    const expected = !c.expectedValid || c.expectedExt ? 'validation on phones.0' : c.expectedE164;
    const got = read(c.input, c.defaultCountry);
    return expected === undefined || got === expected ? [] : [{ input: c.input, country: c.defaultCountry, expected, got }];
  });
  expect({ checked: lenient.length, wrong }).toEqual({ checked: 54, wrong: [] });
});

test('does not throw on the cases where upstream tests and the full metadata disagree', () => {
  const disputed = parseCases.filter((c) => !c.libphonenumberJsAgrees);
  expect(disputed.map((c) => typeof read(c.input, c.defaultCountry))).toEqual(disputed.map(() => 'string'));
});

test('names the index of the number at fault and drops repeats of one number typed twice', () => {
  let error: unknown;
  try {
    normalisePhoneNumbers(['+31 20 123 4567', '12'], 'NL', 'patch.phones');
  } catch (caught) {
    error = caught instanceof AppError ? caught.toBody() : caught;
  }
  expect({
    repeats: normalisePhoneNumbers(['+31 20 123 4567', '020 123 4567', '+31201234567'], 'NL', 'patch.phones'),
    error,
  }).toEqual({ repeats: ['+31201234567'], error: { code: 'validation', message: expect.stringContaining('"12"'), field: 'patch.phones.1' } });
});

test('takes the default country from known numbers first, then the time zone, then the language\'s region', () => {
  expect([
    defaultPhoneCountry({ knownNumbers: ['+4930123456'], timeZone: 'America/New_York', language: 'en-GB' }),
    defaultPhoneCountry({ knownNumbers: [], timeZone: 'America/New_York', language: 'en-GB' }),
    defaultPhoneCountry({ knownNumbers: [], timeZone: 'Etc/UTC', language: 'en-GB' }),
    defaultPhoneCountry({ knownNumbers: [], timeZone: 'Etc/UTC', language: 'en' }),
  ]).toEqual(['DE', 'US', 'GB', undefined]);
});
