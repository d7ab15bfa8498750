import { describe, expect, test } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/sync-methods';
import { CatchUpTracker } from './catch-up';

const ACCOUNT = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const URL = 'http://127.0.0.1:5318';

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'online',
    workOffline: false,
    backendUrl: URL,
    accountId: ACCOUNT,
    pending: 0,
    lastSyncAt: 1_000,
    live: true,
    error: null,
    rejectionCount: 0,
    rejections: [],
    ...overrides,
  };
}

/** Feeds statuses in order; answers what the tracker said about each. */
function feed(...statuses: SyncStatus[]) {
  const tracker = new CatchUpTracker();
  return statuses.map((next) => tracker.next(next));
}

describe('CatchUpTracker', () => {
  test('reports the end of a bootstrap once, when the desktop is online', () => {
    expect(
      feed(
        status({ state: 'syncing', lastSyncAt: null }),
        status({ state: 'syncing', lastSyncAt: 2_000 }),
        status({ state: 'online', lastSyncAt: 2_000 }),
        status({ state: 'syncing', lastSyncAt: 2_000 }),
        status({ state: 'online', lastSyncAt: 3_000 }),
      ).map((r) => r.caughtUp),
    ).toEqual([false, false, true, false, false]);
  });

  test('reports a sign-in as another account, then its first full sync', () => {
    expect(
      feed(
        status({ state: 'signed-out' }),
        status({ state: 'syncing', accountId: OTHER }),
        status({ state: 'online', accountId: OTHER, lastSyncAt: 5_000 }),
      ),
    ).toEqual([
      { accountChanged: false, caughtUp: false },
      { accountChanged: true, caughtUp: false },
      { accountChanged: false, caughtUp: true },
    ]);
  });

  test('leaves ordinary pulls and the work-offline switch to the change events', () => {
    expect(
      feed(
        status({}),
        status({ state: 'syncing' }),
        status({ state: 'online', lastSyncAt: 9_000 }),
        status({ state: 'paused', workOffline: true }),
        status({ state: 'online', lastSyncAt: 9_500 }),
      ).every((r) => !r.accountChanged && !r.caughtUp),
    ).toBe(true);
  });

  test('reports a sign-out as an account change with nothing to catch up', () => {
    expect(feed(status({}), status({ state: 'signed-out' }))).toEqual([
      { accountChanged: false, caughtUp: false },
      { accountChanged: true, caughtUp: false },
    ]);
  });
});
