import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';

describe('ManualClock', () => {
  it('advance runs a repeating timer at each of its times; jump runs each due timer once, from the new time', async () => {
    const clock = new ManualClock(0);
    const runs: number[] = [];
    const every = (ms: number) => {
      const tick = () => {
        runs.push(clock.now());
        clock.setTimeout(tick, ms);
      };
      clock.setTimeout(tick, ms);
    };
    every(1_000);
    await clock.advance(3_000);
    expect(runs).toEqual([1_000, 2_000, 3_000]);

    runs.length = 0;
    await clock.jump(10_000);
    expect(runs).toEqual([13_000]);
    await clock.advance(1_000);
    expect(runs).toEqual([13_000, 14_000]);
  });

  it('jump leaves timers not yet due, and runs due ones in their order', async () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    clock.setTimeout(() => order.push('late'), 5_000);
    clock.setTimeout(() => order.push('early'), 1_000);
    clock.setTimeout(() => order.push('later'), 60_000);
    await clock.jump(10_000);
    expect(order).toEqual(['early', 'late']);
    expect(clock.pendingTimers).toBe(1);
  });
});
