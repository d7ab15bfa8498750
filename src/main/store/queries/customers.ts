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
