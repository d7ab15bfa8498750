// A network between one desktop and the backend that misbehaves the way real ones do, driven by a
// seeded generator so a failing run can be replayed: requests that reach the backend twice,
// answers lost after the backend acted, requests that never leave, late copies of old pushes.
// Used in the test process and in desktop processes alike (sync-convergence.test.ts).

/** A small seeded PRNG (mulberry32): the same seed, the same faults. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many faults a network made. */
export interface FaultCounts {
  twice: number;
  lost: number;
  down: number;
  late: number;
}

export function noFaults(): FaultCounts {
  return { twice: 0, lost: 0, down: 0, late: 0 };
}

/**
 * A fetch that, while `faults.on`, sometimes delivers a push or pull twice, loses the answer after
 * the backend acted on it, fails before sending, or first delivers a late copy of an earlier push
 * (whose answer goes nowhere). Other calls (sign-in, the live stream) go through untouched.
 */
export function faultyNetwork(random: () => number, faults: { on: boolean }, counts: FaultCounts, inner: typeof fetch = fetch): typeof fetch {
  const oldPushes: { url: string; init: RequestInit }[] = [];
  return async (input, init) => {
    const url = String(input);
    const syncCall = url.endsWith('/sync/push') || url.endsWith('/sync/pull');
    if (!faults.on || !syncCall) return inner(input, init);
    const roll = random();
    if (url.endsWith('/sync/push')) {
      oldPushes.push({ url, init: { method: 'POST', headers: init?.headers as Record<string, string>, body: init?.body as string } });
      if (oldPushes.length > 20) oldPushes.shift();
      if (random() < 0.15) {
        const late = oldPushes[Math.floor(random() * oldPushes.length)]!;
        counts.late += 1;
        await inner(late.url, late.init)
          .then((response) => response.text())
          .catch(() => undefined);
      }
    }
    if (roll < 0.05) {
      counts.down += 1;
      throw new TypeError('fetch failed: the network is down');
    }
    if (roll < 0.15) {
      counts.lost += 1;
      await inner(input, init).then((response) => response.text());
      throw new TypeError('fetch failed: the answer was lost');
    }
    if (roll < 0.3) {
      counts.twice += 1;
      await inner(input, init).then((response) => response.text());
    }
    return inner(input, init);
  };
}
