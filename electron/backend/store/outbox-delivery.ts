import type { Clock, TimerHandle } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';
import type { KioskDatabase } from './database';
import { GroupCommit } from './group-commit';
import type { Outbox, OutboxItem } from './outbox';

/** First retry after about a second; never wait more than five minutes between tries. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A claim expires if the process dies mid-delivery, so another sweep can send it again. */
export const DELIVERY_LEASE_MS = 30_000;
/** How often due items are swept when nothing else triggers delivery. */
export const SWEEP_INTERVAL_MS = 5_000;
/** The shortest wait between timed sweeps. */
export const MIN_SWEEP_GAP_MS = 100;
/**
 * Items delivered at once from different streams; one stream is always sequential. Their requests
 * travel together as one batch (sync/batching-fetch.ts) and their claims and acknowledgements
 * share commits (store/group-commit.ts), so more at once costs little.
 */
export const DELIVERY_CONCURRENCY = 32;
/** Items a sweep looks at before it yields and schedules the next one. */
export const SWEEP_BATCH = 200;

export type DeliveryOutcome =
  | { kind: 'ok'; response: unknown; apply?: (now: number) => void }
  | {
      kind: 'rejected';
      reason: string;
      response: unknown;
      apply?: (now: number) => void;
      /**
       * The central deliberately refused (central-outcome.ts, centralRefusal): the citizen's
       * outcome, kept as a refusal rather than a dead letter, and never offered for a retry.
       */
      refused?: boolean;
    }
  /** `offline` marks failures that say the central is unreachable (not a per-item problem). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; offline?: boolean };

export type StreamHandler = (item: OutboxItem) => Promise<DeliveryOutcome>;

export interface DeliveryStatus {
  online: boolean;
  lastSuccessAt: number | null;
  lastError: string | null;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Delivers outbox items at least once; the idempotency key makes the central apply each once.
 * The acknowledgement and the domain change it implies are one transaction. Delivery is
 * triggered on enqueue (the caller calls `deliver`), on a timer, and when the central comes back.
 */
export class OutboxDelivery {
  private sweepTimer: TimerHandle | undefined;
  private sweepAt = Infinity;
  private stopped = true;
  private sweeping: Promise<void> | undefined;
  private running = new Map<number, Promise<OutboxItem | undefined>>();
  private status: DeliveryStatus = { online: true, lastSuccessAt: null, lastError: null };
  private listeners = new Set<(status: DeliveryStatus) => void>();
  /** Claims and settlements of concurrent deliveries share commits (one fsync per group). */
  private readonly commits: GroupCommit;

  constructor(
    private readonly deps: {
      db: KioskDatabase;
      outbox: Outbox;
      clock: Clock;
      logger: KioskLogger;
      /** Handlers by item kind (the stream's part before the first ':'). */
      handlers: Record<string, StreamHandler>;
      random?: () => number;
      /** Asks the central whether it answers at all; used while offline to notice it is back. */
      probe?: () => Promise<boolean>;
    },
  ) {
    this.commits = new GroupCommit(deps.db);
  }

  /**
   * While offline, asks the central whether it is back; if so, everything waiting in backoff is
   * sent now instead of at its own retry time. Runs with each timed sweep.
   */
  async checkConnectivity(): Promise<boolean> {
    if (this.status.online || !this.deps.probe) return this.status.online;
    const back = await this.deps.probe().catch(() => false);
    if (back) this.markReachable(this.deps.clock.now());
    return back;
  }

  /** Tries to deliver one item now; resolves with its state afterwards. */
  deliver(id: number): Promise<OutboxItem | undefined> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const attempt = this.attempt(id).finally(() => this.running.delete(id));
    this.running.set(id, attempt);
    return attempt;
  }

  syncStatus(): DeliveryStatus {
    return { ...this.status };
  }

  onStatusChange(listener: (status: DeliveryStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async attempt(id: number): Promise<OutboxItem | undefined> {
    const { outbox, clock, logger, handlers } = this.deps;
    // Order per stream: an item waits while an earlier one of its stream is not settled; a
    // sweep sends the earlier ones first, then this one if its turn has come.
    if (!outbox.isStreamHead(id)) {
      await this.sweep();
      const current = outbox.get(id);
      if (current?.state !== 'pending' || !outbox.isStreamHead(id)) return current;
    }
    // A lease need not survive a crash: at start every in-flight item goes back to pending.
    const item = await this.commits.run(() => outbox.claim(id, clock.now(), DELIVERY_LEASE_MS), {
      durable: false,
    });
    if (!item) return outbox.get(id);
    const handler = handlers[item.kind];
    let outcome: DeliveryOutcome;
    if (!handler) {
      outcome = { kind: 'rejected', reason: `no handler for ${item.kind}`, response: null };
    } else {
      try {
        outcome = await handler(item);
      } catch (err) {
        outcome = { kind: 'retry', reason: `handler error: ${(err as Error).message}` };
      }
    }
    const now = clock.now();
    if (outcome.kind === 'ok' || outcome.kind === 'rejected') {
      const { apply } = outcome;
      // The acknowledgement and the domain change it implies commit together (one savepoint).
      await this.commits.run(() => {
        if (outcome.kind === 'ok') outbox.acknowledge(id, outcome.response, now);
        else
          outbox.reject(id, outcome.reason, outcome.response, now, outcome.refused ? 'refused' : undefined);
        apply?.(now);
      });
      if (outcome.kind === 'ok') {
        logger.info('outbox.delivered', { outboxId: id, kind: item.kind, attempts: item.attempts });
      } else if (outcome.refused) {
        logger.info('outbox.refused', { outboxId: id, kind: item.kind, reason: outcome.reason });
      } else {
        logger.warn('outbox.rejected', { outboxId: id, kind: item.kind, reason: outcome.reason });
      }
      this.markReachable(now);
    } else {
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(item.attempts, this.deps.random));
      await this.commits.run(() => outbox.retryLater(id, outcome.reason, now + delay, now));
      logger.warn('outbox.retry', { outboxId: id, kind: item.kind, reason: outcome.reason, delayMs: delay });
      if (outcome.offline) this.markUnreachable(outcome.reason);
      this.scheduleSweep(delay);
    }
    return outbox.get(id);
  }

  /** Sends whatever is due: the head of each stream, several streams at once. */
  sweep(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.runSweep().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async runSweep(): Promise<void> {
    for (;;) {
      const ids = this.deps.outbox.due(this.deps.clock.now(), SWEEP_BATCH);
      if (ids.length === 0) return;
      let next = 0;
      // Each worker takes a stream's head and goes on down that stream while items settle, so a
      // long queue is not re-scanned for every item.
      const worker = async () => {
        while (next < ids.length) {
          let id: number | undefined = ids[next++]!;
          while (id !== undefined) {
            const settled = await this.deliver(id);
            if (settled?.state !== 'acknowledged' && settled?.state !== 'rejected') break;
            id = this.deps.outbox.nextInStream(id, this.deps.clock.now());
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, ids.length) }, worker));
      if (!this.status.online) return;
    }
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
    this.sweepAt = Infinity;
  }

  /** Waits for the sweep and deliveries under way (for an orderly shutdown). */
  async idle(): Promise<void> {
    await this.sweeping;
    await Promise.all(this.running.values());
  }

  private markReachable(now: number): void {
    const wasOffline = !this.status.online;
    this.status = { online: true, lastSuccessAt: now, lastError: null };
    this.emit();
    if (wasOffline) {
      this.deps.logger.info('central.reachable', {});
      // Back online: whatever waited in backoff goes now rather than at its own retry time. Through
      // the group commit, so a retry time written by a failure just before comes first, not after.
      void this.commits
        .run(() =>
          this.deps.db
            .prepare(`UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`)
            .run(now, now),
        )
        .then(() => this.scheduleSweep(0));
    }
  }

  private markUnreachable(reason: string): void {
    const wasOnline = this.status.online;
    this.status = { ...this.status, online: false, lastError: reason };
    if (wasOnline) this.deps.logger.warn('central.unreachable', { reason });
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.syncStatus());
  }

  private scheduleSweep(delay: number): void {
    if (this.stopped) return;
    const wait = Math.min(delay, SWEEP_INTERVAL_MS);
    const at = this.deps.clock.now() + wait;
    if (this.sweepTimer && at >= this.sweepAt) return;
    if (this.sweepTimer) this.deps.clock.clearTimeout(this.sweepTimer);
    this.sweepAt = at;
    this.sweepTimer = this.deps.clock.setTimeout(() => {
      this.sweepTimer = undefined;
      this.sweepAt = Infinity;
      void this.checkConnectivity()
        .then(() => this.sweep())
        .finally(() => {
          if (this.sweepTimer) return;
          // Wake for the next item due (a retry time may have been written while this sweep ran),
          // but not in a loop for an item that waits behind another of its stream.
          const due = this.deps.outbox.nextDueAt();
          const wait = due === undefined ? SWEEP_INTERVAL_MS : due - this.deps.clock.now();
          this.scheduleSweep(Math.max(MIN_SWEEP_GAP_MS, wait));
        });
    }, wait);
  }
}
