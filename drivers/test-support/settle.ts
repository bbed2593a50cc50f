import type { ManualClock } from '../../domain/clock';

/**
 * Lets every queued microtask and I/O callback run (a macrotask turn), not a timed wait: simulated
 * links answer through long microtask chains that ManualClock.advance's fixed flush may not cover.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Advances the manual clock in steps, settling after each, so chains started by timers finish. */
export async function advanceSettled(clock: ManualClock, ms: number, stepMs = 50): Promise<void> {
  let left = ms;
  await settle();
  while (left > 0) {
    const step = Math.min(stepMs, left);
    await clock.advance(step);
    await settle();
    left -= step;
  }
}
