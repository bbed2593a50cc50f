/**
 * Restart delays of the backend. Pure: no electron import.
 */

/** First restart waits this long: long enough not to spin on a crash at start-up, short for a citizen. */
export const BACKOFF_BASE_MS = 1_000;
/** Never wait longer than this: the screen says "temporarily unavailable" meanwhile, so keep trying. */
export const BACKOFF_CAP_MS = 30_000;
/** A backend that stayed up this long after becoming ready is healthy again: the next crash starts at the base. */
export const STABLE_AFTER_MS = 60_000;

/** Delay before restart number `attempt` (0 = the first restart after a crash): 1 s, 2 s, 4 s ... 30 s. */
export function backoff(attempt: number): number {
  if (!Number.isFinite(attempt) || attempt <= 0) return BACKOFF_BASE_MS;
  // Cap the exponent so 2 ** attempt cannot overflow to Infinity after a very long outage.
  const exponent = Math.min(Math.floor(attempt), 30);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
}

/**
 * Counts failures that come in a row (renderer crashes, backend exits) and turns them into delays.
 * A failure more than STABLE_AFTER_MS after the previous one starts the count afresh, so one crash a
 * day is always answered in a second while a crash loop backs off to the cap instead of spinning.
 */
export class FailureBackoff {
  private attempt = 0;
  private lastFailureAt: number | null = null;

  /** Records a failure at `now` and returns how long to wait before recovering from it. */
  next(now: number): number {
    if (this.lastFailureAt !== null && now - this.lastFailureAt >= STABLE_AFTER_MS) this.attempt = 0;
    this.lastFailureAt = now;
    const delay = backoff(this.attempt);
    this.attempt += 1;
    return delay;
  }
}
