import { describe, expect, it } from 'vitest';
import { backoff, BACKOFF_CAP_MS, FailureBackoff, STABLE_AFTER_MS } from './backoff';

describe('backoff', () => {
  it('doubles from one second', () => {
    expect([0, 1, 2, 3, 4].map(backoff)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('is capped at 30 seconds, even after a very long outage', () => {
    expect(backoff(5)).toBe(BACKOFF_CAP_MS);
    expect(backoff(1_000)).toBe(BACKOFF_CAP_MS);
    expect(backoff(Number.MAX_SAFE_INTEGER)).toBe(BACKOFF_CAP_MS);
  });

  it('treats nonsense attempts as the first', () => {
    expect(backoff(-3)).toBe(1_000);
    expect(backoff(Number.NaN)).toBe(1_000);
  });
});

describe('FailureBackoff', () => {
  it('backs off on failures in a row and starts afresh after a stable period', () => {
    const failures = new FailureBackoff();
    expect(failures.next(0)).toBe(1_000);
    expect(failures.next(1_500)).toBe(2_000);
    expect(failures.next(4_000)).toBe(4_000);
    expect(failures.next(4_000 + STABLE_AFTER_MS)).toBe(1_000);
  });
});
