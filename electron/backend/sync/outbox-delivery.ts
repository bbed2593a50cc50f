import type { Clock, TimerHandle } from '../../../drivers/clock';
import type { KioskLogger } from '../logging/logger';
import type { KioskDatabase } from '../store/database';
import type { Outbox, OutboxItem } from '../store/outbox';

/** First retry after about a second; never wait more than five minutes between tries. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A claim expires if the process dies mid-delivery, so another sweep can send it again. */
export const DELIVERY_LEASE_MS = 30_000;
/** How often due items are swept when nothing else triggers delivery. */
export const SWEEP_INTERVAL_MS = 5_000;

export type DeliveryOutcome =
  | { kind: 'ok'; response: unknown; apply?: (now: number) => void }
  | { kind: 'rejected'; reason: string; response: unknown; apply?: (now: number) => void }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export type StreamHandler = (item: OutboxItem) => Promise<DeliveryOutcome>;

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Delivers outbox items at least once; the idempotency key makes the central apply each once.
 * The acknowledgement and the domain change it implies are one transaction.
 */
export class OutboxDelivery {
  private sweepTimer: TimerHandle | undefined;
  private stopped = true;
  private running = new Map<number, Promise<OutboxItem | undefined>>();

  constructor(
    private readonly deps: {
      db: KioskDatabase;
      outbox: Outbox;
      clock: Clock;
      logger: KioskLogger;
      handlers: Record<string, StreamHandler>;
      random?: () => number;
    },
  ) {}

  /** Tries to deliver one item now; resolves with its state afterwards. */
  deliver(id: number): Promise<OutboxItem | undefined> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const attempt = this.attempt(id).finally(() => this.running.delete(id));
    this.running.set(id, attempt);
    return attempt;
  }

  private async attempt(id: number): Promise<OutboxItem | undefined> {
    const { db, outbox, clock, logger, handlers } = this.deps;
    const item = outbox.claim(id, clock.now(), DELIVERY_LEASE_MS);
    if (!item) return outbox.get(id);
    const handler = handlers[item.stream];
    let outcome: DeliveryOutcome;
    if (!handler) {
      outcome = { kind: 'rejected', reason: `no handler for stream ${item.stream}`, response: null };
    } else {
      try {
        outcome = await handler(item);
      } catch (err) {
        outcome = { kind: 'retry', reason: `handler error: ${(err as Error).message}` };
      }
    }
    const now = clock.now();
    if (outcome.kind === 'ok') {
      const { apply, response } = outcome;
      db.transaction(() => {
        outbox.acknowledge(id, response, now);
        apply?.(now);
      })();
      logger.info('outbox.delivered', { outboxId: id, stream: item.stream, attempts: item.attempts });
    } else if (outcome.kind === 'rejected') {
      const { apply, reason, response } = outcome;
      db.transaction(() => {
        outbox.reject(id, reason, response, now);
        apply?.(now);
      })();
      logger.warn('outbox.rejected', { outboxId: id, stream: item.stream, reason });
    } else {
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(item.attempts, this.deps.random));
      outbox.retryLater(id, outcome.reason, now + delay, now);
      logger.warn('outbox.retry', {
        outboxId: id,
        stream: item.stream,
        reason: outcome.reason,
        delayMs: delay,
      });
      this.scheduleSweep(delay);
    }
    return outbox.get(id);
  }

  /** Sends whatever is due, oldest first. */
  async sweep(): Promise<void> {
    for (const id of this.deps.outbox.due(this.deps.clock.now(), 50)) await this.deliver(id);
  }

  start(): void {
    this.stopped = false;
    this.deps.outbox.releaseInFlight(this.deps.clock.now());
    this.scheduleSweep(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.sweepTimer) this.deps.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  private scheduleSweep(delay: number): void {
    if (this.stopped) return;
    if (this.sweepTimer) this.deps.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = this.deps.clock.setTimeout(
      () => {
        this.sweepTimer = undefined;
        void this.sweep().finally(() => {
          if (!this.sweepTimer) this.scheduleSweep(SWEEP_INTERVAL_MS);
        });
      },
      Math.min(delay, SWEEP_INTERVAL_MS),
    );
  }
}
