import type { Db } from '../../store/db';
import { prepareInsertCustomer, prepareInsertOrganisation, type CustomerDbRow } from '../../store/queries/customers';
import { SUPPORT_PLANS, type SupportPlan } from '../../../shared/domain/customer';
import { FIRST_NAMES, FREE_MAIL_DOMAINS, LAST_NAMES, ORGANISATION_WORDS, mailSafe } from './names';
import { PLACES, SAMPLE_LANGUAGES, languageOf, phoneNumber, type Place, type SampleLanguage } from './places';
import { WeightedPicker, type Prng } from './prng';
import { uuidv7At } from './uuid7';

const DAY_MS = 86_400_000;

/** The sample customers, column-wise so a million tickets can refer to them cheaply. */
export interface SampleCustomers {
  count: number;
  ids: string[];
  names: string[];
  firstNames: string[];
  /** Index into {@link SAMPLE_LANGUAGES}. */
  languages: Uint8Array;
  /** Index into {@link SUPPORT_PLANS}. */
  plans: Uint8Array;
  organisationIds: (string | null)[];
  hasEmail: Uint8Array;
  /** The first phone number of each customer, E.164. */
  phones: string[];
  organisations: number;
}

// Notification channels some customers declined (GDPR opt-outs), as stored JSON.
const OPT_OUTS = ['["survey"]', '["sms"]', '["email"]', '["phone","sms"]', '["survey","sms"]'];
const PROFICIENCY = new WeightedPicker(['beginner', 'intermediate', 'advanced'], [30, 50, 20]);
const ORGANISATION_PLAN = new WeightedPicker<SupportPlan>(['basic', 'business', 'enterprise'], [45, 38, 17]);

/** Writes organisations and customers (about one customer per eight tickets) before `startMs`. */
export function seedCustomers(db: Db, prng: Prng, customerCount: number, startMs: number): SampleCustomers {
  const placePicker = new WeightedPicker(PLACES, PLACES.map((p) => p.weight));
  const organisationCount = Math.max(10, Math.round(customerCount / 12));
  const insertOrganisation = prepareInsertOrganisation(db);
  const orgs: { id: string; plan: SupportPlan; domain: string; place: Place }[] = [];
  for (let i = 0; i < organisationCount; i++) {
    const place = placePicker.pick(prng);
    const words = ORGANISATION_WORDS[languageOf(prng, place)];
    const word = prng.pick(words.words);
    const sector = prng.pick(words.sectors);
    const createdAt = startMs - prng.between(30, 1500) * DAY_MS - prng.int(DAY_MS);
    const org = { id: uuidv7At(prng, createdAt), plan: ORGANISATION_PLAN.pick(prng), domain: `${mailSafe(word + sector)}.example`, place };
    insertOrganisation.run({
      id: org.id,
      name: `${word} ${sector} ${prng.pick(words.forms)}`,
      plan: org.plan,
      domain: org.domain,
      created_at: createdAt,
      updated_at: createdAt,
    });
    orgs.push(org);
  }

  const customers: SampleCustomers = {
    count: customerCount,
    ids: new Array<string>(customerCount),
    names: new Array<string>(customerCount),
    firstNames: new Array<string>(customerCount),
    languages: new Uint8Array(customerCount),
    plans: new Uint8Array(customerCount),
    organisationIds: new Array<string | null>(customerCount),
    hasEmail: new Uint8Array(customerCount),
    phones: new Array<string>(customerCount),
    organisations: organisationCount,
  };
  const insertCustomer = prepareInsertCustomer(db);
  const row: CustomerDbRow = { id: '', name: '', email: null, phones: '[]', organisation_id: null, plan: 'basic', time_zone: '', language: '', proficiency: '', opt_outs: '[]', created_at: 0, updated_at: 0 };
  for (let i = 0; i < customerCount; i++) {
    // Three in four customers work for an organisation; most of its people live where it is.
    const org = prng.chance(0.75) ? orgs[prng.int(orgs.length)]! : null;
    const place = org && prng.chance(0.85) ? org.place : placePicker.pick(prng);
    const language: SampleLanguage = languageOf(prng, place);
    const firstName = prng.pick(FIRST_NAMES[language]);
    const lastName = prng.pick(LAST_NAMES[language]);
    const name = `${firstName} ${lastName}`;
    const plan: SupportPlan = org ? org.plan : 'basic';
    const hasEmail = prng.chance(0.97);
    const domain = org ? org.domain : prng.pick(FREE_MAIL_DOMAINS);
    const mobile = phoneNumber(prng, place.phonePrefixes, place.phoneDigits);
    const phones = prng.chance(0.2)
      ? `["${mobile}","${phoneNumber(prng, place.landlinePrefixes, place.landlineDigits)}"]`
      : `["${mobile}"]`;
    const createdAt = startMs - prng.between(1, 1000) * DAY_MS - prng.int(DAY_MS);

    row.id = uuidv7At(prng, createdAt);
    row.name = name;
    row.email = hasEmail ? `${mailSafe(firstName)}.${mailSafe(lastName)}@${domain}` : null;
    row.phones = phones;
    row.organisation_id = org?.id ?? null;
    row.plan = plan;
    row.time_zone = place.timeZone;
    row.language = language;
    row.proficiency = PROFICIENCY.pick(prng);
    row.opt_outs = prng.chance(0.12) ? prng.pick(OPT_OUTS) : '[]';
    row.created_at = createdAt;
    row.updated_at = createdAt;
    insertCustomer.run(row);

    customers.ids[i] = row.id;
    customers.names[i] = name;
    customers.firstNames[i] = firstName;
    customers.languages[i] = SAMPLE_LANGUAGES.indexOf(language);
    customers.plans[i] = SUPPORT_PLANS.indexOf(plan);
    customers.organisationIds[i] = row.organisation_id;
    customers.hasEmail[i] = hasEmail ? 1 : 0;
    customers.phones[i] = mobile;
  }
  return customers;
}
