// Keys and ids for things a lead adds in the editor: plan and calendar keys follow the
// document's key pattern and stay stable once made; rule and trigger ids are random.
import { MATRIX_KEY_PATTERN } from '../../../shared/domain/escalation-matrix/schema';

/** A key for a new plan or calendar from its name: lower-case letters, digits and hyphens, unique among `taken`. */
export function keyFromName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'new';
  let key = base;
  for (let n = 2; used.has(key) || !MATRIX_KEY_PATTERN.test(key); n++) key = `${base}-${n}`;
  return key;
}

/** A stable id for a new routing rule or time trigger. */
export function newRuleId(): string {
  return crypto.randomUUID();
}
