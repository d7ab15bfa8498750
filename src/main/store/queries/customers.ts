import { stmt, type Db } from '../db';
import type { Customer, Organisation } from '../../../shared/domain/customer';

/** A customer as stored. */
export interface CustomerDbRow {
  id: string;
  name: string;
  email: string | null;
  phones: string;
  organisation_id: string | null;
  plan: string;
  time_zone: string;
  language: string;
  proficiency: string;
  opt_outs: string;
  created_at: number;
  updated_at: number;
}

/** An organisation as stored. */
export interface OrganisationDbRow {
  id: string;
  name: string;
  plan: string;
  domain: string | null;
  created_at: number;
  updated_at: number;
}

const CUSTOMER_COLUMNS =
  'id, name, email, phones, organisation_id, plan, time_zone, language, proficiency, opt_outs, created_at, updated_at';
const ORGANISATION_COLUMNS = 'id, name, plan, domain, created_at, updated_at';

export function customerFromRow(row: CustomerDbRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phones: JSON.parse(row.phones) as string[],
    organisationId: row.organisation_id,
    plan: row.plan as Customer['plan'],
    timeZone: row.time_zone,
    language: row.language,
    proficiency: row.proficiency as Customer['proficiency'],
    optOuts: JSON.parse(row.opt_outs) as string[],
    createdAt: row.created_at,
  };
}

export function customerToRow(customer: Customer): CustomerDbRow {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    phones: JSON.stringify(customer.phones),
    organisation_id: customer.organisationId,
    plan: customer.plan,
    time_zone: customer.timeZone,
    language: customer.language,
    proficiency: customer.proficiency,
    opt_outs: JSON.stringify(customer.optOuts),
    created_at: customer.createdAt,
    updated_at: customer.createdAt,
  };
}

export function organisationFromRow(row: OrganisationDbRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as Organisation['plan'],
    domain: row.domain,
    createdAt: row.created_at,
  };
}

export function organisationToRow(organisation: Organisation): OrganisationDbRow {
  return {
    id: organisation.id,
    name: organisation.name,
    plan: organisation.plan,
    domain: organisation.domain,
    created_at: organisation.createdAt,
    updated_at: organisation.createdAt,
  };
}

/** Prepares the customer insert used by sample data and bulk import; runs with a {@link CustomerDbRow}. */
export function prepareInsertCustomer(db: Db) {
  return db.prepare<[CustomerDbRow]>(
    `INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES (@id, @name, @email, @phones, @organisation_id, @plan, @time_zone, @language, @proficiency, @opt_outs, @created_at, @updated_at)`,
  );
}

/** Prepares the organisation insert used by sample data and bulk import; runs with an {@link OrganisationDbRow}. */
export function prepareInsertOrganisation(db: Db) {
  return db.prepare<[OrganisationDbRow]>(
    `INSERT INTO organisations (${ORGANISATION_COLUMNS}) VALUES (@id, @name, @plan, @domain, @created_at, @updated_at)`,
  );
}

export function insertCustomer(db: Db, customer: Customer): void {
  stmt<[CustomerDbRow]>(
    db,
    `INSERT INTO customers (${CUSTOMER_COLUMNS}) VALUES (@id, @name, @email, @phones, @organisation_id, @plan, @time_zone, @language, @proficiency, @opt_outs, @created_at, @updated_at)`,
  ).run(customerToRow(customer));
}

export function insertOrganisation(db: Db, organisation: Organisation): void {
  stmt<[OrganisationDbRow]>(
    db,
    `INSERT INTO organisations (${ORGANISATION_COLUMNS}) VALUES (@id, @name, @plan, @domain, @created_at, @updated_at)`,
  ).run(organisationToRow(organisation));
}

export function getCustomer(db: Db, id: string): Customer | undefined {
  const row = stmt<[string], CustomerDbRow>(db, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`).get(id);
  return row && customerFromRow(row);
}

export function getOrganisation(db: Db, id: string): Organisation | undefined {
  const row = stmt<[string], OrganisationDbRow>(
    db,
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = ?`,
  ).get(id);
  return row && organisationFromRow(row);
}

/** Escapes LIKE's wildcards so typed text only ever matches itself, as a prefix. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The SQL of a prefix search by name or by email, exported for the query-plan test. The LIKE
 * prefix walks customers_by_name / customers_by_email (both COLLATE NOCASE, so ASCII letters
 * match in any case); the text's wildcards are escaped.
 */
export const CUSTOMER_PREFIX_SQL = {
  name: `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE name LIKE ? ESCAPE '\\' AND deleted_at IS NULL
    ORDER BY name COLLATE NOCASE, id LIMIT ?`,
  email: `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE email LIKE ? ESCAPE '\\' AND deleted_at IS NULL
    ORDER BY email COLLATE NOCASE, id LIMIT ?`,
} as const;

/** Live customers whose name starts with `text`, by name. */
export function findCustomersByNamePrefix(db: Db, text: string, limit: number): Customer[] {
  return stmt<[string, number], CustomerDbRow>(db, CUSTOMER_PREFIX_SQL.name).all(likePrefix(text), limit).map(customerFromRow);
}

/** Live customers whose email starts with `text`, by email. */
export function findCustomersByEmailPrefix(db: Db, text: string, limit: number): Customer[] {
  return stmt<[string, number], CustomerDbRow>(db, CUSTOMER_PREFIX_SQL.email).all(likePrefix(text), limit).map(customerFromRow);
}

/** Writes the fields an agent can change (phones, time zone, language, proficiency, opt-outs). */
export function updateCustomerDetails(db: Db, customer: Customer, updatedAt: number): void {
  const row = customerToRow(customer);
  stmt(
    db,
    `UPDATE customers SET phones = @phones, time_zone = @time_zone, language = @language, proficiency = @proficiency,
       opt_outs = @opt_outs, updated_at = @updated_at WHERE id = @id`,
  ).run({
    id: row.id,
    phones: row.phones,
    time_zone: row.time_zone,
    language: row.language,
    proficiency: row.proficiency,
    opt_outs: row.opt_outs,
    updated_at: updatedAt,
  });
}

/** Every live customer, oldest first: a store exported whole (the sample team's snapshot). */
export function listAllCustomers(db: Db): Customer[] {
  return stmt<[], CustomerDbRow>(db, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE deleted_at IS NULL ORDER BY created_at, id`)
    .all()
    .map(customerFromRow);
}

/** Every live organisation, oldest first. */
export function listAllOrganisations(db: Db): Organisation[] {
  return stmt<[], OrganisationDbRow>(
    db,
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE deleted_at IS NULL ORDER BY created_at, id`,
  )
    .all()
    .map(organisationFromRow);
}
