import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import type { OverriddenNoteView, SyncRejectionView } from '../../../shared/contract/sync-methods';
import { ApiError } from '../../api/api-error';
import { createFormatters } from '../../i18n/format';
import { resources } from '../../i18n/i18n';
import { changeText, noteText, reasonText, signInErrorField, signInErrorText, syncErrorText, ticketText, type Names } from './sync-text';

const i18n = i18next.createInstance();
const t = i18n.t.bind(i18n) as TFunction;

beforeAll(async () => {
  await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

// Wed 25 Nov 2026 10:42 Europe/Amsterdam = 09:42 UTC.
const AT = Date.UTC(2026, 10, 25, 9, 42, 0);
const AGENT_ANA = '01900000-0000-7000-8000-00000000a0a0';
const AGENT_BO = '01900000-0000-7000-8000-00000000b0b0';
const GROUP = '01900000-0000-7000-8000-0000000000c1';
const TICKET = '01900000-0000-7000-8000-0000000000d1';
const names: Names = {
  agent: (id) => ({ [AGENT_ANA]: 'Ana de Vries', [AGENT_BO]: 'Bo Jansen' })[id] ?? null,
  group: (id) => (id === GROUP ? 'Helpdesk EMEA' : null),
};
const format = createFormatters('en-GB', 'Europe/Amsterdam');

function note(overrides: Partial<OverriddenNoteView>): OverriddenNoteView {
  return {
    id: '01900000-0000-7000-8000-0000000000e1',
    ticketId: TICKET,
    field: 'priority',
    value: 'urgent',
    yourValue: 'high',
    changedBy: { agentId: AGENT_ANA, agentName: 'Ana', clientId: null, mutationId: null, changedAt: AT },
    overwritten: { agentId: AGENT_BO, agentName: 'Bo', clientId: null, mutationId: null, changedAt: AT - 60_000 },
    appliedAt: AT,
    ...overrides,
  };
}

function rejection(overrides: Partial<SyncRejectionView>): SyncRejectionView {
  return {
    mutationId: '01900000-0000-7000-8000-0000000000f1',
    seq: 3,
    name: 'ticket/update-fields',
    args: { ticketId: TICKET, patch: { priority: 'high', assigneeId: AGENT_BO }, updatedAt: AT },
    error: { code: 'forbidden', message: 'The role author may not make ticket/update-fields', field: 'name' },
    final: true,
    at: AT,
    ...overrides,
  };
}

describe('the overridden note', () => {
  test('says who set which value when, and which value of yours lost', () => {
    // Same day as "now": the time alone, in the agent's zone.
    expect(noteText(t, format, note({}), names, AT + 3_600_000)).toBe(
      'Priority was set to Urgent by Ana at 10:42; your change to High was overridden.',
    );
  });

  test('names agents and the lack of one for an assignee', () => {
    expect(noteText(t, format, note({ field: 'assigneeId', value: AGENT_ANA, yourValue: null }), names, AT)).toBe(
      'Assignee was set to Ana de Vries by Ana at 10:42; your change to Unassigned was overridden.',
    );
  });

  test('gives the date as well for a change of another day', () => {
    expect(noteText(t, format, note({ field: 'status', value: 'solved', yourValue: 'pending' }), names, AT + 2 * 86_400_000)).toBe(
      'Status was set to Solved by Ana at 25 Nov 2026, 10:42; your change to Pending was overridden.',
    );
  });

  test('speaks Dutch', async () => {
    await i18n.changeLanguage('nl');
    expect(noteText(t, format, note({}), names, AT)).toBe('Prioriteit is door Ana om 10:42 op Urgent gezet; jouw wijziging naar Hoog is overschreven.');
    await i18n.changeLanguage('en');
  });
});

describe('a rejected change', () => {
  test('is told as the fields it set, on the ticket it named', () => {
    const ticket = ticketText(t, format, { kind: 'found', number: 1042, subject: 'Export fails' });
    expect(changeText(t, rejection({}), names, ticket)).toBe('Priority → High, Assignee → Bo Jansen on #1042 Export fails');
  });

  test('says so when the ticket is no longer on this desktop', () => {
    const ticket = ticketText(t, format, { kind: 'missing' });
    expect(changeText(t, rejection({ name: 'ticket/add-message', args: { ticketId: TICKET, kind: 'note' } }), names, ticket)).toBe(
      'Internal note on a ticket this desktop no longer holds',
    );
  });

  test('keeps the name of a change it has no words for', () => {
    expect(changeText(t, rejection({ name: 'kb/publish-article', args: {} }), names, null)).toBe('kb/publish-article');
  });

  test('gives the reason in words rather than the backend message', () => {
    expect(reasonText(t, rejection({}).error)).toBe('You are not allowed to make this change.');
    expect(reasonText(t, { code: 'unknown-method', message: 'There is no mutation "ticket/escalate"', field: 'name' })).toBe(
      'The backend does not know this kind of change yet. Retry once it is updated.',
    );
  });
});

describe('a refused sign-in', () => {
  const url = 'http://127.0.0.1:5318';
  test.each([
    [{ code: 'unauthorized', message: 'Wrong e-mail or password' }, 'The email or password is wrong.', 'password'],
    [{ code: 'rate-limited', message: 'Too many sign-in attempts: try again in 840 s' }, 'Too many sign-in attempts. Wait a few minutes, then try again.', null],
    [{ code: 'offline', message: 'The backend cannot be reached (fetch failed)' }, 'The backend at http://127.0.0.1:5318 cannot be reached. Check the address and your network.', 'url'],
    [{ code: 'forbidden', message: 'This account is disabled' }, 'This account is disabled. Ask your team’s administrator.', null],
    [{ code: 'malformed', message: 'The backend answered 200 without JSON' }, 'http://127.0.0.1:5318 does not answer like a Support Console backend. Check the address.', 'url'],
    [{ code: 'validation', message: 'Invalid URL', field: 'url' }, 'Enter the backend’s address, starting with http:// or https://.', 'url'],
  ] as const)('with %o says what to do and marks the field', (body, words, field) => {
    const error = new ApiError(body);
    expect({ words: signInErrorText(t, error, url), field: signInErrorField(error) }).toEqual({ words, field });
  });
});

describe('a sync problem', () => {
  test('tells a disabled account from an ended session and an old desktop', () => {
    expect([
      syncErrorText(t, { code: 'forbidden', message: 'This account was disabled by an administrator', field: 'account-disabled' }),
      syncErrorText(t, { code: 'unauthorized', message: 'The session ended: sign in again' }),
      syncErrorText(t, { code: 'validation', message: 'Protocol 2 is not spoken here', field: 'protocolVersion' }),
    ]).toEqual([
      'An administrator disabled this account.',
      'The session ended: sign in again.',
      'This desktop and the backend speak different sync versions: update Support Console.',
    ]);
  });
});
