import type { Prng } from './prng';

const HOUR_MS = 3_600_000;

// Relative ticket arrivals per UTC hour: India in the early hours, Europe's office day as the
// peak, the Americas in the afternoon and evening, Australia overnight.
const BY_UTC_HOUR = [0.5, 0.4, 0.4, 0.6, 0.8, 1.0, 1.6, 2.6, 3.4, 3.6, 3.5, 3.3, 3.2, 3.6, 3.8, 3.6, 3.0, 2.4, 2.0, 1.8, 1.6, 1.3, 0.9, 0.6];
// Sunday first, as Date#getUTCDay counts: Mondays are busiest, weekends quiet.
const BY_WEEKDAY = [0.35, 1.25, 1.15, 1.1, 1.1, 1.0, 0.4];

/**
 * Hands out `count` ticket creation instants in ascending order over [startMs, endMs), denser
 * in office hours and on weekdays. Ascending instants give ascending UUIDv7 ids, so ticket
 * rows and most index entries are appended rather than inserted at random.
 */
export class ArrivalSchedule {
  private readonly cumulative: Float64Array;
  private readonly weights: Float64Array;
  private hour = 0;
  private issued = 0;

  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
    private readonly count: number,
  ) {
    const hours = Math.max(1, Math.ceil((endMs - startMs) / HOUR_MS));
    this.weights = new Float64Array(hours);
    this.cumulative = new Float64Array(hours);
    let sum = 0;
    for (let h = 0; h < hours; h++) {
      const at = new Date(startMs + h * HOUR_MS);
      const weight = BY_UTC_HOUR[at.getUTCHours()]! * BY_WEEKDAY[at.getUTCDay()]!;
      this.weights[h] = weight;
      sum += weight;
      this.cumulative[h] = sum;
    }
  }

  /** The next creation instant; never earlier than the previous one. */
  next(prng: Prng): number {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const target = ((this.issued + prng.float()) / this.count) * total;
    this.issued++;
    while (this.hour < this.cumulative.length - 1 && this.cumulative[this.hour]! <= target) this.hour++;
    const before = this.hour === 0 ? 0 : this.cumulative[this.hour - 1]!;
    const within = Math.min(1, Math.max(0, (target - before) / this.weights[this.hour]!));
    return Math.min(this.endMs - 1, Math.floor(this.startMs + (this.hour + within) * HOUR_MS));
  }
}
