import { systemClock, type Clock } from '../../../domain/clock';

/**
 * Time as a dependency of the renderer: the domain's clock. Screens and the event stream take a
 * Scheduler so tests drive time by hand (or with vitest fake timers) instead of sleeping.
 */
export type { TimerHandle } from '../../../domain/clock';
export type Scheduler = Clock;

/** The page's real timers (faked by `vi.useFakeTimers()` when a test wants that). */
export const browserScheduler: Scheduler = systemClock;

/**
 * A scheduler that only moves when told to: for tests. Unlike the domain's ManualClock, `advance` is
 * synchronous, so a screen test can move time inside React's `act()` and see the render at once.
 */
export class ManualScheduler implements Scheduler {
  private current: number;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private counter = 1;

  constructor(start = Date.UTC(2026, 10, 25, 1, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): { readonly id: number } {
    const id = this.counter++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: { readonly id: number }): void {
    this.timers.delete(handle.id);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running each due timer at its own time (synchronously). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, t] of this.timers) {
        if (t.at <= target && t.at < dueAt) {
          dueAt = t.at;
          dueId = id;
        }
      }
      if (dueId === undefined) break;
      const timer = this.timers.get(dueId);
      this.timers.delete(dueId);
      this.current = dueAt;
      timer?.callback();
    }
    this.current = target;
  }
}
