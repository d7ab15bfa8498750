import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { SlaClockView, TicketSlaView } from './sla-store';

let headlineClock: (view: TicketSlaView | null) => SlaClockView | null;

beforeAll(async () => {
  // The store module reaches the api client, which picks its transport from `window` when loaded.
  vi.stubGlobal('window', { location: { hash: '' } });
  ({ headlineClock } = await import('./sla-store'));
});

function clock(clock: SlaClockView['clock'], state: SlaClockView['state'], dueAt: number | null): SlaClockView {
  return { clock, state, dueAt, targetMinutes: 60, elapsedMinutes: 0, remainingMinutes: 60, segments: [] };
}

function view(clocks: SlaClockView[], next: SlaClockView | null = null): TicketSlaView {
  return {
    ticketId: '01890000-0000-7000-8000-000000000001',
    matrixVersion: 1,
    plan: 'basic',
    priority: 'high',
    calendar: null,
    pausedStatuses: ['pending'],
    next,
    clocks,
    breached: clocks.some((c) => c.state === 'breached'),
  };
}

describe('headlineClock', () => {
  test('shows the next running deadline', () => {
    const running = clock('resolution', 'running', 2_000);
    expect(headlineClock(view([clock('firstResponse', 'breached', 1_000), running], running))).toEqual(running);
  });

  test('shows the earliest breached clock when none runs', () => {
    const early = clock('firstResponse', 'breached', 1_000);
    expect(headlineClock(view([clock('resolution', 'breached', 5_000), early]))).toEqual(early);
  });

  test('shows a paused clock when nothing runs or is overdue', () => {
    const paused = clock('resolution', 'paused', null);
    expect(headlineClock(view([clock('firstResponse', 'met', 1_000), paused]))).toEqual(paused);
  });

  test('shows nothing when every clock is met or has no target', () => {
    expect(headlineClock(view([clock('firstResponse', 'met', 1_000), clock('resolution', 'none', null)]))).toBeNull();
  });
});
