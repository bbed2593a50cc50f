import type { Clock, TimerHandle } from '../../domain/clock';

/**
 * Time that jumps: a timer fires as soon as the event loop is free, with `now` moved to its due
 * time. The driver's polls then run through real HTTP at once, and the job timeout is reached in
 * virtual minutes without any test waiting for them.
 */
export class JumpingClock implements Clock {
  private current = Date.UTC(2026, 11, 7, 9, 0, 0);
  private nextId = 1;
  private readonly live = new Set<number>();
  now(): number {
    return this.current;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.live.add(id);
    setImmediate(() => {
      if (!this.live.delete(id)) return;
      this.current += Math.max(0, ms);
      callback();
    });
    return { id };
  }
  clearTimeout(handle: TimerHandle): void {
    this.live.delete(handle.id);
  }
}
