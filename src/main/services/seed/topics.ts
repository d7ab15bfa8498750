import type { SupportLevel } from '../../../shared/domain/ticket';
import type { TopicId } from './corpus-types';

/** How a topic shows up in the queue: its category, tags, share of tickets and usual levels. */
export interface TopicProfile {
  id: TopicId;
  category: string;
  /** Relative share of tickets. */
  weight: number;
  /** Relative share of tickets of this topic per support level. */
  levels: Record<SupportLevel, number>;
  /** Tag sets tickets of this topic carry, one chosen per ticket. */
  tagSets: readonly (readonly string[])[];
  /** The L2 group this topic goes to when it is escalated. */
  l2Group: 'Billing & Accounts' | 'Integrations' | 'Mobile & Apps';
}

export const TOPICS: readonly TopicProfile[] = [
  { id: 'login', category: 'account-access', weight: 14, levels: { L1: 80, L2: 15, L3: 4, L4: 1 }, tagSets: [['login'], ['login', '2fa'], ['password'], ['sso', 'login'], []], l2Group: 'Billing & Accounts' },
  { id: 'billing', category: 'billing', weight: 14, levels: { L1: 60, L2: 35, L3: 5, L4: 0 }, tagSets: [['invoice'], ['vat', 'invoice'], ['refund'], ['payment'], []], l2Group: 'Billing & Accounts' },
  { id: 'export', category: 'data-export', weight: 8, levels: { L1: 50, L2: 35, L3: 10, L4: 5 }, tagSets: [['export', 'csv'], ['export'], ['excel', 'encoding'], ['report']], l2Group: 'Integrations' },
  { id: 'integration', category: 'integrations', weight: 10, levels: { L1: 20, L2: 50, L3: 22, L4: 8 }, tagSets: [['api'], ['api', '401'], ['webhook'], ['quickbooks'], ['exact-online'], ['datev'], ['xero']], l2Group: 'Integrations' },
  { id: 'performance', category: 'performance', weight: 6, levels: { L1: 25, L2: 30, L3: 30, L4: 15 }, tagSets: [['slow'], ['dashboard', 'slow'], ['timeout'], ['incident']], l2Group: 'Integrations' },
  { id: 'bug', category: 'bug', weight: 10, levels: { L1: 20, L2: 35, L3: 20, L4: 25 }, tagSets: [['bug'], ['bug', 'regression'], ['error-500'], ['bug', 'invoice']], l2Group: 'Integrations' },
  { id: 'mobile', category: 'mobile-app', weight: 8, levels: { L1: 45, L2: 40, L3: 10, L4: 5 }, tagSets: [['android'], ['ios'], ['mobile', 'sync'], ['push']], l2Group: 'Mobile & Apps' },
  { id: 'users', category: 'user-management', weight: 12, levels: { L1: 90, L2: 10, L3: 0, L4: 0 }, tagSets: [['users'], ['permissions'], ['offboarding'], []], l2Group: 'Billing & Accounts' },
  { id: 'onboarding', category: 'onboarding', weight: 12, levels: { L1: 85, L2: 15, L3: 0, L4: 0 }, tagSets: [['onboarding'], ['import'], ['how-to'], ['training'], []], l2Group: 'Billing & Accounts' },
  { id: 'privacy', category: 'privacy', weight: 6, levels: { L1: 40, L2: 55, L3: 5, L4: 0 }, tagSets: [['gdpr'], ['gdpr', 'erasure'], ['dpa'], ['privacy']], l2Group: 'Billing & Accounts' },
];
