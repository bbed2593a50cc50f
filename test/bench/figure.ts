/**
 * One benchmark figure. Suites in test/bench/suites/*.ts export `figures: BenchFigure[]`;
 * `npm run bench` (test/bench/run.ts) measures each and prints it beside its target.
 */
export interface BenchFigure {
  /** What is measured, e.g. "SDT read frame decode". */
  name: string;
  /** Unit of the measured value, e.g. "ms", "µs", "ops/s". */
  unit: string;
  target: number;
  /** Whether a lower or a higher value is better (decides if the target is met). */
  better: 'lower' | 'higher';
  /** Returns the measured value in `unit`. May throw: the harness reports it and goes on. */
  measure: () => Promise<number> | number;
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
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
