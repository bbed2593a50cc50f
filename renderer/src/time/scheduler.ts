/**
 * Time as a dependency of the renderer (same shape as drivers/clock.ts, which the renderer may not
 * import). Screens and the event stream take a Scheduler so tests drive time by hand (or with
 * vitest fake timers) instead of sleeping.
 */
export type TimerHandle = { readonly id: number };

export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextId = 1;
const browserTimers = new Map<number, ReturnType<typeof setTimeout>>();

/** The real timers of the page (faked by `vi.useFakeTimers()` when a test wants that). */
export const browserScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = nextId++;
    browserTimers.set(
      id,
      globalThis.setTimeout(() => {
        browserTimers.delete(id);
        callback();
      }, ms),
    );
    return { id };
  },
  clearTimeout(handle) {
    const timer = browserTimers.get(handle.id);
    if (timer !== undefined) globalThis.clearTimeout(timer);
    browserTimers.delete(handle.id);
  },
};

/** A scheduler that only moves when told to: for tests. `advance` runs due timers in time order. */
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

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.counter++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
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
