import type { Prng } from './prng';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 for the instant `atMs` whose 74 random bits come from `prng`, so seeded sample
 * data gets the same ids on every run. Built from a hex table: this runs millions of times.
 */
export function uuidv7At(prng: Prng, atMs: number): string {
  // The 48-bit timestamp split in a high 32-bit and a low 16-bit part (bit operators are 32-bit).
  const high = Math.floor(atMs / 0x10000) >>> 0;
  const low = atMs % 0x10000;
  const r1 = prng.next();
  const r2 = prng.next();
  const r3 = prng.next();
  return (
    HEX[high >>> 24]! +
    HEX[(high >>> 16) & 0xff]! +
    HEX[(high >>> 8) & 0xff]! +
    HEX[high & 0xff]! +
    '-' +
    HEX[low >>> 8]! +
    HEX[low & 0xff]! +
    '-' +
    HEX[0x70 | (r1 & 0x0f)]! +
    HEX[(r1 >>> 4) & 0xff]! +
    '-' +
    HEX[0x80 | ((r1 >>> 12) & 0x3f)]! +
    HEX[(r1 >>> 18) & 0xff]! +
    '-' +
    HEX[r2 & 0xff]! +
    HEX[(r2 >>> 8) & 0xff]! +
    HEX[(r2 >>> 16) & 0xff]! +
    HEX[r2 >>> 24]! +
    HEX[r3 & 0xff]! +
    HEX[(r3 >>> 8) & 0xff]!
  );
}
