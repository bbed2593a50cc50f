import type { Clock, TimerHandle } from '../../../domain/clock';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';

/** One sample every 5 minutes: 288 points for the day's chart. */
export const DEPTH_SAMPLE_INTERVAL_MS = 5 * 60_000;
/** Samples older than a week are dropped. */
export const DEPTH_SAMPLE_RETENTION_MS = 7 * 24 * 3_600_000;
export const DAY_MS = 24 * 3_600_000;

export interface DepthSample {
  at: number;
  depth: number;
  deadLetters: number;
}

/** Samples the outbox depth (pending + in flight) and dead letters on the clock, into SQLite. */
export class QueueDepthSampler {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly deps: { db: KioskDatabase; outbox: Outbox; clock: Clock; intervalMs?: number },
  ) {}

  sample(): void {
    const { db, outbox, clock } = this.deps;
    const now = clock.now();
    const s = outbox.stats(now);
    db.prepare('INSERT OR REPLACE INTO queue_depth_samples (at, depth, dead_letters) VALUES (?, ?, ?)').run(
      now,
      s.pending + s.inFlight,
      s.deadLetters,
    );
    db.prepare('DELETE FROM queue_depth_samples WHERE at < ?').run(now - DEPTH_SAMPLE_RETENTION_MS);
  }

  start(): void {
    const tick = () => {
      this.sample();
      this.timer = this.deps.clock.setTimeout(tick, this.deps.intervalMs ?? DEPTH_SAMPLE_INTERVAL_MS);
    };
    tick();
  }

  stop(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Samples of the last `windowMs` (a day by default), oldest first. */
export function depthSamples(db: KioskDatabase, now: number, windowMs = DAY_MS): DepthSample[] {
  return db
    .prepare(
      'SELECT at, depth, dead_letters AS deadLetters FROM queue_depth_samples WHERE at > ? AND at <= ? ORDER BY at',
    )
    .all(now - windowMs, now) as DepthSample[];
}
