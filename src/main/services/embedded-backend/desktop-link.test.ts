import { describe, expect, test } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { embeddedSignInNeeded, type EmbeddedTarget } from './desktop-link';

const ME = '01900000-0000-7000-8000-0000000000a1';
const TEAMMATE = '01900000-0000-7000-8000-0000000000a2';
const EMBEDDED: EmbeddedTarget = { url: 'http://127.0.0.1:5318', accountId: ME, seeded: false };

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'signed-out',
    workOffline: false,
    backendUrl: null,
    accountId: null,
    pending: 0,
    lastSyncAt: null,
    live: false,
    error: null,
    rejectionCount: 0,
    rejections: [],
    ...overrides,
  };
}

describe('embeddedSignInNeeded', () => {
  test('signs a new desktop in, and one that lost its session to the same backend', () => {
    expect([
      embeddedSignInNeeded(status({}), EMBEDDED),
      embeddedSignInNeeded(status({ backendUrl: 'http://127.0.0.1:5318/', accountId: ME }), EMBEDDED),
    ]).toEqual([true, true]);
  });

  test('keeps a session the desktop still has', () => {
    expect(embeddedSignInNeeded(status({ state: 'syncing', backendUrl: EMBEDDED.url, accountId: ME }), EMBEDDED)).toBe(false);
  });

  test('leaves a desktop bound to a team backend, or signed in there as a teammate, to the agent', () => {
    expect([
      embeddedSignInNeeded(status({ backendUrl: 'https://support.example.com', accountId: ME }), EMBEDDED),
      embeddedSignInNeeded(status({ backendUrl: 'https://support.example.com', accountId: ME }), { ...EMBEDDED, seeded: true }),
      embeddedSignInNeeded(status({ backendUrl: EMBEDDED.url, accountId: TEAMMATE }), EMBEDDED),
    ]).toEqual([false, false, false]);
  });

  test('signs in again to a backend seeded just now, whatever session the desktop kept', () => {
    expect(embeddedSignInNeeded(status({ state: 'online', backendUrl: EMBEDDED.url, accountId: TEAMMATE }), { ...EMBEDDED, seeded: true })).toBe(true);
  });
});
