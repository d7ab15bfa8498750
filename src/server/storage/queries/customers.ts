import type { Customer, Organisation, Proficiency, SupportPlan } from '../../../shared/domain/customer';
import type { SqlExecutor } from '../sql-driver';
import { forUpdate, json, parseJson } from './sql';

interface CustomerRow {
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
}

function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phones: parseJson<string[]>(row.phones),
    organisationId: row.organisation_id,
    plan: row.plan as SupportPlan,
    timeZone: row.time_zone,
    language: row.language,
    proficiency: row.proficiency as Proficiency,
    optOuts: parseJson<string[]>(row.opt_outs),
    createdAt: row.created_at,
  };
}

/** A customer; with `lock`, its row stays locked until the transaction ends (PostgreSQL), so read-modify-write is safe. */
export async function getCustomer(db: SqlExecutor, id: string, lock = false): Promise<Customer | undefined> {
  const row = await db.get<CustomerRow>(
    `SELECT id, name, email, phones, organisation_id, plan, time_zone, language, proficiency, opt_outs, created_at FROM customers WHERE id = ?${lock ? forUpdate(db) : ''}`,
    [id],
  );
  return row && customerFromRow(row);
}

export async function getOrganisation(db: SqlExecutor, id: string): Promise<Organisation | undefined> {
  const row = await db.get<{ id: string; name: string; plan: string; domain: string | null; created_at: number }>(
    'SELECT id, name, plan, domain, created_at FROM organisations WHERE id = ?',
    [id],
  );
  return row && { id: row.id, name: row.name, plan: row.plan as SupportPlan, domain: row.domain, createdAt: row.created_at };
}

export async function upsertCustomer(db: SqlExecutor, customer: Customer, at: number): Promise<void> {
  await db.run(
    `INSERT INTO customers (id, name, email, phones, organisation_id, plan, time_zone, language, proficiency, opt_outs, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, phones = excluded.phones,
       organisation_id = excluded.organisation_id, plan = excluded.plan, time_zone = excluded.time_zone,
       language = excluded.language, proficiency = excluded.proficiency, opt_outs = excluded.opt_outs,
       updated_at = excluded.updated_at`,
    [
      customer.id,
      customer.name,
      customer.email,
      json(customer.phones),
      customer.organisationId,
      customer.plan,
      customer.timeZone,
      customer.language,
      customer.proficiency,
      json(customer.optOuts),
      customer.createdAt,
      at,
    ],
  );
}

export async function upsertOrganisation(db: SqlExecutor, organisation: Organisation, at: number): Promise<void> {
  await db.run(
    `INSERT INTO organisations (id, name, plan, domain, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, plan = excluded.plan, domain = excluded.domain, updated_at = excluded.updated_at`,
    [organisation.id, organisation.name, organisation.plan, organisation.domain, organisation.createdAt, at],
  );
}
