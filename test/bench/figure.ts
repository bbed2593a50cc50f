/**
 * One benchmark figure. Suites in test/bench/suites/*.ts export `figures: BenchFigure[]`;
 * `npm run bench` (test/bench/run.ts) measures each beside its baseline and prints the ratio.
 *
 * These machines run two-fold faster or slower from one day to the next, so a figure whose value
 * follows the machine's speed is judged by its ratio to a bare counterpart measured in the same
 * run (test/bench/baselines/): the cost the kiosk adds on top of what the disk, the HTTP stack, the
 * serial port or the browser cost anyway. Figures that do not follow the machine's speed (bytes on
 * the wire, memory growth) keep an absolute target.
 */
export type BenchFigure = RatioFigure | AbsoluteFigure;

interface FigureBase {
  /** What is measured, e.g. "SDT read frame decode". */
  name: string;
  /** Unit of the measured value, e.g. "ms", "µs", "ops/s". */
  unit: string;
  /** Whether a lower or a higher value is better (decides if the target is met). */
  better: 'lower' | 'higher';
  /** Returns the measured value in `unit`. May throw: the harness reports it and goes on. */
  measure: () => Promise<number> | number;
}

export interface RatioFigure extends FigureBase {
  /** The bare counterpart, measured just before the figure; in the figure's own unit. */
  baseline: Baseline;
  /**
   * Met when value / baseline is at most this (better: 'lower') or at least this ('higher').
   * Set from measurements with headroom; the comment beside it says what the figure does on top
   * of the bare baseline.
   */
  targetRatio: number;
}

export interface AbsoluteFigure extends FigureBase {
  baseline?: undefined;
  target: number;
}

/** A bare counterpart of a figure: the same work without the kiosk's code. */
export interface Baseline {
  /** What the bare counterpart does, e.g. "bare FULL commit rate". */
  name: string;
  /** Must be the unit of the figures it is a baseline for, so the ratio has none. */
  unit: string;
  measure: () => Promise<number> | number;
}

/** Bare steps one after the other: a figure that does several bare things in a row. */
export function sumOf(...parts: Baseline[]): Baseline {
  return {
    name: parts.map((p) => p.name).join(' + '),
    unit: parts[0]!.unit,
    async measure() {
      let total = 0;
      for (const p of parts) {
        if (p.unit !== parts[0]!.unit) throw new Error(`cannot add ${p.unit} to ${parts[0]!.unit}`);
        total += await p.measure();
      }
      return total;
    },
  };
}

/** Runs `measure` once, however many figures or baselines ask for it. */
export function once<T>(measure: () => Promise<T>): () => Promise<T>;
export function once<T>(measure: () => T): () => T;
export function once<T>(measure: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = measure();
      done = true;
    }
    return value;
  };
}

/** The sample at quantile `q` (0..1) of unsorted `samples`. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** Median of per-iteration times of `fn`, in milliseconds, after a warm-up. */
export async function medianMs(
  fn: () => unknown | Promise<unknown>,
  iterations = 200,
  warmup = 20,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return quantile(samples, 0.5);
}
