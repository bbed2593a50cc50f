/**
 * Time as a dependency. Drivers, the session and sync take a Clock so tests drive time by hand
 * instead of sleeping for real timeouts.
 */
export type TimerHandle = { readonly id: number };

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextSystemId = 1;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = nextSystemId++;
    const timer = setTimeout(() => {
      systemTimers.delete(id);
      callback();
    }, ms);
    systemTimers.set(id, timer);
    return { id };
  },
  clearTimeout(handle) {
    const timer = systemTimers.get(handle.id);
    if (timer) clearTimeout(timer);
    systemTimers.delete(handle.id);
  },
};
const systemTimers = new Map<number, ReturnType<typeof setTimeout>>();

/** A clock that only moves when told to. `advance` runs due timers in time order. */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 25, 1, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Number of timers still waiting. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, running each due timer at its own time. Lets promise chains and
   * immediates settle between timers so what one timer started settles before the next fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, t] of this.timers) {
        if (t.at <= target && (t.at < dueAt || (t.at === dueAt && id < (dueId ?? Infinity)))) {
          dueAt = t.at;
          dueId = id;
        }
      }
      if (dueId === undefined) break;
      const timer = this.timers.get(dueId)!;
      this.timers.delete(dueId);
      this.current = timer.at;
      timer.callback();
    }
    this.current = target;
    await flushMicrotasks();
  }

  /**
   * Jumps `ms` forward the way a clock does after a suspend or a correction: each timer due by then
   * runs once, at the new time, and what it schedules counts from there. A month of a server whose
   * sweeps run every few seconds is then a handful of runs instead of half a million, for tests
   * about what a long wait leaves behind rather than about each run on the way.
   */
  async jump(ms: number): Promise<void> {
    this.current += ms;
    const due = [...this.timers]
      .filter(([, t]) => t.at <= this.current)
      .sort(([a, x], [b, y]) => x.at - y.at || a - b);
    for (const [id, timer] of due) {
      if (!this.timers.delete(id)) continue;
      timer.callback();
      await flushMicrotasks();
    }
    await flushMicrotasks();
  }
}

/**
 * Lets promise chains settle, including work deferred to the next macrotask (group commits and
 * batched requests wait for `setImmediate`), so a timer's whole consequence is visible after it.
 */
async function flushMicrotasks(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
