/** One benchmark figure, printed as one JSON line (DESIGN.md §5). */
export interface Figure {
  metric: string;
  value: number;
  budget: number;
  goal: number;
  better: 'lower' | 'higher';
  size: number;
  /** The backend storage a figure was measured on, when it depends on it. */
  storage?: 'sqlite' | 'postgres';
}

/** The p-th percentile (0–100) of `samples`, nearest rank; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Rounds a figure's value for printing: 3 significant decimals for small numbers, integers for large. */
export function roundValue(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 1000) return Math.round(value);
  return Number(value.toPrecision(3));
}

/** Prints a figure to stdout, the only thing the bench writes there. */
export function printFigure(figure: Figure): void {
  process.stdout.write(`${JSON.stringify({ ...figure, value: roundValue(figure.value) })}\n`);
}

/** Progress for the person watching, on stderr. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs `fn` and returns how long it took, in milliseconds. */
export function timeMs(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** Keeps a uniform random sample of at most `capacity` items from a stream (reservoir sampling). */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(
    private readonly capacity: number,
    private readonly random: () => number,
  ) {}

  offer(item: T): void {
    this.seen++;
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      const slot = Math.floor(this.random() * this.seen);
      if (slot < this.capacity) this.items[slot] = item;
    }
  }
}
